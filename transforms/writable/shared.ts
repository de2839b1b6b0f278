// What the write-path detectors all need to read: runtime-chain instructions, copy destinations, program arguments.
import path from 'node:path';
import { ModifiableInstruction } from 'dockerfile-ast';
import { oncePerFile } from '../../src/memo.js';
import { splitCommands } from '../../src/shell.js';
import type { Analysis, Instr, RuntimeUser } from '../../src/types.js';
import { unquote } from '../../src/variables.js';

/** Never handed over: the spec's list, the shared FHS folders under them, and top-level FHS folders. */
export const SYSTEM_FOLDERS = [
  '/', '/usr', '/etc', '/var', '/opt', '/home', '/run', '/tmp', '/root', // SPEC: never chown these
  '/var/run', '/var/tmp', '/var/log', '/var/lib', '/var/cache', '/var/spool', '/usr/local', '/usr/share', '/usr/lib', '/usr/bin', // FHS: shared by every package
  '/bin', '/sbin', '/lib', '/lib64', '/boot', '/srv', '/mnt', '/media', // FHS top-level folders
  '/usr/local/etc', '/usr/local/bin', '/usr/local/sbin', '/usr/local/lib', '/usr/local/share', // FHS /usr/local: every locally built program's config and files
];
/** Kernel and device filesystems: nothing under them is the image's to chown. */
export const KERNEL_FOLDERS = ['/proc', '/sys', '/dev'];

export function isSystemFolder(p: string): boolean {
  return SYSTEM_FOLDERS.includes(p) || KERNEL_FOLDERS.some((k) => isWithin(p, k));
}

// One scan per Dockerfile, however many detectors ask: the detectors each walk the runtime chain, which on a
// long Dockerfile is most of the work.

/** Every instruction of the final stage and the stages it is built FROM, in build order. */
export const runtimeInstructions: (analysis: Analysis) => readonly Instr[] = oncePerFile((analysis) => analysis.runtimeChain.flatMap((s) => s.instructions));

/** 1-based line of an instruction, as the summary shows it. */
export function lineOf(instr: Instr): number {
  return instr.startLine + 1;
}

/** A clean absolute path: no trailing slash, no `.` or `..` parts. */
export function cleanPath(p: string): string {
  return path.posix.normalize(p).replace(/(.)\/+$/, '$1');
}

/** Whether `child` is `parent` or inside it. */
export function isWithin(child: string, parent: string): boolean {
  return child === parent || parent === '/' || child.startsWith(parent + '/');
}

/**
 * Paths sorted for the question "which of them are this folder or inside it", answered in O(log n)
 * rather than by a scan: a long Dockerfile has thousands of paths on both sides.
 */
export class PathIndex<T> {
  private readonly sorted: { path: string; order: number; value: T }[];

  constructor(entries: readonly (readonly [string, T])[]) {
    this.sorted = entries.map(([p, value], order) => ({ path: p, order, value })).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.order - b.order));
  }

  /** The values at or under `dir`, in the order they were given (what `isWithin` would keep). */
  within(dir: string): T[] {
    if (dir === '/') return [...this.sorted].sort((a, b) => a.order - b.order).map((e) => e.value);
    // Inside `dir` means `dir` itself, then everything from `dir/` up to (not including) `dir0` ('0' follows '/').
    const found = this.range(dir, dir + '\0').concat(this.range(dir + '/', dir + '0'));
    return found.sort((a, b) => a.order - b.order).map((e) => e.value);
  }

  hasWithin(dir: string): boolean {
    if (dir === '/') return this.sorted.length > 0;
    return this.range(dir, dir + '\0').length > 0 || this.range(dir + '/', dir + '0').length > 0;
  }

  private range(from: string, to: string): { path: string; order: number; value: T }[] {
    return this.sorted.slice(this.lowerBound(from), this.lowerBound(to));
  }

  private lowerBound(key: string): number {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sorted[mid].path < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** Whether a proper parent folder of `p` (`/` included) is in `folders`. */
export function hasParentIn(p: string, folders: ReadonlySet<string>): boolean {
  if (p === '/') return false;
  for (let cut = p.lastIndexOf('/'); cut >= 0; cut = p.lastIndexOf('/', cut - 1)) {
    if (folders.has(cut === 0 ? '/' : p.slice(0, cut))) return true;
    if (cut === 0) break;
  }
  return false;
}

/** Exec-form arguments parsed as JSON (the parser drops spaces inside them), else shell words. */
export function instructionWords(instr: Instr): string[] {
  const args = instr.args.trim();
  if (args.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(args);
      if (Array.isArray(parsed) && parsed.every((w) => typeof w === 'string')) {
        return (parsed as string[]).flatMap((w, i) => (i > 0 && /\s/.test(w) ? splitCommands(w).flat() : [w]));
      }
    } catch {
      // Not valid JSON: Docker runs it with a shell, so read it as shell words.
    }
  }
  return splitCommands(args).flat();
}

/** Whether the instruction is in exec form (a JSON array), which a splice cannot extend with `&& …`. */
export function isExecForm(instr: Instr): boolean {
  return instr.args.trim().startsWith('[');
}

export interface CopyInto {
  instr: Instr;
  /** Absolute destination, resolved against WORKDIR. */
  dest: string;
  /** The stage or image named by --from, when the files come from there rather than the build context. */
  from?: string;
  sources: string[];
  /** The --chown value already on the instruction. */
  chown?: string;
  /** The --chmod value on the instruction. */
  chmod?: string;
  /** The destination is a folder the sources go into: a trailing slash or `.`, or several sources. */
  destIsDir: boolean;
}

/** COPY / ADD instructions of the runtime chain with their absolute destination. */
export const copiesInto: (analysis: Analysis) => readonly CopyInto[] = oncePerFile((analysis) => {
  const out: CopyInto[] = [];
  let workdir = '/';
  for (const instr of runtimeInstructions(analysis)) {
    if (instr.keyword === 'WORKDIR') workdir = absoluteFrom(workdir, analysis.resolve(unquote(instr.args.trim()), instr));
    if (instr.keyword !== 'COPY' && instr.keyword !== 'ADD') continue;
    if (/^\s*<</.test(instr.args) || /<<-?["']?[A-Za-z_]/.test(instr.args.split('\n')[0])) continue;
    const { flags, plain } = copyFlags(instr, instructionWords(instr).map((w) => analysis.resolve(w, instr)));
    for (const [n, v] of flags) flags.set(n, analysis.resolve(unquote(v), instr));
    if (plain.length < 2) continue;
    const flag = (n: string) => flags.get(n);
    const rawDest = plain[plain.length - 1];
    const from = flag('from');
    // Wildcards match files of the build context only; a copy from a stage or image keeps its pattern.
    const sources = from ? plain.slice(0, -1) : plain.slice(0, -1).flatMap((s) => expandGlob(analysis, s));
    const destIsDir = rawDest.endsWith('/') || rawDest === '.' || rawDest.endsWith('/.') || sources.length > 1;
    out.push({ instr, dest: absoluteFrom(workdir, rawDest), from, sources, chown: flag('chown'), chmod: flag('chmod'), destIsDir });
  }
  return out;
});

/** Docker's wildcard characters in a COPY/ADD source (Go filepath.Match). */
const GLOB = /[*?[]/;

/**
 * A COPY/ADD source with wildcards, as the build-context paths it names (files, or folders a segment matches);
 * the pattern itself when nothing matches or the context cannot be listed.
 */
function expandGlob(analysis: Analysis, source: string): string[] {
  if (!GLOB.test(source)) return [source];
  const segments = source.replace(/^\.\//, '').replace(/\/+$/, '').split('/');
  const fixed = segments.findIndex((s) => GLOB.test(s));
  const base = segments.slice(0, fixed).join('/');
  const listed = analysis.listContextFiles(base || '.');
  if (!listed) return [source];
  const rest = segments.slice(fixed);
  const found = new Set<string>();
  for (const file of listed) {
    const parts = file.split('/');
    if (parts.length < rest.length || !rest.every((pattern, i) => globMatch(pattern, parts[i]))) continue;
    found.add([base, ...parts.slice(0, rest.length)].filter(Boolean).join('/'));
  }
  return found.size > 0 ? [...found] : [source];
}

/** Go filepath.Match on one path segment: `*` any run, `?` one character, `[...]` a class (`^` negates, `\\` escapes). */
export function globMatch(pattern: string, name: string): boolean {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '\\' && i + 1 < pattern.length) re += escapeForRegExp(pattern[++i]);
    else if (c === '[') {
      const close = pattern.indexOf(']', i + 2);
      if (close < 0) return false;
      let body = pattern.slice(i + 1, close);
      const negate = body.startsWith('^');
      if (negate) body = body.slice(1);
      re += `[${negate ? '^' : ''}${body.replace(/[\]\\^]/g, (m) => `\\${m}`)}]`;
      i = close;
    } else re += escapeForRegExp(c);
  }
  return new RegExp(`^${re}$`).test(name);
}

function escapeForRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/** COPY/ADD flags that take a value: written `--from=x`, or `--from x` with the value as the next word. */
const VALUE_FLAGS = new Set(['from', 'chown', 'chmod', 'checksum', 'exclude']);

/**
 * A COPY/ADD's flags by name, and its plain sources and destination. The parser takes the flags off the
 * arguments; a value written after a space (`--from build`) is the first argument left.
 */
export function copyFlags(instr: Instr, words: readonly string[]): { flags: Map<string, string>; plain: string[] } {
  const flags = new Map<string, string>();
  const rest = [...words];
  for (const f of instr.node instanceof ModifiableInstruction ? instr.node.getFlags() : []) {
    const value = f.getValue();
    if (value !== null) flags.set(f.getName(), value);
    else if (VALUE_FLAGS.has(f.getName()) && rest.length > 0 && !rest[0].startsWith('--')) flags.set(f.getName(), rest.shift()!);
    else flags.set(f.getName(), '');
  }
  // The parser stops at the first argument that is no flag: flags after a spaced value are still in the words.
  const plain: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const w = rest[i];
    if (!w.startsWith('--')) plain.push(w);
    else if (w.includes('=')) flags.set(w.slice(2, w.indexOf('=')), w.slice(w.indexOf('=') + 1));
    else if (VALUE_FLAGS.has(w.slice(2)) && i + 1 < rest.length) flags.set(w.slice(2), rest[++i]);
    else flags.set(w.slice(2), '');
  }
  return { flags, plain };
}

/** WORKDIR values of the runtime chain, resolved, with their instruction. */
export const workdirs: (analysis: Analysis) => readonly { instr: Instr; path: string }[] = oncePerFile((analysis) => {
  const out: { instr: Instr; path: string }[] = [];
  let workdir = '/';
  for (const instr of runtimeInstructions(analysis)) {
    if (instr.keyword !== 'WORKDIR') continue;
    workdir = absoluteFrom(workdir, analysis.resolve(unquote(instr.args.trim()), instr));
    out.push({ instr, path: workdir });
  }
  return out;
});

function absoluteFrom(base: string, p: string): string {
  return cleanPath(p.startsWith('/') ? p : path.posix.join(base, p));
}

/** The folders `mkdir` creates in RUN lines of the runtime chain. */
export const mkdirTargets: (analysis: Analysis) => readonly { instr: Instr; path: string }[] = oncePerFile((analysis) => {
  const out: { instr: Instr; path: string }[] = [];
  let workdir = '/';
  for (const instr of runtimeInstructions(analysis)) {
    if (instr.keyword === 'WORKDIR') workdir = absoluteFrom(workdir, analysis.resolve(unquote(instr.args.trim()), instr));
    if (instr.keyword !== 'RUN') continue;
    for (const words of splitCommands(instr.args)) {
      const at = words.findIndex((w) => w === 'mkdir' || w.endsWith('/mkdir'));
      if (at < 0) continue;
      // A RUN starts in the WORKDIR: `mkdir -p logs` there makes WORKDIR/logs (a `cd` before it is not followed).
      const cd = words.slice(0, at).includes('cd') || splitCommands(instr.args).some((w) => w[0] === 'cd');
      for (let i = at + 1; i < words.length; i++) {
        if (words[i] === '-m' || words[i] === '--mode') i++;
        else if (words[i].startsWith('-')) continue;
        else {
          const p = analysis.resolve(words[i], instr);
          if (p.startsWith('/')) out.push({ instr, path: cleanPath(p) });
          else if (!cd && /^[A-Za-z0-9._][\w.\/-]*$/.test(p)) out.push({ instr, path: absoluteFrom(workdir, p) });
        }
      }
    }
  }
  return out;
});

/** The unprivileged user's home: ENV HOME when set, else /home/<name> for a user this tool creates. */
export function userHome(analysis: Analysis, user: RuntimeUser | undefined): string | undefined {
  const home = analysis.env.get('HOME');
  if (home?.startsWith('/') && !isWithin(cleanPath(home), '/root')) return cleanPath(home);
  if (user?.source === 'create' || user?.source === 'dockerfile') return `/home/${user.name}`;
  return undefined;
}

/** Where the application's own code lands: copies of the whole context, into a WORKDIR, or of source files. Worked out once per file. */
export function appCodePaths(analysis: Analysis, copies: readonly CopyInto[] = copiesInto(analysis)): string[] {
  return copies === copiesInto(analysis) ? codeDestinations(analysis) : codeDestinationsOf(analysis, copies);
}

const codeDestinations: (analysis: Analysis) => string[] = oncePerFile((analysis) => codeDestinationsOf(analysis, copiesInto(analysis)));

const CODE_SOURCE = /\.(py|js|mjs|cjs|ts|rb|go|sh|jar|war|php|pl|R|ipynb)$/;

function codeDestinationsOf(analysis: Analysis, copies: readonly CopyInto[]): string[] {
  const dirs = new Set(workdirs(analysis).map((w) => w.path));
  return copies.filter((c) => c.sources.some((s) => s === '.' || s === './' || CODE_SOURCE.test(s)) || dirs.has(c.dest) || CODE_SOURCE.test(c.dest)).map((c) => c.dest);
}
