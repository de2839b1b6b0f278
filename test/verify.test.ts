// The parts of --verify that need no container engine: reading supervisord's config flag, the
// missing-engine error, and the probe script itself, run on this machine as an unprivileged user.
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { detectEngine, probeScript, supervisordConfig, VerifyEngineError } from '../src/verify.js';

describe('supervisordConfig', () => {
  it('finds -c and --configuration in exec form and in a shell string', () => {
    expect(supervisordConfig(['/usr/bin/supervisord', '-n', '-c', '/etc/supervisor/supervisord.conf'])).toEqual({ config: '/etc/supervisor/supervisord.conf' });
    expect(supervisordConfig(['supervisord', '--configuration=/app/s.conf'])).toEqual({ config: '/app/s.conf' });
    expect(supervisordConfig(['supervisord', '--configuration', '/app/s.conf', '-n'])).toEqual({ config: '/app/s.conf' });
    expect(supervisordConfig(['/bin/sh', '-c', 'exec supervisord -n -c /etc/s.conf'])).toEqual({ config: '/etc/s.conf' });
  });

  it('knows supervisord without a config flag, and other commands', () => {
    expect(supervisordConfig(['supervisord', '-n'])).toEqual({ config: null });
    expect(supervisordConfig(['python', 'app.py', '-c', 'x'])).toBeUndefined();
    expect(supervisordConfig(['supervisorctl', 'status'])).toBeUndefined();
  });
});

describe('detectEngine', () => {
  it('throws a VerifyEngineError when neither docker nor podman is on PATH', () => {
    const saved = process.env.PATH;
    process.env.PATH = mkdtempSync(path.join(tmpdir(), 'harden-empty-path-'));
    try {
      expect(() => detectEngine()).toThrow(VerifyEngineError);
      expect(() => detectEngine('podman')).toThrow(/'podman' was not found/);
    } finally {
      rmSync(process.env.PATH, { recursive: true, force: true });
      process.env.PATH = saved;
    }
  });
});

// Dropping to an unprivileged user needs root; CI runs as root.
const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasSetpriv = spawnSync('setpriv', ['--version']).status === 0;

describe('probe script', () => {
  const marker = '@@probe-test@@';
  const runProbe = (opts: { writePaths: string[]; argv: string[]; timeoutSeconds: number }, asNobody: boolean) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'harden-probe-'));
    chmodSync(dir, 0o755);
    try {
      const script = path.join(dir, 'probe.sh');
      writeFileSync(script, probeScript({ marker, ...opts }));
      chmodSync(script, 0o644);
      const cmd = asNobody ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', 'sh', script] : ['sh', script];
      const r = spawnSync(cmd[0], cmd.slice(1), { encoding: 'utf8', cwd: dir });
      const checks = Object.fromEntries(
        r.stdout.split('\n').filter((l) => l.startsWith(marker)).map((l) => {
          const [, okWord, rest] = /^\S+ (ok|fail) (.*)$/.exec(l)!;
          const [name, detail] = rest.split('\t');
          return [name, { ok: okWord === 'ok', detail }];
        }),
      );
      return { checks, status: r.status };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  (asRoot && hasSetpriv ? it : it.skip)('passes and fails each check as an unprivileged user', () => {
    const base = mkdtempSync(path.join(tmpdir(), 'harden-probe-paths-'));
    chmodSync(base, 0o755);
    try {
      const rootOwned = path.join(base, 'root-owned');
      const open = path.join(base, 'open');
      mkdirSync(rootOwned, { mode: 0o755 });
      mkdirSync(open);
      chmodSync(open, 0o777);
      const rootFile = path.join(base, 'root-file.log');
      writeFileSync(rootFile, '');
      chmodSync(rootFile, 0o644);

      const running = runProbe({ writePaths: [rootOwned, open, path.join(open, 'new/deeper'), rootFile, path.join(rootOwned, 'x')], argv: ['sleep', '30'], timeoutSeconds: 1 }, true);
      expect(running.status).toBe(0);
      expect(running.checks['non-root']).toEqual({ ok: true, detail: 'runs as uid 65534, gid 65534' });
      expect(running.checks[`writable ${rootOwned}`].ok).toBe(false);
      expect(running.checks[`writable ${open}`].ok).toBe(true);
      expect(running.checks[`writable ${path.join(open, 'new/deeper')}`].ok).toBe(true);
      expect(running.checks[`writable ${rootFile}`].ok).toBe(false);
      expect(running.checks[`writable ${path.join(rootOwned, 'x')}`].ok).toBe(false);
      expect(running.checks.command).toEqual({ ok: true, detail: 'sleep 30: still running after 1s' });

      const failing = runProbe({ writePaths: [], argv: ['sh', '-c', 'echo boom >&2; exit 3'], timeoutSeconds: 5 }, true);
      expect(failing.checks.command).toEqual({ ok: false, detail: 'sh -c echo boom >&2; exit 3: exited 3 within 5s: boom ' });

      const exiting = runProbe({ writePaths: [], argv: ['true'], timeoutSeconds: 5 }, true);
      expect(exiting.checks.command).toEqual({ ok: true, detail: 'true: exited 0' });
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });

  (asRoot ? it : it.skip)('fails the non-root check as root', () => {
    const r = runProbe({ writePaths: [], argv: ['true'], timeoutSeconds: 1 }, false);
    expect(r.checks['non-root']).toEqual({ ok: false, detail: 'runs as root (uid 0)' });
  });

  (asRoot && hasSetpriv ? it : it.skip)('stops what the command left running, daemons included', () => {
    const tag = `sleep 300.${process.pid}`;
    // The command starts a sleeper in its own session (as a daemon would) and exits 0 at once.
    const r = runProbe({ writePaths: [], argv: ['sh', '-c', `setsid ${tag} >/dev/null 2>&1 &`], timeoutSeconds: 1 }, true);
    expect(r.checks.command.ok).toBe(true);
    const left = spawnSync('pgrep', ['-f', `^${tag}$`], { encoding: 'utf8' });
    expect(left.stdout.trim()).toBe('');
  });
});
