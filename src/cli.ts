#!/usr/bin/env node
// Command line: find Dockerfiles, harden each, print a diff (default), write (--write) or gate (--check).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isMainThread } from 'node:worker_threads';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { useColor } from './color.js';
import { ConfigError, findConfig, type Config } from './config.js';
import { HardenError } from './errors.js';
import { findDockerfiles } from './files.js';
import { optionsFromArgs, parseBuildArgs, UsageError, type Args, type Format } from './options.js';
import { isPoolWorker, processAll, runWorker, WriteThread } from './pool.js';
import type { RunRecord, RunReport } from './report.js';
import type { VerifyTarget } from './verify-run.js';
import { defaultOptions } from './types.js';
import { packageVersion } from './version.js';
import { ContextFiles, RunWrites, type FileDone, type RunSettings, type Target } from './work.js';

const NAME = 'harden-dockerfile';
/**
 * Runs over PARALLEL_FROM files or more share them out between threads on machines with MIN_CORES cores or
 * more, one thread per two cores (up to MAX_THREADS), unless --jobs says otherwise. Each thread brings its own
 * V8 compiler and garbage-collector threads: on 2 cores those already use the second core, and a second
 * thread made a 2000-file run slower, not faster.
 */
const PARALLEL_FROM = 32;
const MIN_CORES = 4;
const MAX_THREADS = 4;

function defaultThreads(files: number): number {
  const cores = os.availableParallelism();
  return files >= PARALLEL_FROM && cores >= MIN_CORES ? Math.min(Math.floor(cores / 2), MAX_THREADS) : 1;
}

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
  /** The CLI's own module, which worker threads run to share a large run; without it everything runs here. */
  workerUrl?: URL;
}

/** The machine-readable formats, loaded only when asked for so a plain diff run does not pay for them. */
const renderers: Record<Exclude<Format, 'diff'>, () => Promise<(report: RunReport) => string>> = {
  json: async () => (await import('./formats/json.js')).renderJson,
  sarif: async () => (await import('./formats/sarif.js')).renderSarif,
  github: async () => (await import('./formats/github.js')).renderGithub,
};


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
    .option('learn', { type: 'boolean', default: false, describe: 'first build each Dockerfile as it is and run its command once as root, list what it writes, keep that in .harden-dockerfile.json (under "learned"), and hand those folders over too' })
    .option('learn-cmd', { type: 'string', describe: 'with --learn: a smoke command run with sh -c while the image\'s command is up (a request that makes it write)' })
    .option('learn-timeout', { type: 'number', default: 10, describe: 'with --learn: seconds the image\'s command runs' })
    .option('jobs', { alias: 'j', type: 'number', describe: `threads to share the files between (default: 1, or one per two cores up to ${MAX_THREADS} for ${PARALLEL_FROM} files or more on ${MIN_CORES}+ cores)` })
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
    if (args.learn && stdinRequested) throw new UsageError('--learn cannot be used with - (it builds the Dockerfile in its folder and keeps what it learns in the config file)');
    if (!args.learn && (args['learn-cmd'] !== undefined)) throw new UsageError('--learn-cmd needs --learn');
    if (args['learn-timeout'] !== undefined && !(args['learn-timeout'] > 0 && args['learn-timeout'] <= 3600)) throw new UsageError(`--learn-timeout takes seconds from 1 to 3600, got '${args['learn-timeout']}'`);
    if (args.jobs !== undefined && !(Number.isInteger(args.jobs) && args.jobs >= 1 && args.jobs <= 64)) throw new UsageError(`--jobs takes a whole number from 1 to 64, got '${args.jobs}'`);
  } catch (err) {
    io.stderr(`${NAME}: ${err instanceof Error ? err.message : String(err)} (see --help)\n`);
    return 2;
  }
  const loaded = loadConfig(io);
  if (loaded === 'error') return 2;
  config = loaded;

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
  const context = new ContextFiles();
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
        const found = findDockerfiles(abs, (dir, entries) => context.seed(dir, entries));
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

  if (args.learn) {
    io.flush?.();
    const { learnFiles } = await import('./learn-run.js');
    const learned = await learnFiles(
      targets.filter((t) => !t.stdin && !failures.some((f) => f.startsWith(`${t.file}: `))).map((t) => t.file),
      {
        engine: args.engine,
        timeoutSeconds: args['learn-timeout'] ?? 10,
        smoke: args['learn-cmd'],
        target: args.target,
        buildArgs: parseBuildArgs(args['build-arg']),
        context: args.context,
        cwd: io.cwd,
        log: (line) => {
          io.stderr(`${line}\n`);
          io.flush?.();
        },
      },
    );
    if (learned !== 'learned') return 2;
    // What was learned is read back from the config, exactly as a later run without an engine reads it.
    const reloaded = loadConfig(io);
    if (reloaded === 'error') return 2;
    config = reloaded;
  }

  const settings: RunSettings = { args, config, cwd: io.cwd, color: useColor(args.color, io.isTTY ?? false, io.env ?? {}), keepResults: args.format !== 'diff' || args.verify };
  const writes = new RunWrites(settings, context);
  const take = async (index: number, computed: FileDone) => {
    const target = targets[index];
    const done = await writes.settle(target, computed);
    if (done.summary) io.stderr(done.summary);
    if (done.failure) {
      fail(done.failure.file, done.failure.message);
      return;
    }
    io.stdout(done.out);
    records.push({ file: target.file, result: done.result });
    if (args.verify && done.result) verifyTargets.push({ file: target.stdin ? 'Dockerfile' : target.file, result: done.result, original: done.original ?? '', contextDir: done.contextDir ?? io.cwd });
    if (done.needsWork) needsWork = true;
  };
  const threads = args.jobs ?? defaultThreads(targets.length);
  // Large --write runs hand their writes to a thread of their own, so the disk works while the next files are hardened.
  const writer = args.write && io.workerUrl && targets.length >= PARALLEL_FROM ? WriteThread.start(io.workerUrl) : undefined;
  try {
    await processAll(targets, settings, { threads, workerUrl: io.workerUrl, context, readStdin: io.readStdin, writer }, take);
  } finally {
    await writer?.close();
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

// A worker thread sees the same argv as the process, so it is told apart first.
const isEntry = isMainThread && process.argv[1] !== undefined && fs.realpathSync(process.argv[1]) === fs.realpathSync(new URL(import.meta.url).pathname);
if (isPoolWorker()) runWorker();
else if (isEntry) {
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
    workerUrl: new URL(import.meta.url),
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

/** The config file found from the current folder upwards; 'error' when it is broken (its one-line error is printed). */
function loadConfig(io: CliIo): ReturnType<typeof findConfig> | 'error' {
  try {
    return findConfig(io.cwd);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    io.stderr(`${NAME}: ${err.message}\n`);
    return 'error';
  }
}
