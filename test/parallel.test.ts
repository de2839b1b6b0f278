// Runs shared between threads must end exactly as runs on one thread: same stdout, stderr, exit code and files.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import type { Args } from '../src/options.js';
import { ContextFiles, processFile, RunWrites, type RunSettings } from '../src/work.js';
import { binPath, fixturesRoot, goldenCases } from './helpers.js';

/** What the CLI passes for a plain dry run with no flags. */
const dryRunArgs = { paths: [], write: false, check: false, writable: [], 'build-arg': [], comments: true, force: false, format: 'diff', color: 'never', verify: false, 'verify-timeout': 10 } as Args;

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(fs.realpathSync(os.tmpdir()), 'harden-parallel-'));
  temps.push(dir);
  return dir;
}

/** Every golden input that runs with default options, each in its own folder with its build context. */
function goldenFolder(): string {
  const dir = tempDir();
  for (const c of goldenCases()) {
    if (fs.existsSync(c.input.replace(/\.input\.Dockerfile$/, '.options.json'))) continue;
    const sub = path.join(dir, c.id);
    fs.mkdirSync(sub, { recursive: true });
    if (c.context) fs.cpSync(c.context, sub, { recursive: true });
    fs.copyFileSync(c.input, path.join(sub, 'Dockerfile'));
  }
  return dir;
}

/** Two Dockerfiles that copy the same supervisor config: hardening the first edits it, which changes what the second needs. */
function sharedConfig(dir: string): { first: string; second: string } {
  const source = path.join(fixturesRoot, 'writable-supervisor', 'copied-config');
  fs.cpSync(`${source}.context`, dir, { recursive: true });
  fs.copyFileSync(`${source}.input.Dockerfile`, path.join(dir, 'Dockerfile'));
  fs.copyFileSync(`${source}.input.Dockerfile`, path.join(dir, 'worker.Dockerfile'));
  return { first: 'Dockerfile', second: 'worker.Dockerfile' };
}

function run(cwd: string, args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [binPath, ...args], { cwd, timeout: 60000 });
  return { code: r.status, stdout: r.stdout.toString('utf8'), stderr: r.stderr.toString('utf8') };
}

/** Every file under a folder with its bytes, for comparing two trees. */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const rel of (fs.readdirSync(dir, { recursive: true }) as string[]).sort()) {
    const full = path.join(dir, rel);
    if (fs.statSync(full).isFile()) out[rel] = fs.readFileSync(full, 'latin1');
  }
  return out;
}

describe('one thread and several give the same run', () => {
  const folder = goldenFolder();
  const files = Object.keys(tree(folder)).filter((f) => f.endsWith('Dockerfile')).length;

  it('has enough files to share out', () => {
    expect(files).toBeGreaterThan(100);
  });

  for (const format of ['diff', 'json'] as const) {
    it(`--format ${format}: byte for byte`, () => {
      const one = run(folder, ['--jobs', '1', '--format', format, '.']);
      const many = run(folder, ['--jobs', '4', '--format', format, '.']);
      expect(one.stdout.length).toBeGreaterThan(1000);
      expect(many).toEqual(one);
    });
  }

  it('--check: same exit code and output', () => {
    const one = run(folder, ['--jobs', '1', '--check', '.']);
    const many = run(folder, ['--jobs', '3', '--check', '.']);
    expect(one.code).toBe(1);
    expect(many).toEqual(one);
  });

  it('--write: the same files, build-context files included, and the same output', () => {
    const a = tempDir();
    const b = tempDir();
    fs.cpSync(folder, a, { recursive: true });
    fs.cpSync(folder, b, { recursive: true });
    // A pair sharing one config, last in the run so several threads are busy when it comes up.
    sharedConfig(path.join(a, 'zz-shared'));
    sharedConfig(path.join(b, 'zz-shared'));
    const one = run(a, ['--jobs', '1', '--write', '.']);
    const many = run(b, ['--jobs', '4', '--write', '.']);
    expect(many).toEqual(one);
    expect(tree(b)).toEqual(tree(a));
    expect(tree(a)).not.toEqual(tree(folder));
  });
});

describe('a separate write thread', () => {
  it('writes what the main thread would write itself, and says the same', async () => {
    const { main } = await import('../src/cli.js');
    const a = tempDir();
    const b = tempDir();
    const folder = goldenFolder();
    fs.cpSync(folder, a, { recursive: true });
    fs.cpSync(folder, b, { recursive: true });
    // In-process main() has no module for threads to run, so it writes on the main thread.
    let stderr = '';
    let stdout = '';
    const code = await main(['--write', '.'], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), readStdin: () => Buffer.alloc(0), cwd: a });
    // The built command over 32 files or more hands its writes to a thread.
    const threaded = run(b, ['--write', '.']);
    expect(threaded).toEqual({ code, stdout, stderr });
    expect(tree(b)).toEqual(tree(a));
  });

  it('that cannot start leaves the writes to the main thread, made in order', async () => {
    const { WriteThread } = await import('../src/pool.js');
    const dir = tempDir();
    const writer = WriteThread.start(new URL('file:///nonexistent/harden-writer.mjs'));
    expect(writer).toBeDefined();
    const file = path.join(dir, 'Dockerfile');
    const outcomes = await Promise.all(['FROM a\n', 'FROM b\n', 'FROM c\n'].map((text) => writer!.write([{ path: file, text }], 'Dockerfile')));
    await writer!.close();
    expect(outcomes).toEqual([0, 1, 2].map(() => ({ written: [file] })));
    expect(fs.readFileSync(file, 'utf8')).toBe('FROM c\n');
    expect(fs.readdirSync(dir)).toEqual(['Dockerfile']);
  });
});

describe('writes are settled in file order', () => {
  const args: Args = { ...dryRunArgs, write: true };
  const settings = (cwd: string): RunSettings => ({ args, cwd, color: false, keepResults: false });
  const target = (file: string) => ({ file, stdin: false });

  it('a file done before an earlier one rewrote its config is done again, and ends as in order', async () => {
    const inOrder = tempDir();
    const { first, second } = sharedConfig(inOrder);
    const context = new ContextFiles();
    const writes = new RunWrites(settings(inOrder), context);
    await writes.settle(target(first), processFile(target(first), settings(inOrder), context));
    const expected = await writes.settle(target(second), processFile(target(second), settings(inOrder), context));

    const outOfOrder = tempDir();
    sharedConfig(outOfOrder);
    const context2 = new ContextFiles();
    const writes2 = new RunWrites(settings(outOfOrder), context2);
    // The second file is done first, as another thread might: it sees the config before the first file edits it.
    const early = processFile(target(second), settings(outOfOrder), context2);
    await writes2.settle(target(first), processFile(target(first), settings(outOfOrder), context2));
    const settled = await writes2.settle(target(second), early);

    expect(early.summary).not.toBe(expected.summary);
    expect(settled.summary).toBe(expected.summary);
    expect(settled.failure).toBeUndefined();
    expect(tree(outOfOrder)).toEqual(tree(inOrder));
  });

  it('a file whose config an earlier file left alone keeps its result', async () => {
    const dir = tempDir();
    const { second } = sharedConfig(dir);
    const context = new ContextFiles();
    const writes = new RunWrites(settings(dir), context);
    const done = processFile(target(second), settings(dir), context);
    expect(done.reads.length).toBeGreaterThan(0);
    // Nothing earlier wrote the config: the result is taken as it is (the same object, not done again).
    expect(await writes.settle(target(second), done)).toBe(done);
  });
});

describe('--jobs', () => {
  it('refuses a count that is not a whole number from 1 to 64, in one line, exit 2', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'Dockerfile'), 'FROM debian:12\nCMD ["x"]\n');
    for (const bad of ['0', '65', '1.5', 'x']) {
      const r = run(dir, ['--jobs', bad, 'Dockerfile']);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^harden-dockerfile: .*jobs/);
      expect(fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8')).toBe('FROM debian:12\nCMD ["x"]\n');
    }
  });
});

describe('a worker that cannot start', () => {
  it('leaves its share to the main thread: every file is done, in order', async () => {
    const { processAll } = await import('../src/pool.js');
    const dir = tempDir();
    const names = Array.from({ length: 40 }, (_, i) => `svc-${String(i).padStart(2, '0')}.Dockerfile`);
    for (const n of names) fs.writeFileSync(path.join(dir, n), 'FROM debian:12\nCMD ["x"]\n');
    const seen: number[] = [];
    await processAll(
      names.map((file) => ({ file, stdin: false })),
      { args: dryRunArgs, cwd: dir, color: false, keepResults: false },
      { threads: 3, workerUrl: new URL('file:///nonexistent/harden-worker.mjs'), context: new ContextFiles() },
      (index, done) => {
        seen.push(index);
        expect(done.failure).toBeUndefined();
        expect(done.summary).toContain(names[index]);
      },
    );
    expect(seen).toEqual(names.map((_, i) => i));
  });
});
