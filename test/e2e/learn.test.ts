// --learn with a real engine: the real bin learns what each unhardened image writes (building it and running
// its command once as root), keeps it in .harden-dockerfile.json and writes the hardened Dockerfile; that
// output must build and pass every check as its own user. For the script-only pipeline, the static tool
// alone must NOT find the folder, and its output must fail with --verify naming the path to add.
import { expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatCheck, verifyDockerfile } from '../../src/verify.js';
import { binPath } from '../helpers.js';
import { describeWithEngine } from './engine.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CASE_TIMEOUT_MS = 600_000;

interface LearnCase {
  name: string;
  /** The unhardened Dockerfile and its build context, relative to the repository root. */
  dockerfile: string;
  context: string;
  /** Paths the hardened container must be able to write, and the folders --learn must hand over. */
  writePaths: string[];
  /** Seconds the command runs while learning (default 10). */
  learnTimeout?: number;
  /** A path the learning run must see written (kept in the config). */
  learns: string;
  /** Without --learn the static detectors do not hand this path over (so the learned evidence shows). */
  staticMisses?: string;
}

const cases: LearnCase[] = [
  // The folder shows only in what the script does at run time: no ENV, no path in its text.
  { name: 'script-only pipeline', dockerfile: 'test/e2e/fixtures/learn/script-pipeline/Dockerfile', context: 'test/e2e/fixtures/learn/script-pipeline', writePaths: ['/srv/work'], learnTimeout: 5, learns: '/srv/work/batch-1.txt', staticMisses: '/srv/work' },
  { name: 'celery beat schedule', dockerfile: '__fixtures__/app-writes/celery-beat.input.Dockerfile', context: '__fixtures__/app-writes/celery-beat.context', writePaths: ['/app'], learns: '/app/celerybeat-schedule.db' },
  { name: 'sqlite db next to the code', dockerfile: '__fixtures__/app-writes/sqlite-next-to-code.input.Dockerfile', context: '__fixtures__/app-writes/sqlite-next-to-code.context', writePaths: ['/srv/notes'], learnTimeout: 5, learns: '/srv/notes/notes.db' },
  { name: '~/.cache writer', dockerfile: '__fixtures__/create-user/home-cache-writer.input.Dockerfile', context: '__fixtures__/create-user/home-cache-writer.context', writePaths: ['/home/nonroot/.cache/torch'], learnTimeout: 5, learns: '/root/.cache/torch/hub/checkpoints/model.pt' },
];

function inTemp(c: LearnCase): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'harden-e2e-learn-'));
  cpSync(path.join(root, c.context), dir, { recursive: true });
  cpSync(path.join(root, c.dockerfile), path.join(dir, 'Dockerfile'));
  return dir;
}

function cli(dir: string, args: string[]) {
  const r = spawnSync(process.execPath, [binPath, ...args], { cwd: dir, encoding: 'utf8', timeout: CASE_TIMEOUT_MS });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describeWithEngine('e2e: --learn', (engine) => {
    for (const c of cases) {
      it(`${c.name}: learns what it writes, keeps it, and the hardened output passes every check`, async () => {
        const dir = inTemp(c);
        try {
          const started = Date.now();
          const learned = cli(dir, ['--learn', '--engine', engine!, '--learn-timeout', String(c.learnTimeout ?? 10), '--write', 'Dockerfile']);
          const seconds = ((Date.now() - started) / 1000).toFixed(1);
          process.stdout.write(`e2e --learn ${c.name}: ${seconds}s\n${learned.stderr.split('\n').map((l) => `  ${l}`).join('\n')}\n`);
          expect(learned.code).toBe(0);
          // Where a static detector finds the same path, its finding (with its own evidence) is the one shown.
          if (c.staticMisses) expect(learned.stderr).toMatch(new RegExp(`${c.staticMisses} is written at run time \\(written on a real run: `));
          const config = JSON.parse(readFileSync(path.join(dir, '.harden-dockerfile.json'), 'utf8'));
          expect(config.learned.Dockerfile.writes.map((w: { path: string }) => w.path)).toContain(c.learns);

          const r = await verifyDockerfile({ dockerfileText: readFileSync(path.join(dir, 'Dockerfile'), 'utf8'), contextDir: dir, writePaths: c.writePaths, engine, timeoutSeconds: 5, pull: 'never' });
          process.stdout.write(r.checks.map((k) => `e2e --learn ${c.name} output: ${formatCheck(k)}\n`).join(''));
          expect(r.checks.map((k) => k.name)).toEqual(expect.arrayContaining(['build', 'non-root', 'command', ...c.writePaths.map((p) => `writable ${p}`)]));
          expect({ ok: r.ok, checks: r.checks.map(formatCheck).join('\n') }).toEqual({ ok: true, checks: expect.any(String) });

          // A later dry run reads what was kept, with no engine on PATH: the written file needs no change.
          const offline = spawnSync(process.execPath, [binPath, '--check', 'Dockerfile'], { cwd: dir, encoding: 'utf8', env: { ...process.env, PATH: '/nonexistent' } });
          expect({ code: offline.status, stderr: offline.stderr }).toEqual({ code: 0, stderr: expect.any(String) });
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }, CASE_TIMEOUT_MS);

      if (c.staticMisses) {
        it(`${c.name}: without --learn the static detectors miss ${c.staticMisses}, and --verify names it`, () => {
          const dir = inTemp(c);
          try {
            const hardened = cli(dir, ['--write', 'Dockerfile']);
            expect(hardened.code).toBe(0);
            expect(readFileSync(path.join(dir, 'Dockerfile'), 'utf8')).not.toMatch(new RegExp(`chown[^\\n]*${c.staticMisses}`));
            expect(existsSync(path.join(dir, '.harden-dockerfile.json'))).toBe(false);
            const verified = cli(dir, ['--verify', '--engine', engine!, '--verify-timeout', '5', 'Dockerfile']);
            process.stdout.write(verified.stderr.split('\n').filter((l) => /PASS|FAIL/.test(l)).map((l) => `e2e static ${c.name}: ${l.trim()}\n`).join(''));
            expect(verified.code).toBe(1);
            expect(verified.stderr).toMatch(new RegExp(`FAIL command: .*--writable ${c.staticMisses}`));
          } finally {
            rmSync(dir, { recursive: true, force: true });
          }
        }, CASE_TIMEOUT_MS);
      }
    }

    it('exits 2 with one line naming the step when the original does not build', () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'harden-e2e-learn-'));
      try {
        cpSync(path.join(root, 'test/e2e/fixtures/learn/script-pipeline'), dir, { recursive: true });
        const text = readFileSync(path.join(dir, 'Dockerfile'), 'utf8').replace('RUN mkdir -p /srv/work', 'RUN mkdir -p /srv/work && false');
        spawnSync('sh', ['-c', `cat > Dockerfile <<'EOF'\n${text}EOF`], { cwd: dir });
        const r = cli(dir, ['--learn', '--engine', engine!, 'Dockerfile']);
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(/^harden-dockerfile: Dockerfile: --learn: the Dockerfile does not build as it is: step 2\/4 \(RUN mkdir -p \/srv\/work && false\) failed/m);
        expect(existsSync(path.join(dir, '.harden-dockerfile.json'))).toBe(false);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }, CASE_TIMEOUT_MS);
});
