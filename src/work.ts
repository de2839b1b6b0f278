// The work for one Dockerfile of a run: read, harden, render. The same code runs on the main thread and
// in worker threads; what it returns is plain data, and the main thread prints and writes it in file order.
import fs from 'node:fs';
import path from 'node:path';
import { colorDiff } from './color.js';
import { settingsFor, skipPattern, type Config, type Settings } from './config.js';
import { hardenText } from './engine.js';
import { HardenError } from './errors.js';
import { decodeDockerfile, isFile, listFilesUnder, readDockerfile, withBom, writeFilesAtomically } from './files.js';
import { optionsFromArgs, UsageError, type Args } from './options.js';
import { diffPath, renderDiff, renderSummary } from './output.js';
import type { FileResult, HardenOptions } from './types.js';

export interface Target {
  file: string;
  stdin: boolean;
}

/** What every file of a run shares. Plain data, so it can be handed to a worker thread. */
export interface RunSettings {
  args: Args;
  config?: Config;
  cwd: string;
  /** Whether diffs are coloured: worked out once per run from --color, the terminal and the environment. */
  color: boolean;
  /** Whether the caller needs each file's full result (machine formats, --verify), not only the text to print. */
  keepResults: boolean;
}

export interface FileWrite {
  path: string;
  text: string;
}

/** How a write went: the real paths written, or the one-line reason it failed (nothing changed). */
export type WriteOutcome = { written: string[] } | { failure: string };

/** Makes writes somewhere else (another thread) and answers later; never rejects. */
export interface Writer {
  write(files: FileWrite[], reportAs: string): Promise<WriteOutcome>;
}

/** One file's outcome, printed (and written) by the main thread in file order. */
export interface FileDone {
  /** The summary for stderr ('' when the file failed before it had one). */
  summary: string;
  /** The text for stdout: the diff, or the rewritten Dockerfile for stdin. */
  out: string;
  failure?: { file: string; message: string };
  result?: FileResult;
  /** The text as read, for --verify of a file that needed no change. */
  original?: string;
  contextDir?: string;
  needsWork: boolean;
  /** The build-context files the hardening read: real path and the text it saw. */
  reads: [string, string][];
  /** Writes left to the main thread: they touch build-context files another Dockerfile may read. */
  writes?: FileWrite[];
  /** Paths (as given and real) this file has already written. */
  written: string[];
  /** A write of this file still under way in another thread (main thread only: it does not cross threads). */
  writing?: Promise<WriteOutcome>;
}

/**
 * Build-context reads for one thread. Detectors ask for files that are usually absent (compose files,
 * supervisor configs), so each folder's names are listed once and absent files cost no system call.
 */
export class ContextFiles {
  private readonly folders = new Map<string, Map<string, boolean> | null>();

  /** Names already read (while searching for Dockerfiles), with whether each is a symbolic link. */
  seed(dir: string, entries: fs.Dirent[]): void {
    this.folders.set(dir, fileNames(entries));
  }

  /** The text of a regular file (or a link to one), or undefined. `reads` collects its real path and text. */
  read(full: string, reads: [string, string][]): string | undefined {
    const dir = path.dirname(full);
    let names = this.folders.get(dir);
    if (names === undefined) {
      try {
        names = fileNames(fs.readdirSync(dir, { withFileTypes: true }));
      } catch {
        names = null;
      }
      this.folders.set(dir, names);
    }
    const isLink = names?.get(path.basename(full));
    if (isLink === undefined) return undefined;
    // A link may point at a folder or a FIFO, which must not be read.
    if (isLink && !fs.statSync(full, { throwIfNoEntry: false })?.isFile()) return undefined;
    try {
      const text = fs.readFileSync(full, 'utf8');
      reads.push([realPath(full), text]);
      return text;
    } catch {
      return undefined;
    }
  }
}

/** The entries that may be files (links too, checked when read), with whether each is a link. */
function fileNames(entries: fs.Dirent[]): Map<string, boolean> {
  const names = new Map<string, boolean>();
  for (const e of entries) if (e.isFile() || e.isSymbolicLink()) names.set(e.name, e.isSymbolicLink());
  return names;
}

function realPath(p: string): string {
  try {
    return fs.realpathSync.native(p);
  } catch {
    return p;
  }
}

/**
 * Harden one target. Errors become `failure`, never a throw. With --write, a result that changes only its
 * own Dockerfile and read no build-context file is written at once (here, or by `writer` in another
 * thread), since no other file of the run reads it or is read by it; every other write is returned for
 * the main thread to make in file order.
 */
export function processFile(target: Target, settings: RunSettings, context: ContextFiles, readStdin?: () => Buffer, writer?: Writer): FileDone {
  const done: FileDone = { summary: '', out: '', needsWork: false, reads: [], written: [] };
  try {
    harden(target, settings, context, done, readStdin, writer);
  } catch (err) {
    const file = err instanceof HardenError && err.file ? err.file : target.file;
    const message = err instanceof Error ? err.message : String(err);
    done.out = '';
    done.result = undefined;
    done.writes = undefined;
    done.failure = {
      file: target.stdin ? '<stdin>' : file,
      message: err instanceof HardenError || err instanceof UsageError ? message : `internal error: ${message.split(/\r?\n/, 1)[0]}`,
    };
  }
  return done;
}

function harden(target: Target, settings: RunSettings, context: ContextFiles, done: FileDone, readStdin?: () => Buffer, writer?: Writer): void {
  const { args, config, cwd } = settings;
  const file = target.stdin ? 'Dockerfile' : target.file;
  const abs = path.resolve(cwd, file);
  const skippedBy = config && !target.stdin ? skipPattern(config, abs) : undefined;
  if (skippedBy !== undefined) {
    const result: FileResult = { file, outputs: [], changes: [], notes: [], plan: { writePaths: [] }, skipped: `matches skip pattern '${skippedBy}' in ${diffPath(config!.source, cwd)}` };
    done.summary = renderSummary(result, cwd);
    done.result = portable(result);
    done.original = '';
    done.contextDir = cwd;
    return;
  }
  const options = optionsFor(settings, settingsFor(config, abs));
  const { text, bom } = target.stdin ? decodeDockerfile(readStdin?.() ?? Buffer.alloc(0), '<stdin>') : readDockerfile(abs, file);
  const contextDir = args.context !== undefined ? path.resolve(cwd, args.context) : target.stdin ? cwd : path.dirname(abs);
  const result = hardenText({
    file,
    text,
    options,
    contextDir: args.context ?? path.dirname(file),
    readContextFile: (rel) => context.read(path.resolve(contextDir, rel.replace(/^\/+/, '')), done.reads),
    listContextFiles: (relDir) => listFilesUnder(path.resolve(contextDir, relDir.replace(/^\/+/, ''))),
    hasContextFile: (rel) => isFile(path.resolve(contextDir, rel.replace(/^\/+/, ''))),
  });
  // Keep a byte-order mark where the file had one.
  for (const o of result.outputs) {
    if (o.path === file) {
      o.before = withBom(o.before, bom);
      o.after = withBom(o.after, bom);
    }
  }
  done.summary = renderSummary(result, cwd);
  done.needsWork = result.outputs.length > 0 || result.blocker !== undefined;
  if (settings.keepResults) {
    done.result = portable(result);
    done.original = text;
    done.contextDir = contextDir;
  }
  if (target.stdin) {
    const own = result.outputs.find((o) => o.path === file);
    done.out = own ? own.after : withBom(text, bom);
    return;
  }
  if (args.write) {
    const writes = result.outputs.map((o) => ({ path: path.resolve(cwd, o.path), text: o.after }));
    if (writes.length === 0) return;
    if (writes.length === 1 && writes[0].path === abs && done.reads.length === 0) {
      if (writer) {
        done.writing = writer.write(writes, file);
        done.written = [abs];
      } else {
        done.written = [abs, ...writeFilesAtomically(writes, file)];
      }
    } else {
      done.writes = writes;
    }
  } else if (args.format === 'diff') {
    const diff = renderDiff(result, cwd);
    done.out = settings.color ? colorDiff(diff) : diff;
  }
}

// Files with the same settings share one options object (the engine only reads it).
const optionsCache = new WeakMap<RunSettings, Map<string, HardenOptions>>();

function optionsFor(settings: RunSettings, fileSettings: Settings): HardenOptions {
  let byKey = optionsCache.get(settings);
  if (!byKey) optionsCache.set(settings, (byKey = new Map()));
  const key = JSON.stringify(fileSettings);
  let options = byKey.get(key);
  if (!options) byKey.set(key, (options = optionsFromArgs(settings.args, fileSettings)));
  return options;
}

/**
 * The writes of a run, made in file order on the main thread. A file whose result rests on a build-context
 * file that an earlier file of the run has since rewritten is done again first, so a run over many threads
 * ends exactly as a run over one.
 */
export class RunWrites {
  private readonly written = new Set<string>();

  constructor(
    private readonly settings: RunSettings,
    private readonly context: ContextFiles,
  ) {}

  async settle(target: Target, done: FileDone): Promise<FileDone> {
    if (done.writing) {
      took(target, done, await done.writing);
      done.writing = undefined;
    }
    if (done.reads.some(([p, seen]) => this.written.has(p) && readOr(p) !== seen)) done = processFile(target, this.settings, this.context);
    if (done.writes && !done.failure) {
      const outcome = writeNow(done.writes, target.file);
      if ('written' in outcome) outcome.written.push(...done.writes.map((w) => w.path));
      took(target, done, outcome);
    }
    for (const p of done.written) this.written.add(p);
    return done;
  }
}

/** Write atomically; a failure comes back as its one-line message (nothing changed) rather than a throw. */
export function writeNow(files: FileWrite[], reportAs: string): WriteOutcome {
  try {
    return { written: writeFilesAtomically(files, reportAs) };
  } catch (err) {
    return { failure: err instanceof Error ? err.message : String(err) };
  }
}

/** Record how a file's write went. */
function took(target: Target, done: FileDone, outcome: WriteOutcome): void {
  if ('failure' in outcome) {
    done.failure = { file: target.file, message: outcome.failure };
    done.out = '';
  } else {
    done.written.push(...outcome.written);
  }
}

function readOr(p: string): string | undefined {
  try {
    return fs.readFileSync(p, 'utf8');
  } catch {
    return undefined;
  }
}

/** The result without what only the engine needs (parsed instructions), so it can cross to another thread. */
function portable(result: FileResult): FileResult {
  const { base, user, writePaths } = result.plan;
  const plan: FileResult['plan'] = { base, writePaths };
  if (user) {
    plan.user = { ...user };
    delete plan.user.declared;
  }
  return { ...result, plan };
}
