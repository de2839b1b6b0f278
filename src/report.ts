// The run as data for the machine-readable formats: one record per Dockerfile, and the findings in it.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { diffLines } from 'diff';
import { diffPath } from './output.js';
import type { Change, FileResult } from './types.js';

/** One Dockerfile of the run: what the engine answered, or why it could not. */
export interface RunRecord {
  /** Path as the user named it (relative to the current folder when found in a folder). */
  file: string;
  result?: FileResult;
  /** The one-line error when the file could not be read, parsed or written. */
  error?: string;
}

export interface RunReport {
  records: RunRecord[];
  cwd: string;
  check: boolean;
  write: boolean;
}

/** Kinds of finding; each is one SARIF rule and one annotation title. */
export const findingKinds = {
  'runs-as-root': { title: 'Container runs as root', help: 'The final stage runs as root; create an unprivileged user with fixed ids and switch to it with a numeric USER before CMD/ENTRYPOINT.' },
  'path-not-writable': { title: 'Path not writable as non-root', help: 'The container writes this path at run time; it must be created and owned by the unprivileged user.' },
  'possible-write-path': { title: 'Possible run-time write path', help: 'The container may write this path at run time; pass --writable PATH if it does.' },
  'run-time-risk': { title: 'Run-time risk', help: 'The container may still fail as non-root here: a write the tool could not work out or will not hand over. Check it, and pass --writable PATH for a folder the app must write.' },
  'host-step': { title: 'Host-side step for a bind mount', help: 'A bind mount takes its permissions from the host folder: its owner must match the container uid.' },
  'cannot-harden': { title: 'Cannot be hardened as it is', help: 'The Dockerfile cannot run as non-root without a change the tool will not make on its own.' },
  skipped: { title: 'Left alone', help: 'The Dockerfile was left alone on purpose (ignore comment, privilege-dropping entrypoint, unknown or Windows base, config skip).' },
  error: { title: 'Could not be processed', help: 'The file could not be read, parsed or written.' },
  other: { title: 'Needs hardening', help: 'A change the tool makes so the container can run as non-root.' },
} as const;

export type FindingKind = keyof typeof findingKinds;

/** A text replacement in the original file, by UTF-16 offset (what JavaScript strings index). */
export interface Replacement {
  offset: number;
  length: number;
  inserted: string;
}

export interface Finding {
  kind: FindingKind;
  level: 'error' | 'warning' | 'note';
  /** File the finding is located in, as shown in diff headers (relative to the current folder). */
  file: string;
  /** 1-based line; 1 when nothing better is known. */
  line: number;
  message: string;
  /** The whole rewrite of this file, on the finding that carries it (one per changed file). */
  fix?: { file: string; replacements: Replacement[] }[];
}

const CREATE_OR_SWITCH = new Set(['create-user', 'switch-user']);

/** Which finding a change belongs to: the user passes fix running as root; the rest make paths writable. */
function changeKind(change: Change): FindingKind {
  if (CREATE_OR_SWITCH.has(change.pass)) return 'runs-as-root';
  if (/writ/i.test(change.pass)) return 'path-not-writable';
  return 'other';
}

/** The replacements that turn one text into the other, whole lines each, in file order. */
export function replacements(before: string, after: string): Replacement[] {
  const out: Replacement[] = [];
  let offset = 0;
  let pending: Replacement | undefined;
  for (const part of diffLines(before, after)) {
    if (!part.added && !part.removed) {
      if (pending) out.push(pending);
      pending = undefined;
      offset += part.value.length;
      continue;
    }
    pending ??= { offset, length: 0, inserted: '' };
    if (part.removed) {
      pending.length += part.value.length;
      offset += part.value.length;
    } else {
      pending.inserted += part.value;
    }
  }
  if (pending) out.push(pending);
  return out;
}

/** Every finding of one record, in line order; the first one of a changed file carries its fix. */
export function findings(record: RunRecord, cwd: string): Finding[] {
  const file = diffPath(record.file, cwd);
  if (record.error !== undefined) return [{ kind: 'error', level: 'error', file, line: 1, message: record.error }];
  const result = record.result;
  if (!result) return [];
  if (result.skipped) return [{ kind: 'skipped', level: 'note', file, line: 1, message: `left alone: ${result.skipped}` }];
  if (result.blocker) return [{ kind: 'cannot-harden', level: 'error', file, line: 1, message: result.blocker }];

  const list: Finding[] = [];
  const own = result.changes.filter((c) => c.file === result.file);
  const rootChanges = own.filter((c) => changeKind(c) === 'runs-as-root');
  if (rootChanges.length > 0) {
    // Located where the USER goes (the CMD line), which is where a reviewer looks for it.
    const anchor = rootChanges.find((c) => c.pass === 'switch-user') ?? rootChanges[0];
    list.push({ kind: 'runs-as-root', level: 'warning', file, line: anchor.line, message: rootChanges.map((c) => c.reason).join('; ') });
  }
  for (const wp of result.plan.writePaths) {
    const kind: FindingKind = wp.reportOnly ? 'possible-write-path' : 'path-not-writable';
    list.push({ kind, level: wp.reportOnly ? 'note' : 'warning', file, line: wp.line ?? 1, message: `${wp.path} is written at run time (${wp.evidence})${wp.reportOnly ? '' : ': create it owned by the unprivileged user'}` });
  }
  for (const c of result.changes) {
    const kind = changeKind(c);
    if (kind === 'runs-as-root') continue;
    // Writable-path changes are already reported through their path; report only what no path explains.
    if (kind === 'path-not-writable' && result.plan.writePaths.some((wp) => !wp.reportOnly)) continue;
    list.push({ kind, level: 'warning', file: diffPath(c.file, cwd), line: c.line, message: c.reason });
  }
  for (const note of result.notes) {
    if (note.risk) list.push({ kind: 'run-time-risk', level: 'warning', file, line: note.line ?? 1, message: note.message });
    if (!note.hostSteps?.length) continue;
    list.push({ kind: 'host-step', level: 'note', file, line: note.line ?? 1, message: `${note.message}: ${note.hostSteps.join(' && ')}` });
  }
  list.sort((a, b) => (a.file === b.file ? a.line - b.line : a.file === file ? -1 : b.file === file ? 1 : a.file.localeCompare(b.file)));

  const fix = result.outputs
    .filter((o) => o.before !== o.after)
    .map((o) => ({ file: diffPath(o.path, cwd), replacements: replacements(o.before, o.after) }));
  const carrier = list.find((f) => f.level === 'warning');
  if (carrier && fix.length > 0) carrier.fix = fix;
  return list;
}

/** Name and version of this tool, read from its package.json (found upwards from this module). */
export function toolInfo(): { name: string; version: string } {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(dir, 'package.json');
    try {
      const pkg = JSON.parse(fs.readFileSync(candidate, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'harden-dockerfile') return { name: pkg.name, version: pkg.version ?? '0.0.0' };
    } catch {
      // Not here: keep going up.
    }
    const parent = path.dirname(dir);
    if (parent === dir) return { name: 'harden-dockerfile', version: '0.0.0' };
    dir = parent;
  }
}
