// Detector: what a real run of the unhardened image wrote (`--learn`, kept in the config file), folded to
// the folders that hold it the way the static detectors fold: never a system folder, never the code itself.
import path from 'node:path';
import type { Detector, DetectorResult, LearnedWrite, Note, PassContext, WritePath } from '../../src/types.js';
import { appCodePaths, cleanPath, copiesInto, isSystemFolder, isWithin, userHome } from './shared.js';

export const name = 'learned';
export const description = 'Paths a real run of the unhardened image wrote (--learn), folded to the folders that hold them';

/** Writes that say nothing about what the app needs: bytecode caches (Python runs on without them). */
const NOISE = [
  { pattern: /(^|\/)__pycache__(\/|$)|\.py[co]$/, source: 'Python writes bytecode caches only when it can, and runs without them' },
];

/** Folders every user may already write, or that are not the image's: nothing to hand over. */
const NOT_OURS = ['/tmp', '/var/tmp', '/dev', '/proc', '/sys', '/run/lock', '/var/lock'];

/** Files under one folder of the app's own from this many on: the folder is handed over rather than each file. */
const MANY_FILES = 3;

/** How many written paths an evidence line names before "and N more". */
const SHOWN = 3;

const reasons = {
  evidence: (written: string[]) => `written on a real run: ${written.slice(0, SHOWN).join(', ')}${written.length > SHOWN ? ` and ${written.length - SHOWN} more` : ''}`,
  home: (home: string) => `under /root on the learning run, which ran as root: mapped to the user's home ${home}`,
  noHome: (paths: string[]) =>
    `a real run as root wrote under /root (${paths.slice(0, SHOWN).join(', ')}${paths.length > SHOWN ? ', …' : ''}), which the unprivileged user cannot reach, and the user has no known home: set ENV HOME to a folder the user owns`,
  exited: (command: string, code: number) => `the learning run's command (${command}) exited ${code} as root: what it wrote before that was learned, but a later step may write more; run --learn again once it runs`,
};

export interface FoldContext {
  /** Where the app's code lands (the code folder takes new files only as a sticky group-writable folder). */
  appCode: string[];
  /** The unprivileged user's home, which stands for /root (the learning run's ~). */
  home?: string;
}

/**
 * Fold what a run wrote into write paths: a new file or folder → the folder that held it (unless that is a
 * system folder: then the new file or folder itself); a changed file the image shipped → that file; many
 * such files in one folder of the app's own → the folder; new files straight in the code folder → that
 * folder, shared (group-writable, sticky); writes under /root → the same place under the user's home.
 */
export function foldLearned(writes: readonly LearnedWrite[], ctx: FoldContext): { paths: WritePath[]; unmappedRoot: string[] } {
  const unmappedRoot: string[] = [];
  const seen: LearnedWrite[] = [];
  for (const w of writes) {
    let p = cleanPath(w.path);
    if (NOISE.some((n) => n.pattern.test(p)) || NOT_OURS.some((d) => isWithin(p, d))) continue;
    if (isWithin(p, '/root')) {
      if (p === '/root') continue;
      if (!ctx.home) {
        unmappedRoot.push(p);
        continue;
      }
      p = ctx.home + p.slice('/root'.length);
    }
    seen.push({ ...w, path: p });
  }
  const newDirs = seen.filter((w) => w.change === 'new' && w.type === 'dir').map((w) => w.path);
  const insideNew = (p: string) => newDirs.some((d) => d !== p && isWithin(p, d));
  const isCode = (p: string) => ctx.appCode.includes(p);

  // Where each write lands once folded, and what it was (the evidence lists the deepest writes).
  const holders = new Map<string, { kind: WritePath['kind']; written: string[]; existed: boolean }>();
  const hold = (p: string, kind: WritePath['kind'], written: string, existed: boolean) => {
    const h = holders.get(p) ?? { kind, written: [], existed };
    if (!h.written.includes(written)) h.written.push(written);
    holders.set(p, h);
  };
  const changedFiles = new Map<string, string[]>();
  for (const w of seen) {
    const parent = path.posix.dirname(w.path);
    if (w.change === 'modified') {
      // A folder that changed because something in it did is explained by what is listed under it.
      if (w.type === 'dir') {
        if (!seen.some((o) => o !== w && isWithin(o.path, w.path))) hold(w.path, isCode(w.path) ? 'shared-dir' : 'dir', w.path, true);
        continue;
      }
      const list = changedFiles.get(parent) ?? [];
      list.push(w.path);
      changedFiles.set(parent, list);
      continue;
    }
    // A new entry inside a new folder is folded with that folder's own top.
    if (insideNew(w.path)) continue;
    const under = seen.filter((o) => isWithin(o.path, w.path)).map((o) => o.path);
    const deepest = under.filter((u) => !seen.some((o) => o.path !== u && isWithin(o.path, u)));
    if (isSystemFolder(parent) || NOT_OURS.includes(parent) || parent === ctx.home) {
      // /var/log/app or /run/app.pid made at run time (or ~/.cache): that folder or file itself, not the folder above.
      for (const d of deepest) hold(w.path, w.type === 'dir' ? 'dir' : 'file', d, false);
    } else if (isCode(parent)) {
      // New folders beside the code are the app's own; new files straight in the code folder need it shared.
      for (const d of deepest) hold(w.type === 'dir' ? w.path : parent, w.type === 'dir' ? 'dir' : 'shared-dir', d, w.type !== 'dir');
    } else {
      for (const d of deepest) hold(parent, 'dir', d, true);
    }
  }
  for (const [dir, files] of changedFiles) {
    const many = files.length >= MANY_FILES && !isSystemFolder(dir) && !isCode(dir);
    if (many || holders.get(dir)?.kind === 'dir') for (const f of files) hold(dir, holders.get(dir)?.kind ?? 'dir', f, true);
    else for (const f of files) hold(f, 'file', f, true);
  }

  const paths: WritePath[] = [];
  for (const [p, h] of holders) {
    const fromRoot = ctx.home && h.written.some((w) => isWithin(w, ctx.home!));
    const evidence = reasons.evidence(h.written.sort()) + (fromRoot && isWithin(p, ctx.home!) ? `, ${reasons.home(ctx.home!)}` : '');
    // It exists in the image: a chown of a folder above it does not reach it.
    paths.push({ path: p, kind: h.kind, evidence, ...(h.existed ? { installed: true } : {}) });
  }
  paths.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { paths, unmappedRoot };
}

export const learned: Detector = {
  name,
  description,
  detect(ctx: PassContext): DetectorResult {
    const { analysis, plan } = ctx;
    const seen = analysis.options.learned;
    if (!seen) return { paths: [] };
    const notes: Note[] = [];
    const home = analysis.env.get('HOME');
    // With ENV HOME set, the run wrote to that home itself, not to /root.
    const rootHome = home && home.startsWith('/') && !isWithin(cleanPath(home), '/root') ? undefined : userHome(analysis, plan.user);
    const { paths, unmappedRoot } = foldLearned(seen.writes, { appCode: appCodePaths(analysis, copiesInto(analysis)), home: rootHome });
    if (unmappedRoot.length > 0) notes.push({ level: 'warn', risk: true, message: reasons.noHome(unmappedRoot) });
    if (seen.exitCode !== undefined && seen.exitCode !== 0 && seen.exitCode !== 124 && seen.exitCode !== 137) {
      notes.push({ level: 'warn', message: reasons.exited(seen.command ?? 'ENTRYPOINT/CMD', seen.exitCode) });
    }
    return { paths, notes };
  },
};
