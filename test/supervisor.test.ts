// The supervisor detector on its own: which config it reads, what it hands over, and what it moves or removes.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { hardenText } from '../src/engine.js';
import { renderDiff } from '../src/output.js';
import { defaultOptions, type Pass } from '../src/types.js';
import { baseDetection } from '../transforms/base-detection.js';
import { createUser } from '../transforms/create-user.js';
import { switchUser } from '../transforms/switch-user.js';
import { supervisor } from '../transforms/writable/supervisor.js';
import { applySubstitutions } from '../src/sed.js';
import { detectSupervisor } from './supervisor-helpers.js';

const debian = 'FROM debian:bookworm-slim\n';
const install = 'RUN apt-get update && apt-get install -y --no-install-recommends supervisor && rm -rf /var/lib/apt/lists/*\n';

const custom = [
  '[unix_http_server]',
  'file=/var/run/supervisor.sock   ; the socket',
  'chmod=0700',
  '',
  '[supervisord]',
  'nodaemon=true',
  'user=root',
  'logfile=/var/log/supervisor/supervisord.log',
  'pidfile=/var/run/supervisord.pid',
  '',
  '[supervisorctl]',
  'serverurl=unix:///var/run/supervisor.sock',
  '',
  '[program:web]',
  'command=python3 -m http.server 8000',
  'user=www-data',
  'stdout_logfile=/dev/stdout',
  'stdout_logfile_maxbytes=0',
  'stderr_logfile=/var/log/web/%(program_name)s.err',
  '',
].join('\n');

describe('supervisor detector', () => {
  it('finds nothing when supervisor is neither installed nor run', () => {
    const d = detectSupervisor(`${debian}RUN apt-get update && apt-get install -y curl\nCMD ["sleep", "infinity"]\n`);
    expect(d.result).toEqual({ paths: [] });
  });

  it('moves the packaged config\'s socket and pid file with a sed, and hands over only the log folder and /run/supervisor', () => {
    const d = detectSupervisor(`${debian}${install}CMD ["/usr/bin/supervisord", "-n"]\n`);
    expect(d.result.paths.map((p) => [p.kind, p.path])).toEqual([['dir', '/var/log/supervisor'], ['dir', '/run/supervisor']]);
    expect(d.result.paths[0].evidence).toBe('/etc/supervisor/supervisord.conf line 8: logfile=/var/log/supervisor/supervisord.log');
    expect(d.result.paths.map((p) => p.path)).not.toContain('/var/run');
    expect(d.dockerfile).toContain("-e 's|^file=/var/run/supervisor\\.sock|file=/run/supervisor/supervisor.sock|'");
    expect(d.dockerfile).toContain("-e 's|^serverurl=unix:///var/run/supervisor\\.sock|serverurl=unix:///run/supervisor/supervisor.sock|'");
    expect(d.dockerfile.indexOf('sed -i')).toBeGreaterThan(d.dockerfile.indexOf('apt-get install'));
    expect(d.dockerfile.indexOf('sed -i')).toBeLessThan(d.dockerfile.indexOf('CMD'));
  });

  it('does not add its sed twice: the sed already in the Dockerfile is replayed on the packaged config', () => {
    const first = detectSupervisor(`${debian}${install}CMD ["/usr/bin/supervisord", "-n"]\n`);
    const again = detectSupervisor(first.dockerfile);
    expect(again.result.edits).toEqual([]);
    expect(again.result.paths.map((p) => p.path)).toEqual(['/var/log/supervisor', '/run/supervisor']);
  });

  it('reads the packaged config named by -c', () => {
    const d = detectSupervisor(`${debian}${install}CMD supervisord -n -c /etc/supervisor/supervisord.conf\n`);
    expect(d.dockerfile).toContain('sed -i');
  });

  it('edits a copied config: moves socket and pid file, follows serverurl, drops foreign users, keeps every other byte', () => {
    const d = detectSupervisor(`${debian}${install}COPY supervisord.conf /etc/supervisor/conf.d/supervisord.conf\nCMD ["/usr/bin/supervisord", "-c", "/etc/supervisor/conf.d/supervisord.conf"]\n`, { 'supervisord.conf': custom });
    expect(d.dockerfile).not.toContain('sed');
    const out = d.files['supervisord.conf'];
    expect(out).toBe(custom
      .replace('file=/var/run/supervisor.sock ', 'file=/run/supervisor/supervisor.sock ')
      .replace('pidfile=/var/run/supervisord.pid', 'pidfile=/run/supervisor/supervisord.pid')
      .replace('serverurl=unix:///var/run/supervisor.sock', 'serverurl=unix:///run/supervisor/supervisor.sock')
      .replace('user=root\n', '')
      .replace('user=www-data\n', ''));
    expect(d.result.paths.map((p) => [p.kind, p.path]).sort()).toEqual([['dir', '/run/supervisor'], ['dir', '/var/log/supervisor'], ['dir', '/var/log/web']]);
    const reasons = (d.result.edits ?? []).map((e) => e.reason);
    expect(reasons.some((r) => r.includes("Can't drop privilege as nonroot user") && r.includes('user=root'))).toBe(true);
    expect(reasons.some((r) => r.includes('user=www-data'))).toBe(true);
    expect((d.result.edits ?? []).every((e) => e.file === 'supervisord.conf')).toBe(true);
  });

  it('keeps a user= line that already names the runtime user', () => {
    const conf = '[supervisord]\nuser=nonroot\nlogfile=/tmp/supervisord.log\npidfile=/tmp/supervisord.pid\n';
    const d = detectSupervisor(`${debian}${install}COPY app.conf /etc/supervisor/conf.d/app.conf\nCMD ["supervisord", "-c", "/etc/supervisor/conf.d/app.conf"]\n`, { 'app.conf': conf });
    expect(d.result.edits).toEqual([]);
    expect(d.result.paths).toEqual([]);
  });

  it('follows [include] globs into files copied from a context folder, relative to the including file', () => {
    const main = '[supervisord]\nlogfile=/var/log/supervisord.log\npidfile=/tmp/supervisord.pid\n\n[include]\nfiles = conf.d/*.conf\n';
    const d = detectSupervisor(`${debian}${install}COPY supervisor/ /opt/supervisor/\nCMD ["supervisord", "-c", "/opt/supervisor/supervisord.conf"]\n`, {
      'supervisor/supervisord.conf': main,
      'supervisor/conf.d/web.conf': '[program:web]\ncommand=sleep infinity\nstdout_logfile=/srv/logs/web.log\nuser=root\n',
      'supervisor/conf.d/README': 'not a config\n',
    });
    expect(d.result.paths.map((p) => [p.kind, p.path])).toEqual([['file', '/var/log/supervisord.log'], ['dir', '/srv/logs']]);
    expect(d.result.paths[1].evidence).toBe('supervisor/conf.d/web.conf line 3: stdout_logfile=/srv/logs/web.log');
    expect(d.files['supervisor/conf.d/web.conf']).toBe('[program:web]\ncommand=sleep infinity\nstdout_logfile=/srv/logs/web.log\n');
  });

  it('includes conf.d files of the packaged config, copied into the existing folder without a trailing slash', () => {
    const d = detectSupervisor(`${debian}${install}COPY app.conf /etc/supervisor/conf.d\nCMD ["/usr/bin/supervisord", "-n"]\n`, {
      'app.conf': '[program:app]\ncommand=sleep infinity\nstdout_logfile=/var/log/app/out.log\n',
    });
    expect(d.result.paths.map((p) => p.path)).toContain('/var/log/app');
  });

  it('edits a heredoc config in the Dockerfile itself', () => {
    const text = `# syntax=docker/dockerfile:1\n${debian}${install}COPY <<EOF /etc/supervisor/conf.d/app.conf\n[supervisord]\nuser=root\nnodaemon=true\n\n[program:app]\ncommand=sleep infinity\nEOF\nCMD ["/usr/bin/supervisord"]\n`;
    const d = detectSupervisor(text);
    expect(d.dockerfile).toContain('COPY <<EOF /etc/supervisor/conf.d/app.conf\n[supervisord]\nnodaemon=true\n');
    expect(d.dockerfile).toContain('sed -i');
    expect((d.result.edits ?? []).every((e) => e.file === undefined)).toBe(true);
  });

  it('finds supervisord started by an entrypoint script copied from the context, with its -c', () => {
    const conf = '[supervisord]\nnodaemon=true\nlogfile=/var/log/supervisor/supervisord.log\npidfile=/var/run/supervisord.pid\n';
    const script = '#!/bin/sh\nset -e\necho starting\nexec /usr/bin/supervisord -c /etc/app/supervisord.conf\n';
    const d = detectSupervisor(`FROM python:3.12-slim\nRUN pip install --no-cache-dir supervisor==4.2.5\nCOPY supervisord.conf /etc/app/supervisord.conf\nCOPY docker-entrypoint.sh /usr/local/bin/\nENTRYPOINT ["docker-entrypoint.sh"]\n`.replace('["docker-entrypoint.sh"]', '["/usr/local/bin/docker-entrypoint.sh"]'), {
      'supervisord.conf': conf,
      'docker-entrypoint.sh': script,
    });
    expect(d.files['supervisord.conf']).toBe(conf.replace('/var/run/supervisord.pid', '/run/supervisor/supervisord.pid'));
  });

  it('adds a pidfile and logfile when they are missing and the working folder is not the user\'s', () => {
    const conf = '[supervisord]\nnodaemon=true\n\n[program:app]\ncommand=sleep infinity\n';
    const d = detectSupervisor(`FROM python:3.12-slim\nRUN pip install supervisor\nWORKDIR /app\nCOPY supervisord.conf .\nCMD ["supervisord"]\n`, { 'supervisord.conf': conf });
    expect(d.files['supervisord.conf']).toBe('[supervisord]\nlogfile=/var/log/supervisor/supervisord.log\npidfile=/run/supervisor/supervisord.pid\nnodaemon=true\n\n[program:app]\ncommand=sleep infinity\n');
  });

  it('expands %(here)s and %(ENV_X)s, and warns when a variable is unknown', () => {
    const conf = '[supervisord]\nlogfile=%(ENV_LOG_DIR)s/supervisord.log\npidfile=%(here)s/supervisord.pid\n\n[program:x]\ncommand=sleep 1\nstdout_logfile=%(ENV_NOPE)s/x.log\n';
    const d = detectSupervisor(`${debian}${install}ENV LOG_DIR=/data/logs\nCOPY s.conf /etc/supervisor/supervisord.conf\nCMD ["supervisord"]\n`, { 's.conf': conf });
    expect(d.result.paths.map((p) => p.path).sort()).toEqual(['/data/logs', '/run/supervisor']);
    expect(d.files['s.conf']).toContain('pidfile=/run/supervisor/supervisord.pid\n');
    expect(d.result.notes?.some((n) => n.level === 'warn' && n.message.includes('%(ENV_NOPE)s'))).toBe(true);
  });

  it('keeps CRLF line endings in an edited config', () => {
    const conf = '[supervisord]\r\nuser=root\r\npidfile=/var/run/supervisord.pid\r\nlogfile=/tmp/s.log\r\n';
    const d = detectSupervisor(`${debian}${install}COPY s.conf /etc/supervisord.conf\nCMD ["supervisord"]\n`, { 's.conf': conf });
    expect(d.files['s.conf']).toBe('[supervisord]\r\npidfile=/run/supervisor/supervisord.pid\r\nlogfile=/tmp/s.log\r\n');
  });

  it('warns when supervisord runs but its config is nowhere to be read', () => {
    const d = detectSupervisor(`FROM python:3.12-slim\nRUN pip install supervisor\nCMD ["supervisord", "-c", "/etc/missing.conf"]\n`);
    expect(d.result.paths).toEqual([]);
    expect(d.result.notes?.[0]?.level).toBe('warn');
  });
});

describe('sed on a packaged config', () => {
  it('applies basic-regex substitutions line by line, with groups and &', () => {
    expect(applySubstitutions('a.b=1\nx=1\n', [{ expressions: ['s|^a\\.b=\\(.*\\)|A=\\1 (&)|'] }])).toBe('A=1 (a.b=1)\nx=1\n');
    expect(applySubstitutions('a+b\n', [{ expressions: ['s/a+b/c/'] }])).toBe('c\n');
  });
});

describe('multi-file diff', () => {
  it('applies with git apply: the Dockerfile and the copied config it edits', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sup-apply-'));
    const dockerfile = `${debian}${install}COPY supervisord.conf /etc/supervisor/conf.d/supervisord.conf\nCMD ["/usr/bin/supervisord", "-c", "/etc/supervisor/conf.d/supervisord.conf"]\n`;
    fs.writeFileSync(path.join(dir, 'Dockerfile'), dockerfile);
    fs.writeFileSync(path.join(dir, 'supervisord.conf'), custom);
    // The detector's edits only, through the engine, as the writable-paths pass hands them on.
    const detectorPass: Pass = { name: 'supervisor', description: supervisor.description, run: (ctx) => ({ edits: supervisor.detect(ctx).edits }) };
    const result = hardenText({
      file: path.join(dir, 'Dockerfile'),
      text: dockerfile,
      options: defaultOptions,
      contextDir: dir,
      readContextFile: (rel) => fs.readFileSync(path.join(dir, rel), 'utf8'),
      passes: [baseDetection, createUser, detectorPass, switchUser],
    });
    expect(result.outputs.map((o) => path.basename(o.path))).toEqual(['Dockerfile', 'supervisord.conf']);
    const patch = renderDiff(result, dir);
    execFileSync('git', ['init', '-q'], { cwd: dir });
    fs.writeFileSync(path.join(dir, 'fix.patch'), patch);
    execFileSync('git', ['apply', '--check', 'fix.patch'], { cwd: dir });
    execFileSync('git', ['apply', 'fix.patch'], { cwd: dir });
    for (const o of result.outputs) expect(fs.readFileSync(o.path, 'utf8')).toBe(o.after);
    expect(fs.readFileSync(path.join(dir, 'supervisord.conf'), 'utf8')).toContain('file=/run/supervisor/supervisor.sock   ; the socket');
  });
});

describe('the gate before reading the build context', () => {
  it('still looks when only a copied entrypoint script names supervisord', () => {
    const d = detectSupervisor('FROM debian:bookworm-slim\nCOPY start.sh /start.sh\nCMD ["/start.sh"]\n', {
      'start.sh': '#!/bin/sh\nexec supervisord -n -c /etc/supervisor/supervisord.conf\n',
    });
    expect(d.result.notes?.map((n) => n.message).join('\n')).toMatch(/supervisor/);
  });

  it('reads no context file when nothing names supervisor', () => {
    const read: string[] = [];
    const context = new Proxy({ 'app.py': 'print(1)\n' } as Record<string, string>, {
      get: (target, key: string) => {
        read.push(key);
        return target[key];
      },
    });
    const d = detectSupervisor('FROM debian:bookworm-slim\nCOPY app.py /app/app.py\nCMD ["python3", "/app/app.py"]\n', context);
    expect(d.result.paths).toEqual([]);
    expect(read).toEqual([]);
  });
});
