// The real built command (`npm test` builds first), run in temporary folders: modes, exit codes, refusals, writes.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { binPath, goldenCases, readBytes } from './helpers.js';

const bin = binPath;
const ROOT_DOCKERFILE = 'FROM debian:12\nRUN apt-get update\nCMD ["python", "app.py"]\n';
const HARDENED_DOCKERFILE = 'FROM debian:12\nRUN useradd --uid 1001 app\nUSER 1001\nCMD ["x"]\n';
const temps: string[] = [];

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(cwd: string, args: string[], input?: string | Buffer): Run {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, input: typeof input === 'string' ? Buffer.from(input) : input, timeout: 20000 });
  return { code: r.status, stdout: r.stdout.toString('utf8'), stderr: r.stderr.toString('utf8') };
}

function tempDir(files: Record<string, string | Buffer> = {}): string {
  const dir = fs.mkdtempSync(path.join(fs.realpathSync(os.tmpdir()), 'harden-cli-'));
  temps.push(dir);
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

function read(dir: string, name: string): string {
  return fs.readFileSync(path.join(dir, name), 'utf8');
}

/** No stack trace and no multi-line error: every error line starts with the program name. */
function expectOneLineErrors(stderr: string): void {
  expect(stderr).not.toMatch(/^\s+at /m);
  for (const line of stderr.split('\n')) {
    if (/error|cannot|refus|invalid|unknown/i.test(line) && !line.startsWith('  ')) expect(line).toMatch(/^harden-dockerfile: /);
  }
}

afterAll(() => {
  for (const dir of temps) {
    fs.chmodSync(dir, 0o755);
    for (const sub of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
      if (sub.isDirectory()) fs.chmodSync(path.join(sub.parentPath, sub.name), 0o755);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

describe('modes', () => {
  it('dry run prints a diff, a summary, exits 0 and leaves the file untouched', () => {
    const dir = tempDir({ Dockerfile: ROOT_DOCKERFILE });
    const r = run(dir, []);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^--- a\/Dockerfile\n\+\+\+ b\/Dockerfile\n@@ /);
    expect(r.stdout).toContain('+USER 1001:1001\n');
    expect(r.stderr).toContain('Dockerfile: ');
    expect(read(dir, 'Dockerfile')).toBe(ROOT_DOCKERFILE);
  });

  it('--write rewrites in place, prints no diff, and a second run finds nothing', () => {
    const dir = tempDir({ Dockerfile: ROOT_DOCKERFILE });
    const r = run(dir, ['--write']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const written = read(dir, 'Dockerfile');
    expect(written).toContain('USER 1001:1001\nCMD ["python", "app.py"]\n');
    expect(fs.readdirSync(dir)).toEqual(['Dockerfile']);
    expect(run(dir, ['--check']).code).toBe(0);
    expect(run(dir, []).stdout).toBe('');
  });

  it('--check exits 1 when a file needs work, 0 when clean, 2 on error, and never writes', () => {
    const dir = tempDir({ 'a/Dockerfile': ROOT_DOCKERFILE, 'b/Dockerfile': HARDENED_DOCKERFILE, 'c/Dockerfile': '' });
    expect(run(dir, ['--check', 'a']).code).toBe(1);
    expect(run(dir, ['--check', 'b']).code).toBe(0);
    expect(run(dir, ['--check', 'c']).code).toBe(2);
    expect(run(dir, ['--check', 'a', 'c']).code).toBe(2);
    expect(read(dir, 'a/Dockerfile')).toBe(ROOT_DOCKERFILE);
  });

  it('- reads stdin and writes the whole result to stdout', () => {
    const dir = tempDir();
    const r = run(dir, ['-'], ROOT_DOCKERFILE);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('FROM debian:12\n')).toBe(true);
    expect(r.stdout).toContain('USER 1001:1001\nCMD ["python", "app.py"]\n');
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('- passes an already hardened file through unchanged, BOM included', () => {
    const input = '\uFEFF' + HARDENED_DOCKERFILE;
    const r = run(tempDir(), ['-'], input);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(input);
  });

  it('- refuses bad input on stdin with one line and exit 2', () => {
    const r = run(tempDir(), ['-'], Buffer.from([0x46, 0x52, 0x00, 0x4d]));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^harden-dockerfile: <stdin>: binary file/m);
    expect(r.stdout).toBe('');
  });
});

describe('folders', () => {
  it('finds Dockerfile, Dockerfile.*, *.Dockerfile and Containerfile, skipping node_modules and .git', () => {
    const dir = tempDir({
      Dockerfile: ROOT_DOCKERFILE,
      'Dockerfile.dev': ROOT_DOCKERFILE,
      'api.Dockerfile': ROOT_DOCKERFILE,
      'sub/Containerfile': ROOT_DOCKERFILE,
      'node_modules/pkg/Dockerfile': ROOT_DOCKERFILE,
      '.git/Dockerfile': ROOT_DOCKERFILE,
      'README.md': 'FROM debian:12\n',
      'Dockerfile-notes.txt': ROOT_DOCKERFILE,
    });
    const r = run(dir, []);
    expect(r.code).toBe(0);
    const files = [...r.stdout.matchAll(/^\+\+\+ b\/(.*)$/gm)].map((m) => m[1]).sort();
    expect(files).toEqual(['Dockerfile', 'Dockerfile.dev', 'api.Dockerfile', 'sub/Containerfile']);
  });

  it('one broken file among good ones: the others are still written, exit 2, one line naming it, listed at the end', () => {
    const dir = tempDir({ 'a/Dockerfile': ROOT_DOCKERFILE, 'b/Dockerfile': 'FROM debian:12\nFRM oops\n', 'c/Dockerfile': ROOT_DOCKERFILE });
    const r = run(dir, ['--write']);
    expect(r.code).toBe(2);
    expect(read(dir, 'a/Dockerfile')).toContain('USER 1001:1001');
    expect(read(dir, 'c/Dockerfile')).toContain('USER 1001:1001');
    expect(read(dir, 'b/Dockerfile')).toBe('FROM debian:12\nFRM oops\n');
    expect(r.stderr).toMatch(/^harden-dockerfile: b\/Dockerfile: line 2: unknown instruction 'FRM'/m);
    expect(r.stderr).toMatch(/1 of 3 files could not be hardened:\n {2}b\/Dockerfile: line 2: unknown instruction/);
    expectOneLineErrors(r.stderr);
  });

  it('a folder with no Dockerfiles is an error', () => {
    const dir = tempDir({ 'empty/README.md': 'hi\n' });
    const r = run(dir, ['empty']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('harden-dockerfile: empty: no Dockerfile, Dockerfile.*, *.Dockerfile or Containerfile found in this folder\n');
  });

  it('a path that does not exist is an error, and the other paths are still processed', () => {
    const dir = tempDir({ Dockerfile: ROOT_DOCKERFILE });
    const r = run(dir, ['--write', 'missing/Dockerfile', 'Dockerfile']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^harden-dockerfile: missing\/Dockerfile: no such file or folder$/m);
    expect(read(dir, 'Dockerfile')).toContain('USER 1001:1001');
  });
});

describe('refusals: one line naming the file and the reason, exit 2, file untouched', () => {
  const cases: [string, string | Buffer, RegExp][] = [
    ['binary (NUL bytes)', Buffer.from('FROM debian:12\n\0\0\0CMD x\n'), /binary file/],
    ['not UTF-8 (Latin-1)', Buffer.from('FROM debian:12\nLABEL author="Jos\xe9"\n', 'latin1'), /not valid UTF-8/],
    ['empty', '', /empty file/],
    ['only blank lines', '\n\n  \n', /empty file/],
    ['only comments: no FROM', '# just a comment\n', /no FROM/],
    ['an instruction before FROM', 'RUN echo hi\nFROM debian:12\n', /before the first FROM/],
    ['unknown keyword', 'FROM debian:12\nRUNN echo hi\n', /line 2: unknown instruction 'RUNN'/],
    ['heredoc written << EOF with a space', 'FROM debian:12\nRUN << EOF\napt-get update\nEOF\nCMD ["x"]\n', /unknown instruction 'apt-get'.*<< EOF/],
  ];
  it.each(cases)('%s', (_name, content, reason) => {
    const dir = tempDir({ Dockerfile: content });
    const before = fs.readFileSync(path.join(dir, 'Dockerfile'));
    for (const args of [['--write', 'Dockerfile'], ['Dockerfile'], ['--check', 'Dockerfile']]) {
      const r = run(dir, args);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      const lines = r.stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^harden-dockerfile: Dockerfile: /);
      expect(lines[0]).toMatch(reason);
    }
    expect(fs.readFileSync(path.join(dir, 'Dockerfile'))).toEqual(before);
    expect(fs.readdirSync(dir)).toEqual(['Dockerfile']);
  });
});

describe('arguments: usage error, exit 2, nothing written', () => {
  const bad: [string, string[]][] = [
    ['an unknown flag', ['--wrte']],
    ['--uid 0', ['--uid', '0']],
    ['--uid 000', ['--uid', '000']],
    ['a negative uid', ['--uid', '-5']],
    ['a negative gid', ['--gid=-1']],
    ['a non-numeric uid', ['--uid', 'abc']],
    ['a fractional uid', ['--uid', '1.5']],
    ['a hex uid', ['--uid', '0x10']],
    ['an empty uid', ['--uid', '']],
    ['a uid above 2^31-1', ['--uid', '2147483648']],
    ['a gid above 2^31-1', ['--gid', '99999999999']],
    ['an upper-case user name', ['--user', 'Admin']],
    ['a user name starting with a digit', ['--user', '1app']],
    ['a user name with a space', ['--user', 'my app']],
    ['a user name longer than 32', ['--user', 'a'.repeat(33)]],
    ['user root', ['--user', 'root']],
    ['an invalid group name', ['--group', 'Wheel!']],
    ['--write with --check', ['--write', '--check']],
    ['- with other paths', ['-', 'Dockerfile']],
  ];
  it.each(bad)('%s', (_name, args) => {
    const dir = tempDir({ Dockerfile: ROOT_DOCKERFILE });
    const r = run(dir, ['--write', ...args]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^harden-dockerfile: /);
    expect(read(dir, 'Dockerfile')).toBe(ROOT_DOCKERFILE);
  });

  it('accepts the largest id, 2^31-1', () => {
    const r = run(tempDir(), ['--uid', '2147483647', '-'], ROOT_DOCKERFILE);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('USER 2147483647:2147483647');
  });
});

describe('writes', () => {
  it('keep the file mode', () => {
    const dir = tempDir({ Dockerfile: ROOT_DOCKERFILE });
    fs.chmodSync(path.join(dir, 'Dockerfile'), 0o750);
    expect(run(dir, ['--write']).code).toBe(0);
    expect(fs.statSync(path.join(dir, 'Dockerfile')).mode & 0o7777).toBe(0o750);
  });

  it('keep a UTF-8 byte-order mark', () => {
    const dir = tempDir({ Dockerfile: '\uFEFF' + ROOT_DOCKERFILE });
    expect(run(dir, ['--write']).code).toBe(0);
    const bytes = fs.readFileSync(path.join(dir, 'Dockerfile'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toContain('USER 1001:1001');
    expect(bytes.toString('utf8').indexOf('\uFEFF', 1)).toBe(-1);
  });

  it('go through a symlink to its target and keep the link', () => {
    const dir = tempDir({ 'real/Dockerfile': ROOT_DOCKERFILE });
    fs.mkdirSync(path.join(dir, 'app'));
    fs.symlinkSync('../real/Dockerfile', path.join(dir, 'app', 'Dockerfile'));
    expect(run(dir, ['--write', 'app/Dockerfile']).code).toBe(0);
    expect(fs.lstatSync(path.join(dir, 'app', 'Dockerfile')).isSymbolicLink()).toBe(true);
    expect(read(dir, 'real/Dockerfile')).toContain('USER 1001:1001');
    expect(fs.readdirSync(path.join(dir, 'real'))).toEqual(['Dockerfile']);
  });

  it('refuse a read-only file: exit 2, one line, nothing changed', () => {
    const dir = tempDir({ Dockerfile: ROOT_DOCKERFILE });
    fs.chmodSync(path.join(dir, 'Dockerfile'), 0o444);
    const r = run(dir, ['--write']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^harden-dockerfile: Dockerfile: cannot write: the file Dockerfile is read only; nothing changed$/m);
    expect(read(dir, 'Dockerfile')).toBe(ROOT_DOCKERFILE);
    expect(fs.readdirSync(dir)).toEqual(['Dockerfile']);
  });

  it('refuse a file in a read-only folder: exit 2, nothing changed, no temp file left', () => {
    const dir = tempDir({ 'ro/Dockerfile': ROOT_DOCKERFILE });
    fs.chmodSync(path.join(dir, 'ro'), 0o555);
    const r = run(dir, ['--write', 'ro']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^harden-dockerfile: ro\/Dockerfile: cannot write: the folder ro is read only; nothing changed$/m);
    expect(read(dir, 'ro/Dockerfile')).toBe(ROOT_DOCKERFILE);
    expect(fs.readdirSync(path.join(dir, 'ro'))).toEqual(['Dockerfile']);
  });

  it('keep CRLF line endings and every untouched byte', () => {
    const crlf = ROOT_DOCKERFILE.replace(/\n/g, '\r\n');
    const dir = tempDir({ Dockerfile: crlf });
    expect(run(dir, ['--write']).code).toBe(0);
    const out = read(dir, 'Dockerfile');
    expect(out).toContain('USER 1001:1001\r\n');
    expect(out.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = out.split('\r\n');
    let i = 0;
    for (const line of lines) if (line === crlf.split('\r\n')[i]) i++;
    expect(i).toBe(crlf.split('\r\n').length);
  });
});

describe('--verify without a container engine', () => {
  it('says so in one line and exits 2, leaving the file untouched', () => {
    const input = 'FROM python:3.12-slim\nCMD ["python"]\n';
    const dir = tempDir({ Dockerfile: input });
    const nodeOnly = tempDir();
    fs.symlinkSync(process.execPath, path.join(nodeOnly, 'node'));
    const r = spawnSync(process.execPath, [bin, '--verify', 'Dockerfile'], { cwd: dir, encoding: 'utf8', env: { PATH: nodeOnly } });
    expect(r.status).toBe(2);
    const errors = r.stderr.split('\n').filter((l) => l.startsWith('harden-dockerfile:'));
    expect(errors).toEqual([expect.stringMatching(/--verify needs a container engine/)]);
    expect(fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8')).toBe(input);
  });
});

describe('golden outputs: the printed diff applied with git apply gives exactly the --write result', () => {
  const hasGit = spawnSync('git', ['--version']).status === 0;
  const cases = goldenCases();
  (hasGit ? it.each(cases.map((c) => [c.id, c] as const)) : it.skip.each(cases.map((c) => [c.id, c] as const)))('%s', (_id, c) => {
    const setup = (): string => {
      const dir = tempDir();
      if (c.context) fs.cpSync(c.context, dir, { recursive: true });
      fs.copyFileSync(c.input, path.join(dir, 'Dockerfile'));
      return dir;
    };
    const flags = optionFlags(c.options);
    const written = setup();
    expect(run(written, ['--write', ...flags, 'Dockerfile']).code).toBe(0);

    const patched = setup();
    const git = (...args: string[]) => spawnSync('git', args, { cwd: patched, encoding: 'utf8' });
    expect(git('init', '-q').status).toBe(0);
    const dry = run(patched, [...flags, 'Dockerfile']);
    expect(dry.code).toBe(0);
    if (dry.stdout !== '') {
      fs.writeFileSync(path.join(patched, '.patch'), dry.stdout);
      const applied = git('apply', '--whitespace=nowarn', '.patch');
      expect(applied.stderr).toBe('');
      fs.rmSync(path.join(patched, '.patch'));
    }
    fs.rmSync(path.join(patched, '.git'), { recursive: true });
    expect(snapshot(patched)).toEqual(snapshot(written));
    expect(read(written, 'Dockerfile')).toBe(readBytes(c.output));
  });
});

/** Command-line flags for a case's options.json (only the fields that differ from the defaults). */
function optionFlags(options: ReturnType<typeof goldenCases>[number]['options']): string[] {
  const flags = ['--uid', String(options.uid), '--gid', String(options.gid), '--user', options.user, '--group', options.group];
  for (const w of options.writable) flags.push('--writable', w);
  if (options.target !== undefined) flags.push('--target', options.target);
  for (const [k, v] of Object.entries(options.buildArgs)) flags.push('--build-arg', `${k}=${v}`);
  if (!options.comments) flags.push('--no-comments');
  if (options.force) flags.push('--force');
  return flags;
}

function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) out[path.relative(dir, path.join(entry.parentPath, entry.name))] = fs.readFileSync(path.join(entry.parentPath, entry.name), 'latin1');
  }
  return out;
}
