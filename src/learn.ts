// `--learn`: build the UNHARDENED Dockerfile with the engine --verify uses, run its own ENTRYPOINT+CMD as
// root for a while in a probe stage's RUN step (as --verify does), and list every file and folder the run
// created or changed. The writable-paths pass then hands those folders to the unprivileged user.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Learned, LearnedWrite } from './types.js';
import { buildArgsFor, contextFor, detectEngine, engineSession, imageConfig, lastLines, run, shq, stopLeftovers, VerifyEngineError, type Engine } from './verify.js';

export interface LearnOptions {
  dockerfileText: string;
  contextDir: string;
  engine?: Engine;
  /** Seconds the command runs before it is stopped. Default 10. */
  timeoutSeconds?: number;
  /** A smoke command run (with sh -c, as root) while the image's command is up: a request that makes it write. */
  smoke?: string;
  target?: string;
  buildArgs?: Record<string, string>;
  pull?: 'always' | 'missing' | 'never';
  log?: (line: string) => void;
  onBuildOutput?: (line: string) => void;
}

export interface LearnResult extends Learned {
  engine: Engine;
  seconds: number;
  /** The last lines the command printed, when it exited non-zero. */
  output?: string;
  /** The exit code of the smoke command. */
  smokeExit?: number;
}

/** The Dockerfile cannot be learned from (does not build, no shell, no find): one line, exit 2. */
export class LearnError extends Error {}

/** Pseudo file systems, world-writable temp folders, files the engine mounts in, and the probe's own folder. */
export const NOT_LISTED = ['/proc', '/sys', '/dev', '/tmp', '/var/tmp', '/run/lock', '/var/lock', '/etc/hosts', '/etc/hostname', '/etc/resolv.conf', '/run/.containerenv', '/.dockerenv', '/.harden-learn'];

/** At most this many written paths are reported; a run that writes more is writing data, and its folders show in the first ones. */
const MAX_LISTED = 5000;

/** The probe's shell script, run as root. Result lines are `<marker> <word> …`. */
export function learnScript(o: { marker: string; argv: string[]; timeoutSeconds: number; smoke?: string }): string {
  const t = Math.max(1, Math.floor(o.timeoutSeconds));
  const prune = NOT_LISTED.map((p) => `-path ${shq(p)}`).join(' -o ');
  const lines = [
    '#!/bin/sh',
    "# Written by harden-dockerfile --learn; runs as root, like the image's own command before hardening.",
    `M=${shq(o.marker)}`,
    'IN_BUILD=${1:-}',
    'D=/.harden-learn',
    "say() { printf '%s %s\\n' \"$M\" \"$*\"; }",
    // GNU find, else busybox's; both know -xdev, -prune and -newer.
    'if command -v find >/dev/null 2>&1; then F=find',
    'elif command -v busybox >/dev/null 2>&1 && busybox find / -maxdepth 0 >/dev/null 2>&1; then F="busybox find"',
    'else say nofind; exit 0; fi',
    `listing() { $F / -xdev \\( ${prune} \\) -prune -o "$@" -print 2>/dev/null; }`,
    'listing > "$D/before"',
    ': > "$D/stamp"',
    // Timestamps this coarse would hide writes in the stamp's own second: wait it out.
    'sleep 1',
  ];
  if (o.argv.length === 0) {
    lines.push('say exit none');
  } else {
    lines.push(
      'if ! command -v timeout >/dev/null 2>&1; then say notimeout; exit 0; fi',
      `HARDEN_LEARN_RUN=${shq(o.marker)} timeout -k 5 ${t} ${o.argv.map(shq).join(' ')} </dev/null >"$D/log" 2>&1 &`,
      'tpid=$!',
    );
    if (o.smoke) {
      lines.push(
        `sleep ${Math.min(3, Math.max(1, Math.floor(t / 3)))}`,
        `sh -c ${shq(o.smoke)} </dev/null >"$D/smoke.log" 2>&1; say smoke $?`,
      );
    }
    lines.push(
      'wait "$tpid"; rc=$?',
      'say exit "$rc"',
      'if [ "$rc" != 0 ] && [ "$rc" != 124 ] && [ "$rc" != 137 ]; then tail -n 3 "$D/log" 2>/dev/null | while IFS= read -r l; do say out "$l"; done; fi',
      ...stopLeftovers('HARDEN_LEARN_RUN'),
    );
  }
  lines.push(
    `listing -newer "$D/stamp" | head -n ${MAX_LISTED} > "$D/after"`,
    // New or changed: sorted lists and comm where there is one, else a look-up per path.
    'if command -v comm >/dev/null 2>&1 && command -v sort >/dev/null 2>&1; then',
    '  sort "$D/before" > "$D/b"; sort "$D/after" > "$D/a"',
    '  comm -13 "$D/b" "$D/a" | sed \'s/^/new /\' > "$D/changes"; comm -12 "$D/b" "$D/a" | sed \'s/^/modified /\' >> "$D/changes"',
    'else',
    '  while IFS= read -r p; do if grep -qxF -- "$p" "$D/before"; then echo "modified $p"; else echo "new $p"; fi; done < "$D/after" > "$D/changes"',
    'fi',
    'while read -r c p; do if [ -d "$p" ] && [ ! -L "$p" ]; then say w "$c" dir "$p"; else say w "$c" file "$p"; fi; done < "$D/changes"',
    'say done',
    'exit 0',
    '',
  );
  return lines.join('\n');
}

/** Read the probe's result lines. */
export function parseLearnOutput(lines: readonly string[], marker: string): { writes: LearnedWrite[]; exitCode?: number; smokeExit?: number; output: string[]; done: boolean; problem?: 'nofind' | 'notimeout' | 'nocommand' } {
  const writes: LearnedWrite[] = [];
  const output: string[] = [];
  let exitCode: number | undefined;
  let smokeExit: number | undefined;
  let done = false;
  let problem: 'nofind' | 'notimeout' | 'nocommand' | undefined;
  for (const line of lines) {
    const at = line.indexOf(`${marker} `);
    if (at < 0) continue;
    const rest = line.slice(at + marker.length + 1);
    const w = /^w (new|modified) (file|dir) (\/.*)$/.exec(rest);
    if (w) writes.push({ path: w[3], type: w[2] as 'file' | 'dir', change: w[1] as 'new' | 'modified' });
    else if (rest === 'done') done = true;
    else if (rest === 'nofind' || rest === 'notimeout') problem = rest;
    else if (rest === 'exit none') problem = 'nocommand';
    else if (rest.startsWith('exit ')) exitCode = Number(rest.slice(5));
    else if (rest.startsWith('smoke ')) smokeExit = Number(rest.slice(6));
    else if (rest.startsWith('out ')) output.push(rest.slice(4));
  }
  return { writes, exitCode, smokeExit, output, done, problem };
}

/** The build step a failed build stopped at, from podman's `STEP n/m:` or BuildKit's `#n [stage n/m] …` lines. */
export function failingStep(lines: readonly string[]): string | undefined {
  let step: string | undefined;
  for (const l of lines) {
    const podman = /^STEP (\d+\/\d+): (.*)$/.exec(l.trim());
    const buildkit = /^#\d+ \[(?:[^\]]* )?(\d+\/\d+)\] (.*)$/.exec(l.trim());
    const m = podman ?? buildkit;
    if (m) step = `step ${m[1]} (${m[2].slice(0, 120)})`;
  }
  return step;
}

export async function learnDockerfile(opts: LearnOptions): Promise<LearnResult> {
  const engine = detectEngine(opts.engine);
  const log = opts.log ?? (() => {});
  const timeoutSeconds = opts.timeoutSeconds ?? 10;
  const started = Date.now();
  return engineSession(engine, '--learn', async ({ id, work, madeImages, stopIfInterrupted }) => {
    const tag = `harden-dockerfile-learn-${id}`;
    const context = await contextFor(opts.contextDir, [], work, '--learn');
    const dockerfile = path.join(work, 'Dockerfile');
    await writeFile(dockerfile, opts.dockerfileText);
    madeImages.push(tag);
    const built = await run(engine, buildArgsFor(engine, { tag, dockerfile, context, target: opts.target, buildArgs: opts.buildArgs, pull: opts.pull }), opts.onBuildOutput);
    stopIfInterrupted();
    if (built.code !== 0) {
      const step = failingStep(built.output);
      throw new LearnError(`the Dockerfile does not build as it is${step ? `: ${step} failed` : ''} (${engine} exit ${built.code}: ${lastLines(built.output, 2)}); fix the build, then run --learn again`);
    }
    log(`built the unhardened image in ${Math.round((Date.now() - started) / 1000)}s; running its command as root for ${timeoutSeconds}s`);
    const config = await imageConfig(engine, tag, '--learn');
    const argv = [...(config?.Entrypoint ?? []), ...(config?.Cmd ?? [])];
    const probeDir = path.join(work, 'probe');
    await mkdir(probeDir);
    const marker = `@@harden-learn-${id}@@`;
    await writeFile(path.join(probeDir, 'learn.sh'), learnScript({ marker, argv, timeoutSeconds, smoke: opts.smoke }));
    // As root, as the unhardened image runs; its WORKDIR and ENV stay as the image sets them.
    await writeFile(path.join(probeDir, 'Dockerfile'), [`FROM ${tag}`, 'USER root', 'COPY learn.sh /.harden-learn/learn.sh', 'RUN ["/bin/sh", "/.harden-learn/learn.sh", "in-build"]', ''].join('\n'));
    madeImages.push(`${tag}-probe`);
    const probed = await run(
      engine,
      buildArgsFor(engine, { tag: `${tag}-probe`, dockerfile: path.join(probeDir, 'Dockerfile'), context: probeDir, pull: engine === 'podman' ? 'never' : undefined, noCache: true }),
      opts.onBuildOutput,
    );
    stopIfInterrupted();
    const parsed = parseLearnOutput(probed.output, marker);
    if (!parsed.done) {
      if (parsed.problem === 'nofind') throw new LearnError('cannot be learned from: the image has neither find nor busybox to list what its command wrote');
      if (parsed.problem === 'notimeout') throw new LearnError('cannot be learned from: the image has no timeout command to run its command under');
      if (probed.output.some((l) => /\/bin\/sh/.test(l) && /no such file|not found|executable file/i.test(l))) throw new LearnError('cannot be learned from: the image has no shell (/bin/sh) to run the probe in');
      throw new LearnError(`the learning run did not finish (probe build exit ${probed.code}: ${lastLines(probed.output, 2)})`);
    }
    if (parsed.problem === 'nocommand') throw new LearnError('cannot be learned from: the image has no ENTRYPOINT or CMD to run');
    const result: LearnResult = {
      engine,
      seconds: Math.round((Date.now() - started) / 1000),
      writes: parsed.writes,
      command: argv.join(' '),
      exitCode: parsed.exitCode,
    };
    if (opts.smoke !== undefined) {
      result.smoke = opts.smoke;
      result.smokeExit = parsed.smokeExit;
    }
    if (parsed.output.length > 0) result.output = parsed.output.join(' | ');
    return result;
  });
}

export { VerifyEngineError };
