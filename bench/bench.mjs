// npm run bench [-- --files N --reps R]: time the built CLI against the parser's own speed and bare Node.
// Runs against dist/ (npm run bench builds first). Each figure is the median of several runs, all in one run;
// the measures compared with each other take turns, so drift in the machine's speed does not skew the ratios.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const cli = path.join(root, pkg.bin['harden-dockerfile']);
const floorScript = path.join(root, 'bench', 'floor.mjs');
const stagesSource = path.join(root, 'bench', 'stages.mjs');
const rssHook = path.join(root, 'bench', 'maxrss.mjs');
const timeBin = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

const { values: flags } = parseArgs({
  options: {
    files: { type: 'string', default: '2000' },
    reps: { type: 'string', default: '5' },
    lines: { type: 'string', default: '40000' },
    keep: { type: 'boolean', default: false },
    // Only write the inputs to this folder (for profiling), and measure nothing.
    generate: { type: 'string' },
  },
});
const N = Number(flags.files);
const REPS = Math.max(1, Number(flags.reps));
const BIG = Number(flags.lines);

const RUN_LIMIT_MS = 120_000;
const TARGETS = { bulk: 1.5, startup: 3, bigMs: 2000, linear: 2.5, rssMb: 200 };

// ---------- generating the inputs ----------

/** Golden inputs that run with default options and no build context. */
function fixtureInputs() {
  const dir = path.join(root, '__fixtures__');
  const inputs = [];
  for (const rel of fs.readdirSync(dir, { recursive: true }).sort()) {
    if (!rel.endsWith('.input.Dockerfile') || rel.includes('.context')) continue;
    const base = path.join(dir, rel.slice(0, -'.input.Dockerfile'.length));
    if (fs.existsSync(`${base}.options.json`) || fs.existsSync(`${base}.context`)) continue;
    inputs.push(fs.readFileSync(path.join(dir, rel), 'utf8'));
  }
  return inputs;
}

/** A builder stage as monorepo services have, put in front of plain files (no directives, LF, upper case). */
function builderStage(i) {
  const tools = ['npm ci --no-audit --no-fund', 'pip wheel -w /wheels -r requirements.txt', 'go build -o /out/app ./cmd/app'];
  return [
    `FROM node:20-bookworm AS assets`,
    `WORKDIR /src/svc-${i}`,
    `COPY package.json package-lock.json ./`,
    `RUN ${tools[i % tools.length]}`,
    `COPY . .`,
    `RUN npm run build \\`,
    `    && npm prune --omit=dev`,
    '',
  ].join('\n');
}

function variant(text, i) {
  const plain = /^FROM /.test(text) && !text.includes('\r\n');
  const header = plain ? `# svc-${i}: owned by team-${i % 17}\n` : '';
  return header + (plain && i % 3 !== 0 ? builderStage(i) + '\n' : '') + text;
}

function fileName(i) {
  if (i % 7 === 0) return 'worker.Dockerfile';
  if (i % 5 === 0) return 'Dockerfile.dev';
  return 'Dockerfile';
}

function generateFolder(dir, n) {
  const inputs = fixtureInputs();
  let lines = 0;
  for (let i = 0; i < n; i++) {
    const sub = path.join(dir, `group-${String(Math.floor(i / 50)).padStart(3, '0')}`, `svc-${String(i).padStart(5, '0')}`);
    fs.mkdirSync(sub, { recursive: true });
    const text = variant(inputs[i % inputs.length], i);
    lines += text.split('\n').length;
    fs.writeFileSync(path.join(sub, fileName(i)), text);
  }
  return { fixtures: inputs.length, lines };
}

/** One long final stage: tool installs, settings, copies and comments, ending with CMD. */
function bigDockerfile(lines) {
  const out = ['# syntax=docker/dockerfile:1', 'ARG BASE=debian:bookworm-slim', 'FROM ${BASE}', ''];
  for (let k = 0; out.length + 10 < lines; k++) {
    out.push(
      `# step ${k}: tool-${k}`,
      `ENV TOOL_${k}_HOME=/opt/tool-${k} TOOL_${k}_LOG=/var/log/tool-${k}`,
      `ARG TOOL_${k}_VERSION=1.${k}.0`,
      `RUN apt-get update \\`,
      `    && apt-get install -y --no-install-recommends tool-${k}=\${TOOL_${k}_VERSION} \\`,
      `    && rm -rf /var/lib/apt/lists/*`,
      `COPY conf/tool-${k}.conf /etc/tool-${k}.conf`,
      `WORKDIR /srv/${k}`,
      `LABEL step.${k}="tool-${k}"`,
      '',
    );
  }
  while (out.length < lines - 1) out.push(`EXPOSE ${8000 + out.length % 1000}`);
  out.push('CMD ["/srv/start"]');
  return out.join('\n') + '\n';
}

if (flags.generate) {
  generateFolder(path.join(flags.generate, 'files'), N);
  fs.writeFileSync(path.join(flags.generate, 'half.Dockerfile'), bigDockerfile(BIG / 2));
  fs.writeFileSync(path.join(flags.generate, 'full.Dockerfile'), bigDockerfile(BIG));
  process.exit(0);
}

// ---------- measuring ----------

const devNull = fs.openSync('/dev/null', 'w');

/** Wall time of one run in ms; a run that fails, crashes or passes the time limit throws with the reason. */
function run(cmd, args, cwd) {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { cwd, stdio: ['ignore', devNull, 'pipe'], maxBuffer: 1 << 28, timeout: RUN_LIMIT_MS });
  const ms = performance.now() - t0;
  if (r.error?.code === 'ETIMEDOUT') throw new Error(`over ${RUN_LIMIT_MS / 1000} s`);
  if (r.status !== 0) {
    const err = String(r.stderr);
    const why = /heap out of memory|MapGrow|Allocation failed/.test(err) ? 'out of memory' : err.trim().split('\n').pop();
    throw new Error(`exit ${r.status ?? r.signal}: ${why}`);
  }
  return ms;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Median wall time of each measure over `reps` rounds, after one warm-up round. The measures take turns
 * within a round, so a machine that speeds up or slows down during the run moves them all alike and the
 * ratios stay fair. A measure is `fn`, or `{ fn, before }` where `before` runs untimed ahead of it.
 */
function timeTogether(reps, measures) {
  const entries = Object.entries(measures).map(([name, m]) => [name, typeof m === 'function' ? { fn: m } : m]);
  const times = Object.fromEntries(entries.map(([name]) => [name, []]));
  for (let r = -1; r < reps; r++) {
    for (const [name, { fn, before }] of entries) {
      before?.();
      const t = fn();
      if (r >= 0) times[name].push(t);
    }
  }
  return Object.fromEntries(entries.map(([name]) => [name, median(times[name])]));
}

/** Peak resident set size of one run, in MB. */
function peakRss(args, cwd) {
  if (timeBin) {
    const out = path.join(os.tmpdir(), `harden-bench-rss-${process.pid}`);
    run(timeBin, ['-f', '%M', '-o', out, process.execPath, ...args], cwd);
    const kb = Number(fs.readFileSync(out, 'utf8').trim().split('\n').pop());
    fs.rmSync(out, { force: true });
    return kb / 1024;
  }
  const out = path.join(os.tmpdir(), `harden-bench-rss-${process.pid}`);
  const r = spawnSync(process.execPath, ['--import', rssHook, ...args], { cwd, stdio: ['ignore', devNull, 'ignore'], env: { ...process.env, HARDEN_BENCH_RSS_FILE: out } });
  if (r.status !== 0) throw new Error(`peak memory run exited ${r.status}`);
  const kb = Number(fs.readFileSync(out, 'utf8'));
  fs.rmSync(out, { force: true });
  return kb / 1024;
}

// ---------- the run ----------

const work = fs.mkdtempSync(path.join(fs.realpathSync(os.tmpdir()), 'harden-bench-'));
const node = process.execPath;
const ms = (x) => `${x.toFixed(0).padStart(6)} ms`;
const verdict = (ok) => (ok ? 'PASS' : 'FAIL');
const results = [];

try {
  const { fixtures, lines } = generateFolder(path.join(work, 'files'), N);
  // Bundled as the CLI is (see package.json), so the stages load their code as fast as the tool does; beside
  // the CLI, so what it loads lazily resolves the same way.
  const stagesScript = path.join(root, 'dist', 'bench-stages.mjs');
  const { buildSync } = await import('esbuild');
  buildSync({ entryPoints: [stagesSource], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: stagesScript, logLevel: 'warning', banner: { js: "import { createRequire as bundleRequire } from 'node:module'; const require = bundleRequire(import.meta.url);" } });
  const one = path.join(work, 'one', 'Dockerfile');
  fs.mkdirSync(path.dirname(one));
  fs.writeFileSync(one, variant(fixtureInputs()[0], 1));
  console.log(`harden-dockerfile bench: node ${process.version}, ${os.cpus().length} cores, ${REPS} runs each (median), load ${os.loadavg()[0].toFixed(2)}`);
  console.log(`inputs: ${N} files from ${fixtures} golden fixtures (${lines} lines) in ${work}`);
  console.log('');

  const freshCopy = () => {
    fs.rmSync(path.join(work, 'copy'), { recursive: true, force: true });
    fs.cpSync(path.join(work, 'files'), path.join(work, 'copy'), { recursive: true });
  };
  const { floor, floorWrite, dry, write, twoThreads, analysed, hardened, rendered } = timeTogether(REPS, {
    floor: () => run(node, [floorScript, 'files'], work),
    // Informational: the floor writing every file back as --write does, so the cost of the writes themselves shows.
    floorWrite: { fn: () => run(node, [floorScript, 'copy', '--write-back'], work), before: freshCopy },
    dry: () => run(node, [cli, 'files'], work),
    write: { fn: () => run(node, [cli, '--write', 'copy'], work), before: freshCopy },
    // Informational: the same dry run shared between two threads (the default is one thread below 4 cores).
    twoThreads: () => run(node, [cli, '--jobs', '2', 'files'], work),
    // Informational: where the dry run's time goes, each stage cold in a process of its own.
    analysed: () => run(node, [stagesScript, 'files', 'analyse'], work),
    hardened: () => run(node, [stagesScript, 'files', 'harden'], work),
    rendered: () => run(node, [stagesScript, 'files', 'render'], work),
  });
  console.log(`${N} files`);
  console.log(`  floor (read + dockerfile-ast parse)  ${ms(floor)}   ${(N / (floor / 1000)).toFixed(0)} files/s`);
  console.log(`  floor, writing each file back        ${ms(floorWrite)}   ${(N / (floorWrite / 1000)).toFixed(0)} files/s   ${(floorWrite / floor).toFixed(2)}x floor (no hardening)`);
  console.log(`  tool dry run (diff to /dev/null)     ${ms(dry)}   ${(N / (dry / 1000)).toFixed(0)} files/s   ${(dry / floor).toFixed(2)}x floor`);
  console.log(`  tool --write on a fresh copy         ${ms(write)}   ${(N / (write / 1000)).toFixed(0)} files/s   ${(write / floor).toFixed(2)}x floor`);
  console.log(`  tool dry run, --jobs 2 (not a target) ${ms(twoThreads).slice(1)}   ${(N / (twoThreads / 1000)).toFixed(0)} files/s   ${(twoThreads / floor).toFixed(2)}x floor`);
  const step = (what, from, to) => console.log(`    ${what.padEnd(34)} ${to - from >= 0 ? '+' : '-'}${Math.abs(to - from).toFixed(0).padStart(5)} ms`);
  console.log("  where the dry run's time goes (each stage cold, in a process of its own)");
  console.log(`    ${'read + parse (the floor)'.padEnd(34)} ${ms(floor)}`);
  step('analyse', floor, analysed);
  step('the passes, and the output check', analysed, hardened);
  step('diff and summary', hardened, rendered);
  step('the CLI: search, options, output', rendered, dry);
  const bulkRatio = Math.max(dry, write) / floor;
  results.push([`${N} files: tool <= ${TARGETS.bulk}x floor`, `${bulkRatio.toFixed(2)}x`, bulkRatio <= TARGETS.bulk]);

  const startReps = Math.max(REPS * 2, 10);
  const { bare, single } = timeTogether(startReps, { bare: () => run(node, ['-e', '0'], work), single: () => run(node, [cli, one], work) });
  console.log('start-up');
  console.log(`  node -e 0                            ${ms(bare)}`);
  console.log(`  tool on one file                     ${ms(single)}   ${(single / bare).toFixed(2)}x node -e 0`);
  results.push([`one file <= ${TARGETS.startup}x node -e 0`, `${(single / bare).toFixed(2)}x`, single / bare <= TARGETS.startup]);

  const rss = median(Array.from({ length: Math.min(REPS, 3) }, () => peakRss([cli, 'files'], work)));
  const rssBare = peakRss(['-e', '0'], work);
  console.log('peak memory (max RSS)');
  console.log(`  node -e 0                            ${rssBare.toFixed(0).padStart(6)} MB`);
  console.log(`  tool on ${N} files${' '.repeat(Math.max(0, 21 - String(N).length))}${rss.toFixed(0).padStart(6)} MB`);
  results.push([`peak memory on ${N} files < ${TARGETS.rssMb} MB`, `${rss.toFixed(0)} MB`, rss < TARGETS.rssMb]);

  const half = path.join(work, 'big', 'half.Dockerfile');
  const full = path.join(work, 'big', 'full.Dockerfile');
  fs.mkdirSync(path.dirname(half));
  fs.writeFileSync(half, bigDockerfile(BIG / 2));
  fs.writeFileSync(full, bigDockerfile(BIG));
  const bigReps = Math.max(3, Math.ceil(REPS / 2));
  const bigTime = (file) => {
    try {
      return timeTogether(bigReps, { big: () => run(node, [cli, file], work) }).big;
    } catch (err) {
      return err.message;
    }
  };
  const tHalf = bigTime(half);
  const tFull = typeof tHalf === 'number' ? bigTime(full) : 'not run';
  const show = (t) => (typeof t === 'number' ? ms(t) : `   failed: ${t}`);
  console.log(`one long Dockerfile`);
  console.log(`  ${String(BIG / 2).padStart(6)} lines                         ${show(tHalf)}`);
  if (typeof tHalf === 'number' && typeof tFull === 'number') {
    // Start-up is a constant: take it out so the ratio shows how the work itself grows (2 = linear, 4 = quadratic).
    const growth = (tFull - single) / Math.max(1, tHalf - single);
    console.log(`  ${String(BIG).padStart(6)} lines                         ${ms(tFull)}   growth ${(tFull / tHalf).toFixed(2)}x, ${growth.toFixed(2)}x without start-up`);
    results.push([`${BIG} lines < ${TARGETS.bigMs} ms`, `${tFull.toFixed(0)} ms`, tFull < TARGETS.bigMs]);
    results.push([`${BIG / 2} -> ${BIG} lines linear (work grows <= ${TARGETS.linear}x)`, `${growth.toFixed(2)}x`, growth <= TARGETS.linear]);
  } else {
    console.log(`  ${String(BIG).padStart(6)} lines                         ${show(tFull)}`);
    results.push([`${BIG} lines < ${TARGETS.bigMs} ms`, 'failed', false]);
    results.push([`${BIG / 2} -> ${BIG} lines linear (work grows <= ${TARGETS.linear}x)`, 'failed', false]);
  }
  console.log('');
  console.log('targets');
  for (const [what, got, ok] of results) console.log(`  ${verdict(ok)}  ${what.padEnd(48)} ${got}`);
} finally {
  if (!flags.keep) fs.rmSync(work, { recursive: true, force: true });
}
process.exitCode = results.every(([, , ok]) => ok) ? 0 : 1;
