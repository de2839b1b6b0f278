// `--verify`: build the hardened Dockerfile with a real container engine, then build a probe stage
// FROM it whose RUN step (which runs as the image's USER, because RUN inherits it) checks what the
// container will meet at run time: it is not root, it can write every path it must write, and its
// own ENTRYPOINT/CMD starts. A probe stage is used instead of `run` so it also works where only
// image builds are possible (rootful podman inside a container, CI machines without a daemon).
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

export type Engine = 'docker' | 'podman';

export interface VerifyCheck {
  /** `build`, `non-root`, `writable <path>`, `command`, `supervisor`. */
  name: string;
  ok: boolean;
  detail: string;
}

export interface VerifyResult {
  engine: Engine;
  checks: VerifyCheck[];
  /** Every check passed. */
  ok: boolean;
}

export interface VerifyOptions {
  /** The Dockerfile to build (the written file, or the dry-run result). */
  dockerfileText: string;
  /** Its build context. Never modified. */
  contextDir: string;
  /**
   * Context files as they would be after hardening (a supervisor config the dry run edits), by path
   * relative to contextDir (absolute paths inside it are accepted). When given, the build runs in a
   * temporary copy of the context with these files replaced.
   */
  contextFiles?: { path: string; text: string }[];
  /** Paths the container must be able to write at run time. */
  writePaths: string[];
  /** Container engine; auto-detected when absent (a reachable docker daemon, else podman). */
  engine?: Engine;
  /** How long the image's own command is given to start (and must keep running or exit 0). Default 10. */
  timeoutSeconds?: number;
  /** Build stage to build (`--target`). */
  target?: string;
  buildArgs?: Record<string, string>;
  /** Base image pull policy of the build (podman: --pull=<policy>; docker: only `always` is passed). */
  pull?: 'always' | 'missing' | 'never';
  /** Each check as it completes, already formatted as one line; also progress lines. */
  log?: (line: string) => void;
  /** Build output lines, for debugging (not shown by default). */
  onBuildOutput?: (line: string) => void;
}

/** No usable container engine: the CLI prints `message` as one line and exits 2. */
export class VerifyEngineError extends Error {
  readonly code = 'NO_ENGINE';
  constructor(message: string) {
    super(message);
    this.name = 'VerifyEngineError';
  }
}

export function formatCheck(check: VerifyCheck): string {
  return `${check.ok ? 'PASS' : 'FAIL'} ${check.name}: ${check.detail}`;
}

interface RunResult {
  code: number;
  output: string[];
}

function onPath(cmd: string): boolean {
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  return dirs.some((d) => existsSync(path.join(d, cmd)));
}

function dockerDaemonReachable(): boolean {
  const r = spawnSync('docker', ['version', '--format', '{{.Server.Version}}'], {
    stdio: ['ignore', 'pipe', 'ignore'],
    timeout: 15000,
  });
  return r.status === 0 && String(r.stdout).trim() !== '';
}

/** The engine to use: the one asked for, else a docker whose daemon answers, else podman. */
export function detectEngine(wanted?: Engine): Engine {
  if (wanted) {
    if (!onPath(wanted)) throw new VerifyEngineError(`--verify: '${wanted}' was not found on PATH`);
    if (wanted === 'docker' && !dockerDaemonReachable()) {
      throw new VerifyEngineError('--verify: docker is installed but its daemon is not reachable');
    }
    return wanted;
  }
  const hasDocker = onPath('docker');
  if (hasDocker && dockerDaemonReachable()) return 'docker';
  if (onPath('podman')) return 'podman';
  if (hasDocker) throw new VerifyEngineError('--verify: docker is installed but its daemon is not reachable, and podman was not found');
  throw new VerifyEngineError('--verify needs a container engine: neither docker nor podman was found on PATH');
}

/**
 * Podman as root inside a container (a CI runner) cannot start an OCI runtime for RUN steps;
 * chroot isolation works there. HARDEN_VERIFY_ISOLATION overrides the choice.
 */
function podmanIsolation(): string | undefined {
  const forced = process.env.HARDEN_VERIFY_ISOLATION;
  if (forced) return forced;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  const inContainer = existsSync('/.dockerenv') || existsSync('/run/.containerenv') || !!process.env.container;
  return root && inContainer ? 'chroot' : undefined;
}

/** Engine processes running now, so an interrupt can stop them before cleaning up. */
const running = new Set<ReturnType<typeof spawn>>();

/** Where engine processes put their temporary files (set per verify run, removed with it). */
let engineTmp: string | undefined;

export function run(engine: Engine, args: string[], onLine?: (line: string) => void): Promise<RunResult> {
  return new Promise((resolve) => {
    const env = { ...process.env };
    // An interrupted podman build leaves its buildah* folder in TMPDIR: keep those in our temp dir.
    if (engineTmp) env.TMPDIR = engineTmp;
    // Plain progress keeps RUN output visible, one line each, with docker's BuildKit.
    if (engine === 'docker') env.BUILDKIT_PROGRESS = 'plain';
    const child = spawn(engine, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
    running.add(child);
    child.on('close', () => running.delete(child));
    const output: string[] = [];
    const feed = (stream: NodeJS.ReadableStream) => {
      let rest = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        rest += chunk;
        const lines = rest.split(/\r?\n/);
        rest = lines.pop() ?? '';
        for (const l of lines) {
          output.push(l);
          onLine?.(l);
        }
      });
      stream.on('end', () => {
        if (rest) {
          output.push(rest);
          onLine?.(rest);
          rest = '';
        }
      });
    };
    feed(child.stdout);
    feed(child.stderr);
    child.on('error', (err) => resolve({ code: 127, output: [...output, String(err)] }));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

/** Podman's build (working) containers; an interrupted `podman build` leaves its own behind. */
async function buildContainers(engine: Engine): Promise<Set<string>> {
  if (engine !== 'podman') return new Set();
  const r = await run(engine, ['ps', '-a', '--external', '--no-trunc', '--format', '{{.ID}}']);
  return new Set(r.code === 0 ? r.output.map((l) => l.trim()).filter(Boolean) : []);
}

export function buildArgsFor(engine: Engine, o: {
  tag: string;
  dockerfile: string;
  context: string;
  target?: string;
  buildArgs?: Record<string, string>;
  pull?: 'always' | 'missing' | 'never';
  noCache?: boolean;
}): string[] {
  const args = ['build', '-t', o.tag, '-f', o.dockerfile];
  if (engine === 'podman') {
    const iso = podmanIsolation();
    if (iso) args.push(`--isolation=${iso}`);
    // No intermediate images are kept, so nothing is left behind once the tag is removed.
    args.push('--layers=false', '--force-rm');
    if (o.pull) args.push(`--pull=${o.pull}`);
  } else if (o.pull === 'always') {
    args.push('--pull');
  }
  if (o.noCache) args.push('--no-cache');
  if (o.target) args.push('--target', o.target);
  for (const [k, v] of Object.entries(o.buildArgs ?? {})) args.push('--build-arg', `${k}=${v}`);
  args.push(o.context);
  return args;
}

export interface ImageConfig {
  User?: string;
  Entrypoint?: string[] | null;
  Cmd?: string[] | null;
  WorkingDir?: string;
}

export function lastLines(lines: string[], n: number): string {
  return lines
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .slice(-n)
    .join(' | ');
}

export const shq = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** When the command starts supervisord, the `-c` config it names (null: no config flag). */
export function supervisordConfig(argv: string[]): { config: string | null } | undefined {
  // `sh -c "exec supervisord -c /x"`: look inside the script too, split on white space.
  const words = argv.flatMap((a) => (/\s/.test(a) ? a.split(/\s+/).map((w) => w.replace(/^["']|["';]$/g, '')) : [a]));
  const at = words.findIndex((w) => path.posix.basename(w) === 'supervisord');
  if (at < 0) return undefined;
  for (let i = at + 1; i < words.length; i++) {
    const w = words[i];
    if (w === '-c' || w === '--configuration') return { config: words[i + 1] ?? null };
    if (w.startsWith('--configuration=')) return { config: w.slice('--configuration='.length) };
    if (/^-c./.test(w)) return { config: w.slice(2) };
    if (w === '&&' || w === ';' || w === '|') break;
  }
  return { config: null };
}

/** The probe's shell script. Every result line is `<marker> ok|fail <name>\t<detail>`. */
export function probeScript(o: { marker: string; writePaths: string[]; argv: string[]; timeoutSeconds: number; supervisor?: { config: string | null } }): string {
  const t = Math.max(1, Math.floor(o.timeoutSeconds));
  const lines: string[] = [
    '#!/bin/sh',
    '# Written by harden-dockerfile --verify; runs as the image\'s own USER.',
    `M=${shq(o.marker)}`,
    'IN_BUILD=${1:-}',
    'ok() { printf \'%s ok %s\\t%s\\n\' "$M" "$1" "$2"; }',
    'fail() { printf \'%s fail %s\\t%s\\n\' "$M" "$1" "$2"; }',
    'u=$(id -u 2>/dev/null || sed -n \'s/^Uid:[[:space:]]*\\([0-9]*\\).*/\\1/p\' /proc/self/status)',
    'g=$(id -g 2>/dev/null || sed -n \'s/^Gid:[[:space:]]*\\([0-9]*\\).*/\\1/p\' /proc/self/status)',
    'if [ "$u" = 0 ]; then fail non-root "runs as root (uid 0)"; else ok non-root "runs as uid $u, gid $g"; fi',
    'probe_write() {',
    '  p=$1',
    '  if [ -d "$p" ]; then',
    '    f="$p/.harden-verify-$$"',
    '    if ( : > "$f" ) 2>/dev/null; then rm -f "$f"; ok "writable $p" "folder: created a file in it"',
    '    else fail "writable $p" "folder: cannot create a file in it ($(ls -ldL "$p" 2>&1))"; fi',
    '  elif [ -e "$p" ]; then',
    '    if ( : >> "$p" ) 2>/dev/null; then ok "writable $p" "file: opened for append"',
    '    else fail "writable $p" "file: cannot open for append ($(ls -lL "$p" 2>&1))"; fi',
    '  else',
    '    d=$(dirname "$p")',
    '    if [ -d "$d" ] && ( : > "$p" ) 2>/dev/null; then rm -f "$p"; ok "writable $p" "absent: it can be created in $d"',
    '    elif mkdir -p "$p" 2>/dev/null; then rmdir "$p" 2>/dev/null; ok "writable $p" "absent: it can be created"',
    '    else fail "writable $p" "absent and cannot be created (nearest folder: $(while [ ! -e "$d" ]; do d=$(dirname "$d"); done; ls -ld "$d" 2>&1))"; fi',
    '  fi',
    '}',
  ];
  for (const p of o.writePaths) lines.push(`probe_write ${shq(p)}`);

  if (o.argv.length === 0) {
    lines.push('fail command "the image has no ENTRYPOINT or CMD"');
  } else {
    const cmd = o.argv.map(shq).join(' ');
    const shown = o.argv.join(' ').replace(/[\t\n]/g, ' ');
    lines.push(
      'if ! command -v timeout >/dev/null 2>&1; then fail command "the image has no timeout command to start it under"; exit 0; fi',
      `T=${t}`,
      'log=/tmp/.harden-verify-command.$$',
      'if [ ! -w /tmp ]; then log=/dev/null; fi',
      // The nonce marks every process the command starts, so they can be stopped afterwards (stopLeftovers).
      `HARDEN_VERIFY_RUN=${shq(o.marker)} timeout -k 5 "$T" ${cmd} </dev/null >"$log" 2>&1 &`,
      'tpid=$!',
    );
    if (o.supervisor) {
      const c = o.supervisor.config ? ` -c ${shq(o.supervisor.config)}` : '';
      lines.push(
        'i=0; sv=""',
        'while [ "$i" -lt "$T" ]; do',
        '  sleep 1; i=$((i + 1))',
        `  st=$(supervisorctl${c} status 2>&1); src=$?`,
        '  if [ -n "$st" ] && ! printf \'%s\\n\' "$st" | grep -qv " RUNNING "; then sv=ok; break; fi',
        // Connected, and the config defines no program: the daemon is up, nothing else to wait for.
        '  if [ -z "$st" ] && [ "$src" = 0 ]; then sv=ok; st="supervisord answers, no programs configured"; break; fi',
        // No control interface configured: supervisorctl cannot be asked; say so instead of failing.
        '  case "$st" in *"does not include supervisorctl section"*|*"section [unix_http_server] or [inet_http_server]"*) sv=unchecked; break ;; esac',
        'done',
        'st1=$(printf \'%s\' "$st" | tr \'\\n\\t\' \'; \' | tr -s \' \')',
        'if [ "$sv" = ok ]; then ok supervisor "after ${i}s: $st1"',
        'elif [ "$sv" = unchecked ]; then ok supervisor "not checked: the config gives supervisorctl no way to connect ($st1); only the command check applies"',
        'else',
        '  out=$(tail -n 2 "$log" 2>/dev/null | tr \'\\n\\t\' \'  \')',
        '  fail supervisor "not all programs RUNNING after ${T}s: ${st1:-no status}${out:+ (command output: $out)}"',
        'fi',
      );
    }
    lines.push(
      'wait "$tpid"; rc=$?',
      // Permission errors name the path to hand over: printed before the command's result, so the host can add the hint.
      'if [ "$rc" != 0 ] && [ "$rc" != 124 ] && [ "$rc" != 137 ]; then grep -iE \'Permission denied|EACCES|\\(13[:)]|errno 13\' "$log" 2>/dev/null | head -n 20 | while IFS= read -r l; do printf \'%s denied %s\\n\' "$M" "$l"; done; fi',
      'out=$(tail -n 3 "$log" 2>/dev/null | tr \'\\n\\t\' \'  \')',
      `what=${shq(shown)}`,
      'if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then ok command "$what: still running after ${T}s"',
      'elif [ "$rc" = 0 ]; then ok command "$what: exited 0"',
      'else fail command "$what: exited $rc within ${T}s${out:+: $out}"; fi',
      'rm -f "$log" 2>/dev/null',
      ...stopLeftovers('HARDEN_VERIFY_RUN'),
    );
  }
  lines.push('exit 0', '');
  return lines.join('\n');
}

/**
 * Probe-script lines that stop whatever the command left behind, daemons too. A process is the run's when it
 * has this build step's root and carries the nonce `variable=$M` the command was started with. In a chroot
 * build step (the script's first argument is `in-build`, and its root is not pid 1's) the root alone decides,
 * since daemons that rewrite their environment for a process title (php-fpm) lose the nonce.
 */
export function stopLeftovers(variable: string): string[] {
  return [
    'anc=" $$ "; p=$$',
    "while [ \"$p\" -gt 1 ] 2>/dev/null; do p=$(sed 's/.*) [A-Za-z] \\([0-9]*\\).*/\\1/' /proc/$p/stat 2>/dev/null || echo 0); anc=\"$anc$p \"; done",
    // Only a script started by the build step's RUN (given `in-build`) may decide by the root alone: run anywhere
    // else (a test on the host), the host's own processes share its root.
    'if [ "$IN_BUILD" = in-build ] && ! [ / -ef /proc/1/root ] 2>/dev/null; then chrooted=1; else chrooted=0; fi',
    'left=""',
    'for d in /proc/[0-9]*; do',
    '  pid=${d#/proc/}',
    '  case "$anc" in *" $pid "*) continue ;; esac',
    '  [ /proc/$pid/root -ef / ] 2>/dev/null || continue',
    `  if [ "$chrooted" = 1 ] || tr '\\0' '\\n' < /proc/$pid/environ 2>/dev/null | grep -qxF "${variable}=$M"; then left="$left $pid"; fi`,
    'done',
    // TERM first: a master process (php-fpm, nginx) then stops workers that run as another user, whose
    // /proc entries the probe may not be allowed to read; KILL what is left.
    'if [ -n "$left" ]; then kill -TERM $left 2>/dev/null; sleep 1; kill -9 $left 2>/dev/null; fi',
  ];
}

function parseMarkerLine(line: string, marker: string): VerifyCheck | undefined {
  const at = line.indexOf(`${marker} `);
  if (at < 0) return undefined;
  const m = /^(ok|fail) ([^\t]*)\t(.*)$/.exec(line.slice(at + marker.length + 1));
  if (!m) return undefined;
  return { ok: m[1] === 'ok', name: m[2], detail: m[3].trim() };
}

function expectedChecks(writePaths: string[], supervisor: boolean): string[] {
  return ['non-root', ...writePaths.map((p) => `writable ${p}`), ...(supervisor ? ['supervisor'] : []), 'command'];
}

export async function verifyDockerfile(opts: VerifyOptions): Promise<VerifyResult> {
  const engine = detectEngine(opts.engine);
  const log = opts.log ?? (() => {});
  const timeoutSeconds = opts.timeoutSeconds ?? 10;
  const checks: VerifyCheck[] = [];
  const add = (c: VerifyCheck) => {
    checks.push(c);
    log(formatCheck(c));
  };
  return engineSession(engine, '--verify', async ({ id, work, madeImages, stopIfInterrupted }) => {
    const tag = `harden-dockerfile-verify-${id}`;
    const probeTag = `${tag}-probe`;
    const context = await contextFor(opts.contextDir, opts.contextFiles, work, '--verify');
    const dockerfile = path.join(work, 'Dockerfile');
    await writeFile(dockerfile, opts.dockerfileText);

    const started = Date.now();
    madeImages.push(tag);
    const built = await run(
      engine,
      buildArgsFor(engine, { tag, dockerfile, context, target: opts.target, buildArgs: opts.buildArgs, pull: opts.pull }),
      opts.onBuildOutput,
    );
    stopIfInterrupted();
    if (built.code !== 0) {
      add({ name: 'build', ok: false, detail: `${engine} build failed (exit ${built.code}): ${lastLines(built.output, 3)}` });
      return { engine, checks, ok: false };
    }
    add({ name: 'build', ok: true, detail: `${engine} build succeeded in ${Math.round((Date.now() - started) / 1000)}s` });

    const config = await imageConfig(engine, tag, '--verify');
    const argv = [...(config?.Entrypoint ?? []), ...(config?.Cmd ?? [])];
    const supervisor = supervisordConfig(argv);

    const probeDir = path.join(work, 'probe');
    await mkdir(probeDir);
    // The marker is only ever printed by the probe, never echoed by the build, so a line holding it
    // is a result. It is unique per run so build output cannot be mistaken for one.
    const marker = `@@harden-verify-${id}@@`;
    await writeFile(
      path.join(probeDir, 'probe.sh'),
      probeScript({ marker, writePaths: opts.writePaths, argv, timeoutSeconds, supervisor }),
    );
    await writeFile(
      path.join(probeDir, 'Dockerfile'),
      [`FROM ${tag}`, 'COPY probe.sh /.harden-verify-probe.sh', 'RUN ["/bin/sh", "/.harden-verify-probe.sh", "in-build"]', ''].join('\n'),
    );
    madeImages.push(probeTag);
    const seen = new Set<string>();
    const denied: string[] = [];
    const probed = await run(
      engine,
      buildArgsFor(engine, { tag: probeTag, dockerfile: path.join(probeDir, 'Dockerfile'), context: probeDir, pull: engine === 'podman' ? 'never' : undefined, noCache: true }),
      (line) => {
        opts.onBuildOutput?.(line);
        const at = line.indexOf(`${marker} denied `);
        if (at >= 0) {
          denied.push(line.slice(at + marker.length + ' denied '.length));
          return;
        }
        const c = parseMarkerLine(line, marker);
        if (c && !seen.has(c.name)) {
          seen.add(c.name);
          if (c.name === 'command' && !c.ok) c.detail += deniedHint(deniedPaths(denied));
          add(c);
        }
      },
    );
    stopIfInterrupted();
    const missing = expectedChecks(opts.writePaths, !!supervisor).filter((n) => !seen.has(n));
    for (const name of missing) {
      add({ name, ok: false, detail: `the probe did not report it (probe build exit ${probed.code}: ${lastLines(probed.output, 2)})` });
    }
    return { engine, checks, ok: checks.every((c) => c.ok) };
  });
}

/** What a session body gets: a unique id, a temporary folder, and the images to remove afterwards. */
export interface EngineSession {
  id: string;
  work: string;
  madeImages: string[];
  stopIfInterrupted: () => void;
}

/**
 * Run `body` with a temporary folder and engine TMPDIR; afterwards remove the images it made, and on Ctrl-C
 * or a CI timeout stop the build, remove the build containers it left, then die of the same signal.
 */
export async function engineSession<T>(engine: Engine, flag: string, body: (s: EngineSession) => Promise<T>): Promise<T> {
  const id = randomBytes(6).toString('hex');
  const madeImages: string[] = [];
  const work = await mkdtemp(path.join(tmpdir(), 'harden-verify-'));
  let interrupted: NodeJS.Signals | undefined;
  const onSignal = (sig: NodeJS.Signals) => {
    interrupted = sig;
    for (const child of running) child.kill('SIGTERM');
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const stopIfInterrupted = () => {
    if (interrupted) throw new Error(`${flag}: interrupted by ${interrupted}`);
  };
  const containersBefore = await buildContainers(engine);
  // Same place podman uses by default (/var/tmp: not a size-limited tmpfs), but ours to remove.
  const engineTmpDir = await mkdtemp(path.join(process.env.TMPDIR ?? (existsSync('/var/tmp') ? '/var/tmp' : tmpdir()), 'harden-verify-engine-'));
  engineTmp = engineTmpDir;
  try {
    return await body({ id, work, madeImages, stopIfInterrupted });
  } finally {
    if (interrupted) {
      // Only containers that appeared while this run was building.
      for (const cid of await buildContainers(engine)) {
        if (!containersBefore.has(cid)) await run(engine, ['rm', '-f', cid]);
      }
    }
    for (const image of madeImages.reverse()) {
      await run(engine, ['image', 'rm', '-f', image]);
    }
    engineTmp = undefined;
    await rm(engineTmpDir, { recursive: true, force: true });
    await rm(work, { recursive: true, force: true });
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    if (interrupted) process.kill(process.pid, interrupted);
  }
}

/**
 * The build context: the user's folder as it is, or a copy in `work` with some files replaced. The
 * Dockerfile goes next to (not into) the context, so the context is copied only when files must differ.
 */
export async function contextFor(contextDir: string, files: { path: string; text: string }[] | undefined, work: string, flag: string): Promise<string> {
  const context = path.resolve(contextDir);
  if (!files || files.length === 0) return context;
  const copy = path.join(work, 'context');
  await cp(context, copy, { recursive: true, verbatimSymlinks: true });
  for (const f of files) {
    const rel = path.isAbsolute(f.path) ? path.relative(context, f.path) : f.path;
    if (rel.startsWith('..') || path.isAbsolute(rel)) throw new Error(`${flag}: ${f.path} is outside the build context`);
    await mkdir(path.dirname(path.join(copy, rel)), { recursive: true });
    await writeFile(path.join(copy, rel), f.text);
  }
  return copy;
}

/** The built image's run configuration (ENTRYPOINT, CMD, USER, WORKDIR). */
export async function imageConfig(engine: Engine, tag: string, flag: string): Promise<ImageConfig | null> {
  const inspected = await run(engine, ['image', 'inspect', '--format', '{{json .Config}}', tag]);
  if (inspected.code !== 0) throw new Error(`${flag}: ${engine} image inspect failed: ${lastLines(inspected.output, 2)}`);
  return JSON.parse(inspected.output.join('\n').trim() || '{}') as ImageConfig | null;
}

/** Output that says a write was refused: Python, Node, nginx/C (`failed (13: …)`), and the shell's and coreutils' own. */
const DENIED_LINE = /Permission denied|EACCES|\(13[:)]|errno 13/i;
/** The path such a line names: quoted after the message, before it (`/x: Permission denied`), or in a C-style `open() "/x"`. */
const DENIED_PATH = [
  /(?:Permission denied|EACCES)[^'"`/]*['"`](\/[^'"`]+)['"`]/i,
  /['"`](\/[^'"`]+)['"`][^'"`]*(?:Permission denied|EACCES|\(13[:)])/i,
  /(?:^|\s)(\/[^\s:'"`]+):\s*Permission denied/i,
];

/** The paths named by permission errors in a command's output, first seen first, without repeats. */
export function deniedPaths(lines: readonly string[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    if (!DENIED_LINE.test(line)) continue;
    for (const re of DENIED_PATH) {
      const m = re.exec(line);
      if (!m) continue;
      const p = path.posix.normalize(m[1]);
      if (!out.includes(p)) out.push(p);
      break;
    }
  }
  return out;
}

/** What to add for paths the command could not write: the folder holding a file, or the folder itself. */
export function deniedHint(paths: readonly string[]): string {
  if (paths.length === 0) return '';
  const add = [...new Set(paths.map((p) => (/\.[A-Za-z0-9]{1,8}$/.test(path.posix.basename(p)) ? path.posix.dirname(p) : p)))];
  return `; it could not write ${paths.slice(0, 3).join(', ')}: add ${add.slice(0, 3).map((p) => `--writable ${p}`).join(' ')} (or run --learn to see every path it writes)`;
}
