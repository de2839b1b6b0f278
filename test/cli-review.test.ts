// The CLI in a pull-request job: config discovery and precedence, format dispatch, colour, --no-comments.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { main } from '../src/cli.js';
import { optionsFromArgs } from '../src/options.js';
import { matchesPattern } from '../src/config.js';

const ROOT_DOCKERFILE = 'FROM debian:bookworm-slim\nRUN apt-get update\nCMD ["sh"]\n';
const FINE_DOCKERFILE = 'FROM node:20-slim\nUSER node\nCMD ["node", "a.js"]\n';

function tmpRepo(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(fs.realpathSync(process.env.TMPDIR ?? '/tmp'), 'review-'));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

async function run(args: string[], cwd: string, extra: { isTTY?: boolean; env?: Record<string, string> } = {}) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), readStdin: () => Buffer.from(ROOT_DOCKERFILE), cwd, ...extra });
  return { code, stdout, stderr };
}

describe('config', () => {
  it('is found from a subfolder upwards and its ids are used', async () => {
    const dir = tmpRepo({ '.harden-dockerfile.json': '{"uid": 2000, "user": "app"}', 'svc/Dockerfile': ROOT_DOCKERFILE });
    const { code, stdout } = await run(['Dockerfile'], path.join(dir, 'svc'));
    expect(code).toBe(0);
    expect(stdout).toContain('useradd --system --uid 2000 --gid 2000');
    expect(stdout).toContain('+USER 2000:2000');
  });

  it('reads the "harden-dockerfile" key of package.json, and skips a package.json without it', async () => {
    const dir = tmpRepo({ 'package.json': '{"name": "x", "harden-dockerfile": {"uid": 3000}}', 'app/package.json': '{"name": "inner"}', 'app/Dockerfile': ROOT_DOCKERFILE });
    const { stdout } = await run(['Dockerfile'], path.join(dir, 'app'));
    expect(stdout).toContain('+USER 3000:3000');
  });

  it('lets flags win over per-file overrides, and overrides over the top level', async () => {
    const config = { uid: 2000, gid: 2100, overrides: [{ files: 'gpu/**', uid: 4000 }] };
    const dir = tmpRepo({ '.harden-dockerfile.json': JSON.stringify(config), 'gpu/Dockerfile': ROOT_DOCKERFILE, 'cpu/Dockerfile': ROOT_DOCKERFILE });
    const plain = await run(['.'], dir);
    expect(plain.stdout).toMatch(/\+\+\+ b\/cpu\/Dockerfile[\s\S]*\+USER 2000:2100[\s\S]*\+\+\+ b\/gpu\/Dockerfile[\s\S]*\+USER 4000:2100/);
    const flagged = await run(['.', '--uid', '5000'], dir);
    expect(flagged.stdout).not.toContain('USER 4000');
    expect(flagged.stdout.match(/\+USER 5000:2100/g)).toHaveLength(2);
  });

  it('adds the config\'s writable paths to the flags\' ones, and derives gid and group from flags last', () => {
    const args: Parameters<typeof optionsFromArgs>[0] = { paths: [], write: false, check: false, writable: ['/cache'], 'build-arg': [], comments: true, force: false, format: 'diff', color: 'auto', verify: false, 'verify-timeout': 10 };
    const options = optionsFromArgs({ ...args, writable: ['/cache'] }, { writable: ['/data'], uid: 2000, user: 'app' });
    expect(options).toMatchObject({ writable: ['/data', '/cache'], uid: 2000, gid: 2000, user: 'app', group: 'app' });
    expect(optionsFromArgs({ ...args, uid: '7' }, { uid: 2000, gid: 2100 })).toMatchObject({ uid: 7, gid: 2100 });
  });

  it('skips files by glob and says so', async () => {
    const dir = tmpRepo({ '.harden-dockerfile.json': '{"skip": ["legacy/**", "*.dev.Dockerfile"]}', 'legacy/Dockerfile': ROOT_DOCKERFILE, 'app.dev.Dockerfile': ROOT_DOCKERFILE, 'Dockerfile': ROOT_DOCKERFILE });
    const { code, stdout, stderr } = await run(['--check'], dir);
    expect(code).toBe(1);
    expect(stdout).toContain('b/Dockerfile');
    expect(stdout).not.toContain('legacy/Dockerfile');
    expect(stdout).not.toContain('app.dev.Dockerfile');
    expect(stderr).toContain("legacy/Dockerfile: skipped: matches skip pattern 'legacy/**' in .harden-dockerfile.json");
  });

  it.each([
    ['{"uid": 0}', /"uid" 0 is root/],
    ['{"uid": "abc"}', /"uid" must be a whole number/],
    ['{"user": "Bad Name"}', /"user" must be a valid Linux name/],
    ['{"writable": ["relative"]}', /absolute paths/],
    ['{"colour": true}', /unknown setting "colour"/],
    ['{"overrides": [{"uid": 2}]}', /"overrides\[0\]\.files" is required/],
    ['{ "uid": 1001, }', /not valid JSON/],
    ['[]', /must be a JSON object/],
  ])('refuses %s with one line naming the file, exit 2', async (text, pattern) => {
    const dir = tmpRepo({ '.harden-dockerfile.json': text, Dockerfile: ROOT_DOCKERFILE });
    const { code, stdout, stderr } = await run([], dir);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr).toContain(path.join(dir, '.harden-dockerfile.json'));
    expect(stderr).toMatch(pattern);
  });

  it('names package.json when its key is malformed', async () => {
    const dir = tmpRepo({ 'package.json': '{"harden-dockerfile": {"gid": -1}}', Dockerfile: ROOT_DOCKERFILE });
    const { code, stderr } = await run([], dir);
    expect(code).toBe(2);
    expect(stderr).toContain(`"harden-dockerfile" in ${path.join(dir, 'package.json')}`);
  });

  it('matches patterns like .gitignore', () => {
    expect(matchesPattern('legacy/**', 'legacy/a/Dockerfile')).toBe(true);
    expect(matchesPattern('*.dev.Dockerfile', 'x/y/app.dev.Dockerfile')).toBe(true);
    expect(matchesPattern('svc/*/Dockerfile', 'svc/a/b/Dockerfile')).toBe(false);
    expect(matchesPattern('**/Dockerfile', 'Dockerfile')).toBe(true);
    expect(matchesPattern('api/Dockerfile', 'web/api/Dockerfile')).toBe(false);
  });
});

describe('formats and colour', () => {
  it('--check --format github: one annotation per file that needs work, exit 1', async () => {
    const dir = tmpRepo({ 'a/Dockerfile': ROOT_DOCKERFILE, 'b/Dockerfile': ROOT_DOCKERFILE.replace('CMD', 'USER root\nCMD'), 'c/Dockerfile': FINE_DOCKERFILE });
    const { code, stdout } = await run(['--check', '--format', 'github'], dir);
    expect(code).toBe(1);
    const lines = stdout.trimEnd().split('\n');
    expect(lines.map((l) => /file=([^,]+),line=(\d+)/.exec(l)?.slice(1))).toEqual([['a/Dockerfile', '3'], ['b/Dockerfile', '3']]);
  });

  it('puts unreadable files into the JSON document and still exits 2', async () => {
    const dir = tmpRepo({ Dockerfile: ROOT_DOCKERFILE });
    const { code, stdout } = await run(['--format', 'json', 'Dockerfile', 'nope/Dockerfile'], dir);
    expect(code).toBe(2);
    const doc = JSON.parse(stdout);
    expect(doc.files.map((f: { path: string; status: string }) => `${f.path} ${f.status}`).sort()).toEqual(['Dockerfile changed', 'nope/Dockerfile error']);
  });

  it('refuses a machine format with stdin', async () => {
    const { code, stderr } = await run(['-', '--format', 'json'], '/');
    expect(code).toBe(2);
    expect(stderr).toMatch(/--format json cannot be used with -/);
  });

  it.each([
    [[], true, {}, true],
    [[], false, {}, false],
    [[], true, { NO_COLOR: '1' }, false],
    [[], true, { NO_COLOR: '' }, true],
    [['--color', 'always'], false, { NO_COLOR: '1' }, true],
    [['--color', 'never'], true, {}, false],
  ])('colours the diff: flags %j, tty %s, env %j → %s', async (flags, isTTY, env, coloured) => {
    const dir = tmpRepo({ Dockerfile: ROOT_DOCKERFILE });
    const { stdout, stderr } = await run([...(flags as string[])], dir, { isTTY: isTTY as boolean, env: env as Record<string, string> });
    expect(stdout.includes('\u001b[')).toBe(coloured);
    expect(stderr.includes('\u001b[')).toBe(false);
    expect(stdout.replace(/\u001b\[\d+m/g, '')).toContain('+USER 1001:1001');
  });

  it('--no-comments leaves the explanatory comment out, and it is there by default', async () => {
    const dir = tmpRepo({ Dockerfile: ROOT_DOCKERFILE });
    const withComment = await run([], dir);
    expect(withComment.stdout).toContain('+# Run as an unprivileged user');
    const without = await run(['--no-comments'], dir);
    expect(without.stdout).not.toContain('# Run as an unprivileged user');
    expect(without.stdout).toContain('+RUN groupadd --system --gid 1001 nonroot');
  });
});
