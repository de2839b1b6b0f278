#!/usr/bin/env node
// Command line: find Dockerfiles, harden each, print a diff (default), write (--write) or gate (--check).
import fs from 'node:fs';
import path from 'node:path';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { colorDiff, useColor, type ColorMode } from './color.js';
import { ConfigError, findConfig, settingsFor, skipPattern, type Config, type Settings } from './config.js';
import { hardenText } from './engine.js';
import { HardenError } from './errors.js';
import { decodeDockerfile, findDockerfiles, listFilesUnder, readDockerfile, withBom, writeFilesAtomically } from './files.js';
import { diffPath, renderDiff, renderSummary } from './output.js';
import type { RunRecord, RunReport } from './report.js';
import type { Engine } from './verify.js';
import type { VerifyTarget } from './verify-run.js';
import { defaultOptions, type FileResult, type HardenOptions } from './types.js';
import { packageVersion } from './version.js';

const NAME = 'harden-dockerfile';
const MAX_ID = 2 ** 31 - 1;
const NAME_RE = /^[a-z_][a-z0-9_-]{0,30}\$?$/;

export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  readStdin: () => Buffer;
  cwd: string;
  /** Writes out what stdout and stderr hold back (before --verify prints its progress). */
  flush?: () => void;
  /** Whether stdout is a terminal (colours the diff with --color auto). */
  isTTY?: boolean;
  env?: Record<string, string | undefined>;
}

type Format = 'diff' | 'json' | 'sarif' | 'github';

/** The machine-readable formats, loaded only when asked for so a plain diff run does not pay for them. */
const renderers: Record<Exclude<Format, 'diff'>, () => Promise<(report: RunReport) => string>> = {
  json: async () => (await import('./formats/json.js')).renderJson,
  sarif: async () => (await import('./formats/sarif.js')).renderSarif,
  github: async () => (await import('./formats/github.js')).renderGithub,
};

interface Args {
  paths: string[];
  write: boolean;
  check: boolean;
  uid?: string;
  gid?: string;
  user?: string;
  group?: string;
  writable: string[];
  target?: string;
  'build-arg': string[];
  context?: string;
  comments: boolean;
  force: boolean;
  format: Format;
  color: ColorMode;
  verify: boolean;
  engine?: Engine;
  'verify-timeout': number;
}

class UsageError extends Error {}

function parseId(value: string, flag: string, allowZero: boolean): number {
  if (!/^\d+$/.test(String(value))) throw new UsageError(`${flag} must be a whole number, got '${value}'`);
  const id = Number(value);
  if (id > MAX_ID) throw new UsageError(`${flag} must be at most ${MAX_ID}, got ${value}`);
  if (id === 0 && !allowZero) throw new UsageError(`${flag} 0 is root: choose an unprivileged id such as 1001`);
  return id;
}

function parseName(value: string, flag: string): string {
  if (!NAME_RE.test(value)) throw new UsageError(`${flag} '${value}' is not a valid Linux name (lower case letters, digits, _ and -, starting with a letter or _)`);
  if (value === 'root') throw new UsageError(`${flag} root is the superuser: choose an unprivileged name`);
  return value;
}

function parseBuildArgs(pairs: string[]): Record<string, string> {
  const buildArgs: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--build-arg takes NAME=VALUE, got '${pair}'`);
    buildArgs[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return buildArgs;
}

/** Options for one file: flags win over the config's settings, which win over the defaults. */
export function optionsFromArgs(args: Args, settings: Settings = {}): HardenOptions {
  if (args.write && args.check) throw new UsageError('--write and --check cannot be used together');
  const uid = args.uid !== undefined ? parseId(args.uid, '--uid', false) : settings.uid ?? defaultOptions.uid;
  const buildArgs = parseBuildArgs(args['build-arg']);
  for (const p of args.writable) {
    if (!p.startsWith('/')) throw new UsageError(`--writable takes absolute paths inside the image, got '${p}'`);
  }
  const user = args.user !== undefined ? parseName(args.user, '--user') : settings.user ?? defaultOptions.user;
  return {
    ...defaultOptions,
    uid,
    gid: args.gid !== undefined ? parseId(args.gid, '--gid', true) : settings.gid ?? uid,
    user,
    group: args.group !== undefined ? parseName(args.group, '--group') : settings.group ?? user,
    writable: [...(settings.writable ?? []), ...args.writable],
    target: args.target,
    buildArgs,
    comments: args.comments,
    force: args.force,
  };
}

function buildParser(argv: string[]) {
  return yargs(argv)
    .scriptName(NAME)
    .usage('$0 [paths..]\n\nRewrite Dockerfiles so their containers run as an unprivileged user.\nDry run by default: prints a unified diff on stdout and the reasons on stderr.')
    .command('$0 [paths..]', false, (y) =>
      y.positional('paths', { type: 'string', array: true, default: [] as string[], describe: 'Dockerfiles or folders to search; - reads stdin and writes the result to stdout' }),
    )
    .parserConfiguration({ 'unknown-options-as-args': false })
    .option('write', { alias: 'w', type: 'boolean', default: false, describe: 'apply the changes in place' })
    .option('check', { type: 'boolean', default: false, describe: 'exit 1 when a Dockerfile still needs hardening' })
    .option('uid', { type: 'string', describe: `uid of the user to create (default: ${defaultOptions.uid})` })
    .option('gid', { type: 'string', describe: 'gid of the group to create (default: the uid)' })
    .option('user', { type: 'string', describe: `name of the user to create (default: ${defaultOptions.user})` })
    .option('group', { type: 'string', describe: 'name of the group to create (default: the user name)' })
    .option('writable', { type: 'string', array: true, nargs: 1, default: [] as string[], describe: 'extra path the container writes at run time (repeatable)' })
    .option('target', { type: 'string', describe: 'harden this build stage instead of the last one' })
    .option('build-arg', { type: 'string', array: true, nargs: 1, default: [] as string[], describe: 'NAME=VALUE used to resolve ARGs in FROM and USER (repeatable)' })
    .option('context', { type: 'string', describe: 'build context folder (default: the Dockerfile\'s folder)' })
    .option('comments', { type: 'boolean', default: true, describe: 'explain inserted lines with a comment (--no-comments to leave it out)' })
    .option('force', { type: 'boolean', default: false, describe: 'harden even where the tool would otherwise skip' })
    .option('format', { choices: ['diff', 'json', 'sarif', 'github'] as const, default: 'diff' as const, describe: 'stdout format: unified diff, one JSON document (docs/json-output.md), SARIF 2.1.0, or GitHub Actions annotations' })
    .option('verify', { type: 'boolean', default: false, describe: 'build each hardened Dockerfile with docker or podman and probe it as its own user: not root, every write path writable, the command starts (exit 1 if a check fails)' })
    .option('engine', { choices: ['docker', 'podman'] as const, describe: 'container engine for --verify (default: a reachable docker daemon, else podman)' })
    .option('verify-timeout', { type: 'number', default: 10, describe: 'seconds the image\'s own command gets to start under --verify' })
    .option('color', { choices: ['auto', 'always', 'never'] as const, default: 'auto' as const, describe: 'colour the diff (auto: on a terminal, unless NO_COLOR is set)' })
    .strict()
    .help()
    .version(packageVersion())
    .wrap(100)
    .exitProcess(false)
    .fail((msg, err) => {
      throw new UsageError(msg ?? err?.message ?? 'invalid arguments');
    });
}

interface Target {
  file: string;
  stdin: boolean;
}

/** Run the CLI; returns the exit code. Never throws. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  let args: Args;
  let config: Config | undefined;
  let stdinRequested = false;
  try {
    // yargs drops a lone '-', so stdin is picked out before it parses.
    stdinRequested = argv.includes('-');
    argv = argv.filter((a) => a !== '-');
    const parser = buildParser(argv);
    let printed = false;
    args = (await parser.parseAsync(argv, {}, (_err, _argv, output) => {
      if (output) {
        io.stdout(output + '\n');
        printed = true;
      }
    })) as unknown as Args;
    if (printed) return 0;
    if (stdinRequested && args.format !== 'diff') throw new UsageError(`--format ${args.format} cannot be used with - (stdin gets the rewritten Dockerfile back)`);
    optionsFromArgs(args);
  } catch (err) {
    io.stderr(`${NAME}: ${err instanceof Error ? err.message : String(err)} (see --help)\n`);
    return 2;
  }
  try {
    config = findConfig(io.cwd);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    io.stderr(`${NAME}: ${err.message}\n`);
    return 2;
  }

  const records: RunRecord[] = [];
  const verifyTargets: VerifyTarget[] = [];
  const failures: string[] = [];
  const fail = (file: string, message: string) => {
    failures.push(`${file}: ${message}`);
    records.push({ file, error: message });
    io.stderr(`${NAME}: ${file}: ${message}\n`);
  };
  let needsWork = false;
  const targets: Target[] = [];
  const paths = args.paths.map(String);
  if (stdinRequested && paths.length > 0) {
    io.stderr(`${NAME}: - (stdin) cannot be combined with other paths (see --help)\n`);
    return 2;
  }
  if (stdinRequested) targets.push({ file: '-', stdin: true });
  else if (paths.length === 0) paths.push('.');
  for (const p of paths) {
    const abs = path.resolve(io.cwd, p);
    try {
      const stat = fs.statSync(abs);
      if (stat.isDirectory()) {
        const found = findDockerfiles(abs);
        if (found.length === 0) throw new HardenError('no Dockerfile, Dockerfile.*, *.Dockerfile or Containerfile found in this folder', p);
        targets.push(...found.map((f) => ({ file: path.relative(io.cwd, f) || f, stdin: false })));
      } else {
        targets.push({ file: p, stdin: false });
      }
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      fail(p, err instanceof HardenError ? err.message : code === 'ENOENT' ? 'no such file or folder' : `cannot read: ${code ?? String(err)}`);
    }
  }

  for (const target of targets) {
    try {
      const { result, original, contextDir } = processOne(target, args, config, io);
      records.push({ file: target.file, result });
      verifyTargets.push({ file: target.stdin ? 'Dockerfile' : target.file, result, original, contextDir });
      if (result.outputs.length > 0 || result.blocker) needsWork = true;
    } catch (err) {
      const file = err instanceof HardenError && err.file ? err.file : target.file;
      const message = err instanceof Error ? err.message : String(err);
      fail(target.stdin ? '<stdin>' : file, err instanceof HardenError || err instanceof UsageError ? message : `internal error: ${oneLine(message)}`);
    }
  }
  if (args.format !== 'diff') {
    const render = await renderers[args.format]();
    io.stdout(render({ records, cwd: io.cwd, check: args.check, write: args.write }));
  }
  let verifyFailed = false;
  if (args.verify) {
    io.flush?.();
    const { verifyTargets: verifyAll } = await import('./verify-run.js');
    const outcome = await verifyAll(verifyTargets, {
      engine: args.engine,
      timeoutSeconds: args['verify-timeout'],
      target: args.target,
      buildArgs: parseBuildArgs(args['build-arg']),
      cwd: io.cwd,
      log: (line) => {
        io.stderr(`${line}\n`);
        io.flush?.();
      },
    });
    if (outcome === 'no-engine') return 2;
    verifyFailed = outcome === 'failed';
  }
  if (failures.length > 0) {
    // In a run over several files, list every failure again at the end where it cannot scroll away.
    if (targets.length + failures.length > 2) {
      io.stderr(`${NAME}: ${failures.length} of ${targets.length} file${targets.length === 1 ? '' : 's'} could not be hardened:\n${failures.map((f) => `  ${f}\n`).join('')}`);
    }
    return 2;
  }
  return (args.check && needsWork) || verifyFailed ? 1 : 0;
}

function oneLine(message: string): string {
  return message.split(/\r?\n/, 1)[0];
}

interface Processed {
  result: FileResult;
  /** The file's text as read, for --verify of a file that needed no change. */
  original: string;
  contextDir: string;
}

function processOne(target: Target, args: Args, config: Config | undefined, io: CliIo): Processed {
  const file = target.stdin ? 'Dockerfile' : target.file;
  const abs = path.resolve(io.cwd, file);
  const skippedBy = config && !target.stdin ? skipPattern(config, abs) : undefined;
  if (skippedBy !== undefined) {
    const result: FileResult = { file, outputs: [], changes: [], notes: [], plan: { writePaths: [] }, skipped: `matches skip pattern '${skippedBy}' in ${diffPath(config!.source, io.cwd)}` };
    io.stderr(renderSummary(result, io.cwd));
    return { result, original: '', contextDir: io.cwd };
  }
  const options = optionsFromArgs(args, settingsFor(config, abs));
  const { text, bom } = target.stdin ? decodeDockerfile(io.readStdin(), '<stdin>') : readDockerfile(abs, file);
  const contextDir = args.context !== undefined ? path.resolve(io.cwd, args.context) : target.stdin ? io.cwd : path.dirname(abs);
  const result = hardenText({
    file,
    text,
    options,
    contextDir: args.context ?? path.dirname(file),
    readContextFile: (rel) => readContextFile(contextDir, rel),
    listContextFiles: (relDir) => listFilesUnder(path.resolve(contextDir, relDir.replace(/^\/+/, ''))),
  });
  // Keep a byte-order mark where the file had one.
  for (const o of result.outputs) {
    if (o.path === file) {
      o.before = withBom(o.before, bom);
      o.after = withBom(o.after, bom);
    }
  }
  io.stderr(renderSummary(result, io.cwd));
  if (target.stdin) {
    const own = result.outputs.find((o) => o.path === file);
    io.stdout(own ? own.after : withBom(text, bom));
    return { result, original: text, contextDir };
  }
  if (args.write) {
    writeFilesAtomically(result.outputs.map((o) => ({ path: path.resolve(io.cwd, o.path), text: o.after })), file);
  } else if (args.format === 'diff') {
    const diff = renderDiff(result, io.cwd);
    io.stdout(useColor(args.color, io.isTTY ?? false, io.env ?? {}) ? colorDiff(diff) : diff);
  }
  return { result, original: text, contextDir };
}

function readContextFile(contextDir: string, rel: string): string | undefined {
  const full = path.resolve(contextDir, rel.replace(/^\/+/, ''));
  // Detectors ask for files that are usually absent (compose files, configs): a stat is far cheaper than a thrown ENOENT.
  if (!fs.statSync(full, { throwIfNoEntry: false })?.isFile()) return undefined;
  try {
    return fs.readFileSync(full, 'utf8');
  } catch {
    return undefined;
  }
}

const isEntry = process.argv[1] !== undefined && fs.realpathSync(process.argv[1]) === fs.realpathSync(new URL(import.meta.url).pathname);
if (isEntry) {
  // Many small writes to a pipe or file cost more than the hardening itself on large runs: batch them.
  const stdout = batchedWriter((s) => process.stdout.write(s), process.stdout.isTTY === true);
  const stderr = batchedWriter((s) => process.stderr.write(s), process.stderr.isTTY === true);
  const code = await main(hideBin(process.argv), {
    stdout: stdout.write,
    stderr: stderr.write,
    flush: () => {
      stdout.flush();
      stderr.flush();
    },
    readStdin: () => fs.readFileSync(0),
    cwd: process.cwd(),
    isTTY: process.stdout.isTTY === true,
    env: process.env,
  });
  stdout.flush();
  stderr.flush();
  process.exitCode = code;
}

function batchedWriter(write: (s: string) => void, live: boolean): { write: (s: string) => void; flush: () => void } {
  if (live) return { write, flush: () => {} };
  let pending: string[] = [];
  let size = 0;
  const flush = () => {
    if (pending.length === 0) return;
    write(pending.join(''));
    pending = [];
    size = 0;
  };
  return {
    write: (s) => {
      pending.push(s);
      size += s.length;
      if (size >= 1 << 16) flush();
    },
    flush,
  };
}
