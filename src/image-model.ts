// One model of the runtime image's file system, built once per Dockerfile: which paths the build makes, where they
// come from, and their owner and mode where the Dockerfile says.
import path from 'node:path';
import { oncePerFile } from './memo.js';
import { commandName, splitCommands } from './shell.js';
import type { Analysis, Instr } from './types.js';
import { unquote } from './variables.js';
import { volumeTargets } from '../transforms/writable/app-state.js';
import { cleanPath, copiesInto, copyFlags, isWithin, lineOf, mkdirTargets, PathIndex, runtimeInstructions, workdirs } from '../transforms/writable/shared.js';

/** Where a path's content comes from: the build context, another stage, another image, a RUN, or a package install. */
export type Origin = 'context' | 'stage' | 'image' | 'run' | 'package';

/** A path the build makes, with the instruction that makes it. Its parent folders exist from then on too. */
export interface MadePath {
  path: string;
  instr: Instr;
  source: 'mkdir' | 'workdir' | 'copy' | 'volume';
  /** Where its content comes from, when known (a WORKDIR or VOLUME folder is only made empty). */
  origin?: Origin;
  /** The `--chown` of a COPY/ADD, when it has one; otherwise the path is root's. */
  owner?: string;
  /** For a copy: the stage or image the files come from, rather than the build context. */
  from?: string;
}

/** A mode the Dockerfile gives a path, and the step that shows it. */
export interface KnownMode {
  mode: number;
  /** `line N: chmod u+x`, `line N: --chmod`, `line N: ADD of a URL makes it 600`. */
  why: string;
  instr: Instr;
}

/** An owner the Dockerfile gives a path: `--chown` on a copy, or a literal `chown` in a RUN. */
export interface KnownOwner {
  /** As written (`app:app`, `1001`); `root` for a copy without --chown. */
  owner: string;
  instr: Instr;
}

/** A file the image gets from the build context, or from a COPY heredoc in the Dockerfile itself. */
export type ContextFile =
  | { kind: 'context'; rel: string; instr: Instr }
  | { kind: 'heredoc'; instr: Instr; bodyStart: number; body: string };

export interface ImageModel {
  /** The first thing the build makes at or under `p` before `offset` (so `p` exists then), or undefined when none is known. */
  madeBefore(p: string, offset: number): MadePath | undefined;
  /** What the build makes strictly under `dir` before `offset`: the children a non-recursive chown of `dir` would leave as they are. */
  childrenBefore(dir: string, offset: number): MadePath[];
  /** The owner of `p` just before `offset`, when the Dockerfile says (the latest copy or literal chown that reaches it). */
  ownerAt(p: string, offset: number): KnownOwner | undefined;
  /** The mode of `p` just before `offset`, when the Dockerfile says (--chmod, ADD of a URL, a literal chmod). */
  modeAt(p: string, offset: number): KnownMode | undefined;
  /** Every path whose mode the Dockerfile sets, with its mode at the end of the build, in the order they were set. */
  finalModes(): ReadonlyMap<string, KnownMode>;
  /** The build-context file (or heredoc) the image has at `p` at the end of the build; reads and lists the context on first use. */
  contextFileAt(p: string): ContextFile | undefined;
  /** Every image path a context file or heredoc ends up at, in build order; reads and lists the context on first use. */
  contextFiles(): ReadonlyMap<string, ContextFile>;
  /**
   * The build-context paths a COPY/ADD before `offset` may have put at `p`, latest copy first, without reading the
   * context: the caller reads the first the context has (a folder copied whole keeps its layout).
   */
  contextSourcesAt(p: string, offset: number): string[];
}

/** Built once per file: every detector asks the same model. */
export const imageModel: (analysis: Analysis) => ImageModel = oncePerFile(buildModel);

function buildModel(analysis: Analysis): ImageModel {
  const stageNames = new Set(analysis.stages.flatMap((s) => [String(s.index), ...(s.name ? [s.name] : [])]));
  const made: MadePath[] = [];
  for (const m of mkdirTargets(analysis)) made.push({ path: m.path, instr: m.instr, source: 'mkdir', origin: 'run' });
  for (const w of workdirs(analysis)) made.push({ path: w.path, instr: w.instr, source: 'workdir' });
  for (const c of copiesInto(analysis)) {
    const origin = c.from === undefined ? 'context' : stageNames.has(c.from.toLowerCase()) ? 'stage' : 'image';
    made.push({ path: c.dest, instr: c.instr, source: 'copy', origin, owner: c.chown, from: c.from });
  }
  for (const instr of runtimeInstructions(analysis)) {
    if (instr.keyword === 'VOLUME') for (const t of volumeTargets(analysis, instr)) made.push({ path: t, instr, source: 'volume' });
  }
  // The runtime chain's stages come in file order, so an offset orders instructions across them too.
  made.sort((a, b) => a.instr.start - b.instr.start);
  const index = new PathIndex(made.map((m) => [m.path, m] as const));
  const { modes, owners } = attributes(analysis);
  // Looked up by exact path only (a path, then each folder above it): a map, not a sorted index.
  const modesOf = byPath(modes);
  const ownersOf = byPath(owners);
  let files: Map<string, ContextFile> | undefined;
  const contextFiles = () => (files ??= copiedContextFiles(analysis));
  return {
    madeBefore: (p, offset) => index.within(p).find((m) => m.instr.lineEnd <= offset),
    childrenBefore: (dir, offset) => index.within(dir).filter((m) => m.path !== dir && isWithin(m.path, dir) && m.instr.lineEnd <= offset),
    ownerAt: (p, offset) => latestReaching(ownersOf, p, offset, (o) => o.intoFolder === true && o.path === p && (p === '/' || index.within(p).some((m) => m.instr.lineEnd <= o.instr.lineStart))),
    modeAt: (p, offset) => {
      const set = (modesOf.get(p) ?? []).filter((m) => m.instr.lineEnd <= offset).pop();
      return set?.mode === undefined ? undefined : { mode: set.mode, why: set.why, instr: set.instr };
    },
    finalModes: () => {
      const out = new Map<string, KnownMode>();
      for (const m of modes) {
        if (m.mode === undefined) out.delete(m.path);
        else out.set(m.path, { mode: m.mode, why: m.why, instr: m.instr });
      }
      return out;
    },
    contextFileAt: (p) => contextFiles().get(p),
    contextFiles,
    contextSourcesAt: (p, offset) => contextSources(analysis, p, offset),
  };
}

function contextSources(analysis: Analysis, p: string, offset: number): string[] {
  const out: string[] = [];
  for (const c of [...copiesInto(analysis)].reverse()) {
    if (c.instr.lineEnd > offset) continue;
    // A file copied from a stage or image by name hides what the context put there before.
    if (c.from) {
      if (c.sources.some((s) => (c.destIsDir ? path.posix.join(c.dest, path.posix.basename(s)) : c.dest) === p)) break;
      continue;
    }
    for (const raw of c.sources) {
      const src = raw.replace(/^\.\//, '').replace(/\/+$/, '') || '.';
      if (p === c.dest && !c.destIsDir) out.push(src);
      if (p.startsWith(c.dest === '/' ? '/' : `${c.dest}/`)) {
        const rel = p.slice(c.dest === '/' ? 1 : c.dest.length + 1);
        // A folder copied in keeps its layout; a file copied into a folder keeps its name.
        out.push(path.posix.normalize(path.posix.join(src, rel)));
        if (path.posix.basename(src) === rel) out.push(src);
      }
    }
  }
  return [...new Set(out.filter((s) => !s.startsWith('..')))];
}

/** A mode set (or made unknown, `mode` undefined) on one path by one instruction. */
interface ModeSet {
  path: string;
  mode: number | undefined;
  why: string;
  instr: Instr;
}

/** An owner set (or made unknown, `owner` undefined) on a path, and on everything under it when `recursive`. */
interface OwnerSet {
  path: string;
  owner: string | undefined;
  recursive: boolean;
  /** A copy into a folder: the folder keeps its owner when it was there before, only what is copied in gets this one. */
  intoFolder?: boolean;
  instr: Instr;
}

/** Docker docs, ADD: "If <src> is a remote file URL, the destination will have permissions of 600." */
const REMOTE_ADD_MODE = 0o600;

/** Modes and owners in build order: from COPY/ADD flags, then each literal chmod/chown of a RUN. */
function attributes(analysis: Analysis): { modes: ModeSet[]; owners: OwnerSet[] } {
  const modes: ModeSet[] = [];
  const owners: OwnerSet[] = [];
  const current = new Map<string, number>();
  const setMode = (m: ModeSet) => {
    modes.push(m);
    if (m.mode === undefined) current.delete(m.path);
    else current.set(m.path, m.mode);
  };
  const copies = new Map(copiesInto(analysis).map((c) => [c.instr, c] as const));
  let workdir = '/';
  for (const instr of runtimeInstructions(analysis)) {
    if (instr.keyword === 'WORKDIR') workdir = path.posix.resolve(workdir, analysis.resolve(unquote(instr.args.trim()), instr));
    const copy = copies.get(instr);
    if (copy) {
      const chmod = copy.chmod;
      for (const src of copy.sources) {
        const dest = copy.destIsDir ? path.posix.join(copy.dest, path.posix.basename(src)) : copy.dest;
        if (chmod !== undefined && /^[0-7]{3,4}$/.test(chmod)) setMode({ path: dest, mode: parseInt(chmod, 8), why: `line ${lineOf(instr)}: --chmod`, instr });
        else if (instr.keyword === 'ADD' && /^https?:\/\//.test(src)) setMode({ path: dest, mode: REMOTE_ADD_MODE, why: `line ${lineOf(instr)}: ADD of a URL makes it 600`, instr });
        else setMode({ path: dest, mode: undefined, why: '', instr });
      }
      owners.push({ path: copy.dest, owner: copy.chown ?? 'root', recursive: true, intoFolder: copy.destIsDir, instr });
    }
    if (instr.keyword !== 'RUN') continue;
    for (const words of splitCommands(analysis.resolve(instr.args, instr))) {
      const cmd = commandName(words);
      if (cmd?.name !== 'chmod' && cmd?.name !== 'chown') continue;
      const options = words.slice(cmd.index + 1).filter((w) => /^-[A-Za-z]+$/.test(w));
      const [spec, ...targets] = words.slice(cmd.index + 1).filter((w) => !/^-[A-Za-z]+$/.test(w));
      if (!spec) continue;
      for (const t of targets) {
        const p = cleanPath(path.posix.resolve(workdir, t));
        if (cmd.name === 'chown') {
          owners.push({ path: p, owner: /[$`]/.test(spec) ? undefined : spec, recursive: options.some((o) => o.includes('R')), instr });
          continue;
        }
        const mode = applyMode(current.get(p), spec);
        setMode({ path: p, mode, why: `line ${lineOf(instr)}: chmod ${spec}`, instr });
      }
    }
  }
  return { modes, owners };
}

/** The latest owner set before `offset` on `p` itself, or recursively on a folder above it; `passes` tells which leave `p` as it was. */
function latestReaching(owners: ReadonlyMap<string, OwnerSet[]>, p: string, offset: number, passes: (o: OwnerSet) => boolean): KnownOwner | undefined {
  let latest: OwnerSet | undefined;
  for (let dir = p; ; dir = path.posix.dirname(dir)) {
    for (const o of owners.get(dir) ?? []) {
      if (o.instr.lineEnd > offset || (dir !== p && !o.recursive) || passes(o)) continue;
      if (!latest || o.instr.start >= latest.instr.start) latest = o;
    }
    if (dir === '/') break;
  }
  return latest?.owner === undefined ? undefined : { owner: latest.owner, instr: latest.instr };
}

/** Entries grouped by their path, in the order given. */
function byPath<T extends { path: string }>(entries: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const e of entries) {
    const list = out.get(e.path);
    if (list) list.push(e);
    else out.set(e.path, [e]);
  }
  return out;
}

/** A chmod mode applied to a known mode: numeric sets it, symbolic ([ugoa]*[+-=][rwx]*) changes it; undefined when unknown. */
export function applyMode(before: number | undefined, spec: string): number | undefined {
  if (/^[0-7]{3,4}$/.test(spec)) return parseInt(spec, 8) & 0o7777;
  if (before === undefined) return undefined;
  let mode = before;
  for (const clause of spec.split(',')) {
    const m = /^([ugoa]*)([-+=])([rwxX]*)$/.exec(clause);
    if (!m) return undefined;
    const who = m[1] === '' || m[1].includes('a') ? 'ugo' : m[1];
    let bits = 0;
    for (const w of who) {
      const shift = w === 'u' ? 6 : w === 'g' ? 3 : 0;
      for (const p of m[3]) bits |= (p === 'r' ? 4 : p === 'w' ? 2 : 1) << shift;
    }
    if (m[2] === '+') mode |= bits;
    else if (m[2] === '-') mode &= ~bits;
    else {
      let mask = 0;
      for (const w of who) mask |= 7 << (w === 'u' ? 6 : w === 'g' ? 3 : 0);
      mode = (mode & ~mask) | bits;
    }
  }
  return mode;
}

/**
 * Folders a `COPY x DIR` without a trailing slash still copies into: the base image has them, or the package
 * whose configs are copied there does (supervisor's conf.d).
 */
const KNOWN_DIRS = ['/', '/etc', '/etc/supervisor', '/etc/supervisor/conf.d', '/etc/supervisord.d', '/usr/bin', '/usr/local/bin', '/bin', '/sbin', '/usr/sbin', '/usr/local/sbin', '/opt', '/tmp'];

/** Replay the runtime chain's COPY/ADD from the build context, file by file: folders copied whole are listed, globs matched. */
function copiedContextFiles(analysis: Analysis): Map<string, ContextFile> {
  const files = new Map<string, ContextFile>();
  const dirs = new Set(KNOWN_DIRS);
  let workdir = '/';
  for (const instr of runtimeInstructions(analysis)) {
    if (instr.keyword === 'WORKDIR') {
      workdir = path.posix.resolve(workdir, unquote(analysis.resolve(instr.args.trim(), instr)));
      dirs.add(workdir);
    } else if (instr.keyword === 'COPY' || instr.keyword === 'ADD') {
      for (const [dest, file] of copiedFiles(analysis, instr, workdir, dirs)) {
        if (file) files.set(dest, file);
        // A file copied from a stage or an image replaces the context's.
        else files.delete(dest);
        dirs.add(path.posix.dirname(dest));
      }
    }
  }
  return files;
}

/** Files a COPY/ADD puts in the image, by destination path: read from the build context or a heredoc, or (undefined) from elsewhere. */
function copiedFiles(analysis: Analysis, instr: Instr, workdir: string, dirs: Set<string>): [string, ContextFile | undefined][] {
  const firstLine = instr.args.split('\n')[0];
  const words = firstLine.trim().startsWith('[') ? jsonWords(firstLine) : firstLine.trim().split(/\s+/);
  if (!words) return [];
  const { flags, plain } = copyFlags(instr, words);
  const operands = plain.map((w) => unquote(analysis.resolve(w, instr)));
  if (operands.length < 2) return [];
  const destRaw = operands[operands.length - 1];
  const dest = path.posix.resolve(workdir, destRaw);
  const sources = operands.slice(0, -1);
  const intoDir = destRaw.endsWith('/') || sources.length > 1 || dirs.has(dest);
  const target = (name: string) => (intoDir ? path.posix.join(dest, name) : dest);
  if (flags.has('from')) return sources.filter((s) => !/[*?[]/.test(s)).map((s) => [target(path.posix.basename(s)), undefined]);

  const heredoc = sources.length === 1 ? /^<<(-?)(["']?)([A-Za-z_][A-Za-z0-9_]*)\2$/.exec(sources[0]) : null;
  if (heredoc) {
    const body = heredocBody(analysis, instr, heredoc[3], heredoc[1] === '-');
    return body ? [[dest, { kind: 'heredoc', instr, ...body }]] : [];
  }
  const out: [string, ContextFile | undefined][] = [];
  for (const src of sources) {
    if (/^[a-z]+:\/\//i.test(src) || src.startsWith('<<')) continue;
    const rel = path.posix.normalize(src.replace(/^\/+/, '')).replace(/^\.\//, '');
    if (/[*?[]/.test(rel)) {
      const dir = path.posix.dirname(rel);
      const pattern = globRegex(path.posix.basename(rel));
      for (const f of analysis.listContextFiles(dir) ?? []) {
        if (!f.includes('/') && pattern.test(f)) out.push([path.posix.join(dest, f), { kind: 'context', rel: path.posix.join(dir, f), instr }]);
      }
      continue;
    }
    const listed = rel === '.' || analysis.readContextFile(rel) === undefined ? analysis.listContextFiles(rel) : undefined;
    if (listed) {
      for (const f of listed) out.push([path.posix.join(dest, f), { kind: 'context', rel: path.posix.join(rel, f), instr }]);
    } else {
      out.push([target(path.posix.basename(rel)), { kind: 'context', rel, instr }]);
    }
  }
  return out;
}

export function jsonWords(text: string): string[] | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) && parsed.every((w) => typeof w === 'string') ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** The body of a COPY heredoc, with its offset in the Dockerfile. */
function heredocBody(analysis: Analysis, instr: Instr, tag: string, stripTabs: boolean): { bodyStart: number; body: string } | undefined {
  const { text } = analysis;
  const firstNl = text.indexOf('\n', instr.start);
  if (firstNl < 0 || firstNl >= instr.end) return undefined;
  const bodyStart = firstNl + 1;
  let lineStart = bodyStart;
  while (lineStart <= instr.end) {
    const nl = text.indexOf('\n', lineStart);
    const lineEnd = nl < 0 ? text.length : nl;
    let line = text.slice(lineStart, lineEnd).replace(/\r$/, '');
    if (stripTabs) line = line.replace(/^\t+/, '');
    if (line === tag) return { bodyStart, body: text.slice(bodyStart, lineStart) };
    if (nl < 0) break;
    lineStart = nl + 1;
  }
  return undefined;
}

/** A shell glob as a regex over whole paths (`*` and `?` stay within one folder). */
export function globRegex(glob: string): RegExp {
  let out = '';
  for (const c of glob) {
    if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else out += /[\\^$.|+(){}[\]]/.test(c) ? `\\${c}` : c;
  }
  return new RegExp(`^${out}$`);
}
