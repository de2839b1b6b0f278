// --learn without an engine: folding what a run wrote, the probe's output, keeping and reading what was
// learned in the config file, and a dry run that uses it with no engine on PATH.
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findConfig, parseConfig, saveLearned, settingsFor } from '../src/config.js';
import { failingStep, learnScript, parseLearnOutput } from '../src/learn.js';
import { defaultOptions, type Learned, type LearnedWrite } from '../src/types.js';
import { deniedHint, deniedPaths } from '../src/verify.js';
import { foldLearned } from '../transforms/writable/learned.js';
import { binPath, hardenWithContext } from './helpers.js';

const w = (p: string, type: 'file' | 'dir', change: 'new' | 'modified'): LearnedWrite => ({ path: p, type, change });
const fold = (writes: LearnedWrite[], appCode: string[] = ['/app'], home = '/home/nonroot') =>
  foldLearned(writes, { appCode, home }).paths.map((p) => ({ path: p.path, kind: p.kind }));

function tempDir(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(fs.realpathSync(os.tmpdir()), 'harden-learn-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

describe('foldLearned', () => {
  it('folds new files to the folder that held them', () => {
    expect(fold([w('/srv/work', 'dir', 'modified'), w('/srv/work/a.txt', 'file', 'new'), w('/srv/work/b.txt', 'file', 'new')])).toEqual([{ path: '/srv/work', kind: 'dir' }]);
  });

  it('folds a new subtree to the folder above its top', () => {
    expect(fold([w('/data', 'dir', 'modified'), w('/data/run1', 'dir', 'new'), w('/data/run1/x.csv', 'file', 'new')])).toEqual([{ path: '/data', kind: 'dir' }]);
  });

  it('keeps a changed file the image shipped as that file, and many in one app folder as the folder', () => {
    expect(fold([w('/opt/app/state.json', 'file', 'modified')])).toEqual([{ path: '/opt/app/state.json', kind: 'file' }]);
    expect(fold(['a', 'b', 'c'].map((n) => w(`/srv/cfg/${n}.ini`, 'file', 'modified')))).toEqual([{ path: '/srv/cfg', kind: 'dir' }]);
  });

  it('never folds into a system folder: a new folder or file there is handed over itself', () => {
    expect(fold([w('/var/log', 'dir', 'modified'), w('/var/log/app', 'dir', 'new'), w('/var/log/app/x.log', 'file', 'new'), w('/run/app.pid', 'file', 'new')])).toEqual([
      { path: '/run/app.pid', kind: 'file' },
      { path: '/var/log/app', kind: 'dir' },
    ]);
  });

  it('shares the code folder for new files in it, and hands over new folders beside the code', () => {
    expect(fold([w('/app', 'dir', 'modified'), w('/app/celerybeat-schedule', 'file', 'new')])).toEqual([{ path: '/app', kind: 'shared-dir' }]);
    expect(fold([w('/app/outputs', 'dir', 'new'), w('/app/outputs/m.pt', 'file', 'new')])).toEqual([{ path: '/app/outputs', kind: 'dir' }]);
  });

  it("maps /root (the root run's ~) to the user's home, and leaves out bytecode caches and temp folders", () => {
    expect(
      fold([
        w('/root', 'dir', 'modified'),
        w('/root/.cache', 'dir', 'new'),
        w('/root/.cache/torch/hub/m.pt', 'file', 'new'),
        w('/app/__pycache__', 'dir', 'new'),
        w('/app/__pycache__/x.cpython-311.pyc', 'file', 'new'),
        w('/tmp/x', 'file', 'new'),
      ]),
    ).toEqual([{ path: '/home/nonroot/.cache', kind: 'dir' }]);
    const r = foldLearned([w('/root/.cache/x', 'file', 'new')], { appCode: [] });
    expect({ paths: r.paths, unmappedRoot: r.unmappedRoot }).toEqual({ paths: [], unmappedRoot: ['/root/.cache/x'] });
  });

  it('names what was written in the evidence', () => {
    const [p] = foldLearned([w('/srv/work/a.txt', 'file', 'new')], { appCode: [] }).paths;
    expect(p.evidence).toBe('written on a real run: /srv/work/a.txt');
  });
});

describe('the learning probe', () => {
  it('reads its result lines and ignores the rest of the build output', () => {
    const m = '@@m@@';
    const r = parseLearnOutput(['STEP 3/3: RUN x', `${m} exit 124`, `${m} w new file /srv/work/a b.txt`, `${m} w modified dir /srv/work`, 'noise', `${m} done`], m);
    expect(r).toEqual({ writes: [w('/srv/work/a b.txt', 'file', 'new'), w('/srv/work', 'dir', 'modified')], exitCode: 124, smokeExit: undefined, output: [], done: true, problem: undefined });
  });

  it('names the failing build step', () => {
    expect(failingStep(['STEP 1/3: FROM debian', 'STEP 2/3: RUN apt-get install nope', 'E: Unable to locate package nope'])).toBe('step 2/3 (RUN apt-get install nope) failed'.replace(' failed', ''));
    expect(failingStep(['#5 [2/3] RUN false', '#5 ERROR: process did not complete'])).toBe('step 2/3 (RUN false)');
  });

  it('runs as a shell script: the command under timeout, then a listing newer than its stamp', () => {
    const script = learnScript({ marker: '@@m@@', argv: ['sh', '-c', 'echo hi'], timeoutSeconds: 3, smoke: 'true' });
    expect(spawnSync('sh', ['-n'], { input: script }).status).toBe(0);
    expect(script).toMatch(/-newer "\$D\/stamp"/);
    expect(script).toMatch(/-path '\/proc' -o -path '\/sys' -o -path '\/dev' -o -path '\/tmp'/);
  });
});

describe('--verify names the path a failed command could not write', () => {
  it('reads Python, shell, nginx and Node permission errors', () => {
    expect(
      deniedPaths([
        "PermissionError: [Errno 13] Permission denied: '/srv/notes/notes.db'",
        'sh: 1: cannot create /srv/work/out.txt: Permission denied',
        'nginx: [emerg] open() "/var/log/nginx/error.log" failed (13: Permission denied)',
        "Error: EACCES: permission denied, mkdir '/app/uploads'",
        'nothing here',
      ]),
    ).toEqual(['/srv/notes/notes.db', '/srv/work/out.txt', '/var/log/nginx/error.log', '/app/uploads']);
    expect(deniedHint(['/srv/work/out.txt', '/app/uploads'])).toBe('; it could not write /srv/work/out.txt, /app/uploads: add --writable /srv/work --writable /app/uploads (or run --learn to see every path it writes)');
    expect(deniedHint([])).toBe('');
  });
});

describe('learned results in the config file', () => {
  const learned: Learned = { writes: [w('/srv/work/a.txt', 'file', 'new'), w('/srv/work', 'dir', 'modified')], command: 'sh /run.sh', exitCode: 124 };

  it('are kept per Dockerfile, atomically, with every other setting and the indentation left as they were', () => {
    const dir = tempDir({ '.harden-dockerfile.json': '{\n    "uid": 2000,\n    "skip": ["legacy/**"]\n}\n', 'svc/Dockerfile': 'FROM debian:12\n' });
    const saved = saveLearned(path.join(dir, 'svc'), path.join(dir, 'svc/Dockerfile'), learned);
    expect(saved).toBe(path.join(dir, '.harden-dockerfile.json'));
    const text = fs.readFileSync(saved, 'utf8');
    expect(text.startsWith('{\n    "uid": 2000,\n    "skip": [\n')).toBe(true);
    const config = findConfig(dir)!;
    expect(config.uid).toBe(2000);
    expect(settingsFor(config, path.join(dir, 'svc/Dockerfile')).learned).toEqual(learned);
    expect(settingsFor(config, path.join(dir, 'other/Dockerfile')).learned).toBeUndefined();
    expect(fs.readdirSync(dir).sort()).toEqual(['.harden-dockerfile.json', 'svc']);
  });

  it('go into package.json\'s key when that is the config, and into a new file when there is none', () => {
    const dir = tempDir({ 'package.json': '{\n  "name": "x",\n  "harden-dockerfile": { "uid": 3000 }\n}\n', 'Dockerfile': 'FROM debian:12\n' });
    saveLearned(dir, path.join(dir, 'Dockerfile'), learned);
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    expect(pkg).toEqual({ name: 'x', 'harden-dockerfile': { uid: 3000, learned: { Dockerfile: learned } } });
    const bare = tempDir({ 'Dockerfile': 'FROM debian:12\n' });
    saveLearned(bare, path.join(bare, 'Dockerfile'), learned);
    expect(JSON.parse(fs.readFileSync(path.join(bare, '.harden-dockerfile.json'), 'utf8'))).toEqual({ learned: { Dockerfile: learned } });
  });

  it('are refused when malformed, naming the entry', () => {
    expect(() => parseConfig({ learned: { Dockerfile: { writes: [{ path: 'rel', type: 'file', change: 'new' }] } } }, '/x/.harden-dockerfile.json')).toThrow(/learned\["Dockerfile"\]\.writes\[0\]/);
  });

  it('feed the writable-paths pass: the folder is handed over with its evidence', () => {
    const text = 'FROM debian:bookworm-slim\nRUN mkdir -p /srv/work\nCOPY run.sh /usr/local/bin/run.sh\nCMD ["sh", "/usr/local/bin/run.sh"]\n';
    const without = hardenWithContext('Dockerfile', text, defaultOptions);
    expect(without.plan.writePaths.filter((p) => !p.reportOnly).map((p) => p.path)).toEqual([]);
    const r = hardenWithContext('Dockerfile', text, { ...defaultOptions, learned });
    expect(r.plan.writePaths.filter((p) => !p.reportOnly).map((p) => [p.path, p.evidence])).toEqual([['/srv/work', 'written on a real run: /srv/work/a.txt']]);
    expect(r.outputs[0].after).toMatch(/RUN mkdir -p \/srv\/work && chown 1001:1001 \/srv\/work\n/);
  });

  it('warn when the command exited non-zero as root, and still hand over what it wrote', () => {
    const text = 'FROM debian:bookworm-slim\nRUN mkdir -p /srv/work\nCMD ["sh", "-c", "exit 3"]\n';
    const r = hardenWithContext('Dockerfile', text, { ...defaultOptions, learned: { ...learned, exitCode: 3 } });
    expect(r.plan.writePaths.map((p) => p.path)).toContain('/srv/work');
    expect(r.notes.filter((n) => n.level === 'warn').map((n) => n.message)).toEqual([expect.stringMatching(/^the learning run's command \(sh \/run\.sh\) exited 3 as root: what it wrote before that was learned/)]);
  });

  it('are used by a plain dry run with no container engine on PATH', () => {
    const dir = tempDir({
      Dockerfile: 'FROM debian:bookworm-slim\nRUN mkdir -p /srv/work\nCOPY run.sh /usr/local/bin/run.sh\nCMD ["sh", "/usr/local/bin/run.sh"]\n',
      'run.sh': 'exec sleep 100\n',
      '.harden-dockerfile.json': JSON.stringify({ learned: { Dockerfile: learned } }),
    });
    const r = spawnSync(process.execPath, [binPath, '--format', 'json'], { cwd: dir, encoding: 'utf8', env: { ...process.env, PATH: '/nonexistent' } });
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout);
    const writePaths = doc.files[0].writePaths.filter((p: { reportOnly: boolean }) => !p.reportOnly);
    expect(writePaths).toEqual([{ path: '/srv/work', kind: 'dir', evidence: 'written on a real run: /srv/work/a.txt', line: null, reportOnly: false }]);
  });
});

describe('--learn on the command line', () => {
  const bare = (args: string[], files: Record<string, string>) => {
    const dir = tempDir(files);
    const r = spawnSync(process.execPath, [binPath, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, PATH: '/nonexistent' } });
    return { code: r.status, stderr: r.stderr, dir };
  };

  it('exits 2 with one line when there is no container engine, and keeps nothing', () => {
    const r = bare(['--learn', 'Dockerfile'], { Dockerfile: 'FROM debian:12\nCMD ["sleep", "9"]\n' });
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n').filter((l) => l.startsWith('harden-dockerfile:'))).toEqual(['harden-dockerfile: --learn needs a container engine: neither docker nor podman was found on PATH']);
    expect(fs.existsSync(path.join(r.dir, '.harden-dockerfile.json'))).toBe(false);
  });

  it('refuses --learn-cmd without --learn, and --learn with stdin', () => {
    expect(bare(['--learn-cmd', 'true', 'Dockerfile'], { Dockerfile: 'FROM debian:12\n' }).stderr).toMatch(/^harden-dockerfile: --learn-cmd needs --learn \(see --help\)$/m);
    expect(bare(['--learn', '-'], {}).code).toBe(2);
  });
});
