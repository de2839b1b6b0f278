// Builds golden fixtures with a real container engine and probes them (see src/verify.ts): every
// hardened OUTPUT must pass all checks, and every unhardened INPUT must fail the non-root check, which
// shows the probe can fail. Skipped, with the reason printed, when no engine is installed, except
// under CI=true or HARDEN_E2E=1 where a missing engine is a failure.
import { afterAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatCheck, verifyDockerfile, type VerifyResult } from '../../src/verify.js';
import { cases, failingCases, type E2ECase } from './cases.js';
import { describeWithEngine, engine } from './engine.js';
import { binPath } from '../helpers.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CASE_TIMEOUT_MS = 240_000;

function listFiles(dir: string, rel = ''): string[] {
  return readdirSync(path.join(dir, rel)).flatMap((n) => {
    const r = path.join(rel, n);
    return statSync(path.join(dir, r)).isDirectory() ? listFiles(dir, r) : [r];
  });
}

interface Fixture {
  input: string;
  output: string;
  /** The build context: the fixture's own and the case's extra files, or an empty folder. */
  contextDir: string;
  contextFiles: { path: string; text: string }[];
}

function loadFixture(c: E2ECase, tmp: string): Fixture {
  const base = path.join(root, c.fixture);
  const contextDir = path.join(tmp, 'context');
  mkdirSync(contextDir);
  // Copy, so a build never runs in (or next to) the fixtures themselves.
  if (existsSync(`${base}.context`)) cpSync(`${base}.context`, contextDir, { recursive: true });
  if (c.context) cpSync(path.join(root, c.context), contextDir, { recursive: true });
  const ctxOut = `${base}.context.output`;
  return {
    input: readFileSync(`${base}.input.Dockerfile`, 'utf8'),
    output: readFileSync(`${base}.output.Dockerfile`, 'utf8'),
    contextDir,
    contextFiles: existsSync(ctxOut) ? listFiles(ctxOut).map((p) => ({ path: p, text: readFileSync(path.join(ctxOut, p), 'utf8') })) : [],
  };
}

const timings: string[] = [];

async function probe(c: E2ECase, which: 'input' | 'output'): Promise<VerifyResult> {
  const tmp = mkdtempSync(path.join(tmpdir(), 'harden-e2e-'));
  const name = c.fixture.replace(/^(__fixtures__|test\/e2e\/fixtures)\//, '');
  const started = Date.now();
  try {
    const f = loadFixture(c, tmp);
    const r = await verifyDockerfile({
      dockerfileText: which === 'input' ? f.input : f.output,
      contextDir: f.contextDir,
      contextFiles: which === 'output' ? f.contextFiles : [],
      writePaths: c.writePaths,
      engine,
      timeoutSeconds: c.timeoutSeconds ?? 5,
      pull: 'never',
    });
    process.stdout.write(r.checks.map((k) => `e2e ${name} ${which}: ${formatCheck(k)}\n`).join(''));
    return r;
  } finally {
    timings.push(`${name} ${which} ${((Date.now() - started) / 1000).toFixed(1)}s`);
    rmSync(tmp, { recursive: true, force: true });
  }
}

const report = (r: VerifyResult) => r.checks.map(formatCheck).join('\n');

describeWithEngine('e2e: real container builds', (engine) => {
    const suiteStart = Date.now();
    afterAll(() => {
      process.stdout.write(`e2e timings (${engine}): ${timings.join(', ')}; total ${((Date.now() - suiteStart) / 1000).toFixed(1)}s\n`);
    });

    for (const c of cases) {
      describe(c.fixture, () => {
        it('hardened output builds and passes every check', async () => {
          const r = await probe(c, 'output');
          const names = r.checks.map((k) => k.name);
          // Each expected check must have run, not just "no failures".
          expect(names).toEqual(expect.arrayContaining(['build', 'non-root', 'command', ...(c.supervisor ? ['supervisor'] : []), ...c.writePaths.map((p) => `writable ${p}`)]));
          expect({ ok: r.ok, checks: report(r) }).toEqual({ ok: true, checks: expect.any(String) });
          // A supervisor case must really have seen its programs RUNNING, not skipped the question.
          if (c.supervisor) expect(r.checks.find((k) => k.name === 'supervisor')?.detail).not.toMatch(/^not checked/);
        }, CASE_TIMEOUT_MS);

        it('unhardened input builds and fails the non-root check', async () => {
          const r = await probe(c, 'input');
          const build = r.checks.find((k) => k.name === 'build');
          const nonRoot = r.checks.find((k) => k.name === 'non-root');
          expect({ build: build?.ok, checks: report(r) }).toEqual({ build: true, checks: expect.any(String) });
          expect({ nonRoot: nonRoot?.ok, checks: report(r) }).toEqual({ nonRoot: false, checks: expect.any(String) });
        }, CASE_TIMEOUT_MS);
      });
    }

    // The user-facing mode: the real bin, a dry run (the copied config is edited only in a temp copy).
    describe('harden-dockerfile --verify', () => {
      const bin = binPath;
      const runVerify = (fixtureBase: string, dockerfile: string) => {
        const tmp = mkdtempSync(path.join(tmpdir(), 'harden-e2e-cli-'));
        try {
          if (existsSync(`${fixtureBase}.context`)) cpSync(`${fixtureBase}.context`, tmp, { recursive: true });
          cpSync(dockerfile, path.join(tmp, 'Dockerfile'));
          const before = listFiles(tmp).map((f) => [f, readFileSync(path.join(tmp, f), 'utf8')]);
          const r = spawnSync(process.execPath, [bin, '--verify', '--engine', engine, 'Dockerfile'], { cwd: tmp, encoding: 'utf8', timeout: CASE_TIMEOUT_MS });
          const after = listFiles(tmp).map((f) => [f, readFileSync(path.join(tmp, f), 'utf8')]);
          return { code: r.status, stderr: r.stderr, untouched: JSON.stringify(before) === JSON.stringify(after) };
        } finally {
          rmSync(tmp, { recursive: true, force: true });
        }
      };

      it('prints one PASS line per check and exits 0 for a supervisor image it hardens, leaving the tree untouched', () => {
        const base = path.join(root, '__fixtures__/writable-supervisor/copied-config');
        const r = runVerify(base, `${base}.input.Dockerfile`);
        process.stdout.write(r.stderr.split('\n').filter((l) => /^\s+(PASS|FAIL)/.test(l)).map((l) => `e2e cli --verify: ${l.trim()}\n`).join(''));
        expect({ code: r.code, untouched: r.untouched }).toEqual({ code: 0, untouched: true });
        for (const check of ['build', 'non-root', 'writable /run/supervisor', 'supervisor', 'command']) expect(r.stderr).toMatch(new RegExp(`PASS ${check}`));
      }, CASE_TIMEOUT_MS);

      it('exits 1 when a check fails (the naive supervisor fix cannot start)', () => {
        const r = runVerify(path.join(root, 'test/e2e/fixtures/supervisor-naive-fix'), path.join(root, 'test/e2e/fixtures/supervisor-naive-fix.Dockerfile'));
        expect(r.code).toBe(1);
        expect(r.stderr).toMatch(/FAIL command/);
      }, CASE_TIMEOUT_MS);
    });

    for (const c of failingCases) {
      it(`${c.dockerfile}: the probe fails ${c.fail.join(', ')}`, async () => {
        const tmp = mkdtempSync(path.join(tmpdir(), 'harden-e2e-'));
        const name = path.basename(c.dockerfile);
        const started = Date.now();
        try {
          const contextDir = path.join(tmp, 'context');
          mkdirSync(contextDir);
          for (const dir of [c.context ?? []].flat()) cpSync(path.join(root, dir), contextDir, { recursive: true });
          const r = await verifyDockerfile({
            dockerfileText: readFileSync(path.join(root, c.dockerfile), 'utf8'),
            contextDir,
            writePaths: c.writePaths,
            engine,
            timeoutSeconds: c.timeoutSeconds ?? 5,
            pull: 'never',
          });
          process.stdout.write(r.checks.map((k) => `e2e ${name}: ${formatCheck(k)}\n`).join(''));
          const status = Object.fromEntries(r.checks.map((k) => [k.name, k.ok]));
          const want = Object.fromEntries([...c.pass.map((n) => [n, true]), ...c.fail.map((n) => [n, false])]);
          expect({ status, checks: report(r) }).toEqual({ status: expect.objectContaining(want), checks: expect.any(String) });
          expect(r.ok).toBe(false);
        } finally {
          timings.push(`${name} ${((Date.now() - started) / 1000).toFixed(1)}s`);
          rmSync(tmp, { recursive: true, force: true });
        }
      }, CASE_TIMEOUT_MS);
    }
});
