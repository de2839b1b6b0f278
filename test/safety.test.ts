// Edits that always build, secrets that stay put, reads that are not writes: the rules behind those golden pairs.
import { describe, expect, it } from '@jest/globals';
import { analyse } from '../src/analyse.js';
import { imageModel } from '../src/image-model.js';
import { defaultOptions } from '../src/types.js';
import { CREDENTIAL_WRITERS } from '../transforms/writable/ml-caches.js';
import { hardenWithContext } from './helpers.js';

const harden = (text: string) => hardenWithContext('Dockerfile', text, defaultOptions);
const output = (text: string) => harden(text).outputs.find((o) => o.path === 'Dockerfile')?.after ?? text;
const messages = (text: string) => harden(text).notes.map((n) => n.message);

describe('credential steps', () => {
  const writes = (script: string) => CREDENTIAL_WRITERS.some((r) => r.pattern.test(script));
  it.each([
    'huggingface-cli login --token $HF_TOKEN',
    'huggingface-cli login',
    'hf auth login --token "$HF_TOKEN"',
    `python -c "from huggingface_hub import login; login(token='$HF_TOKEN')"`,
    'python -c "import huggingface_hub; huggingface_hub.login(\'x\')"',
    'mkdir -p /root/.cache/huggingface && echo -n "$HF_TOKEN" > /root/.cache/huggingface/token',
    'printf %s "$HF_TOKEN" >> ~/.huggingface/token',
  ])('%s writes a token', (script) => expect(writes(script)).toBe(true));

  it.each(['huggingface-cli download org/model', 'python -c "from flask_login import login_user"', 'pip install huggingface_hub'])('%s does not', (script) =>
    expect(writes(script)).toBe(false),
  );

  it('HF_HOME is never inserted above a python login step; the build secret is named instead', () => {
    const text = `FROM python:3.11-slim\nRUN pip install transformers\nARG HF_TOKEN\nRUN python -c "from huggingface_hub import login; login(token='$HF_TOKEN')"\nCMD ["python", "app.py"]\n`;
    expect(output(text)).not.toContain('HF_HOME');
    expect(messages(text).join('\n')).toMatch(/--mount=type=secret,id=hf_token/);
  });

  it('without a login step HF_HOME is still set', () => {
    expect(output('FROM python:3.11-slim\nRUN pip install transformers\nCMD ["python", "app.py"]\n')).toContain('ENV HF_HOME=/home/nonroot/.cache/huggingface');
  });
});

describe('config files passed to a program are read, not written', () => {
  it.each([
    ['nginx', '["nginx", "-c", "/etc/app/nginx.conf", "-g", "daemon off;"]'],
    ['gunicorn --config=', '["gunicorn", "--config=/etc/app/gunicorn.conf.py", "app:app"]'],
    ['uwsgi --ini', '["uwsgi", "--ini", "/etc/app/uwsgi.ini"]'],
    ['supervisord -c', '["/usr/bin/supervisord", "-c", "/etc/app/supervisord.conf"]'],
  ])('%s', (_name, cmd) => {
    const text = `FROM debian:bookworm-slim\nRUN mkdir -p /etc/app\nCOPY app.conf /etc/app/\nCMD ${cmd}\n`;
    const out = output(text);
    expect(out).not.toContain('chown');
    expect(out).not.toContain('--chown');
    expect(messages(text).join('\n')).toMatch(/is a config .* reads at start, not a path it writes: not handed over/);
  });

  it('a data folder passed to the same program is still handed over', () => {
    const text = 'FROM debian:bookworm-slim\nRUN mkdir -p /srv/data\nCMD ["gunicorn", "-c", "/etc/gunicorn.py", "--chdir", "/srv/data", "app:app"]\n';
    expect(output(text)).toContain('chown 1001:1001 /srv/data');
  });
});

describe('image model', () => {
  const model = (text: string) => {
    const analysis = analyse({ file: 'Dockerfile', text, options: defaultOptions, readContextFile: () => undefined, listContextFiles: () => undefined });
    return { analysis, model: imageModel(analysis) };
  };

  it('knows what the build has made before a point, and the children under a folder', () => {
    const text = 'FROM debian:bookworm-slim\nRUN mkdir -p /srv/a/b\nCOPY x /srv/a/c/x\nWORKDIR /srv/w\nVOLUME /srv/v\n';
    const { analysis, model: m } = model(text);
    const [mkdir, copy] = analysis.finalStage.instructions;
    expect(m.madeBefore('/srv/a', mkdir.lineStart)).toBeUndefined();
    expect(m.madeBefore('/srv/a', mkdir.lineEnd)?.source).toBe('mkdir');
    expect(m.childrenBefore('/srv/a', copy.lineStart).map((c) => c.path)).toEqual(['/srv/a/b']);
    expect(m.childrenBefore('/srv/a', text.length).map((c) => c.path)).toEqual(['/srv/a/b', '/srv/a/c/x']);
    expect(m.madeBefore('/srv/w', text.length)?.source).toBe('workdir');
    expect(m.madeBefore('/srv/v', text.length)?.source).toBe('volume');
    expect(m.madeBefore('/srv/none', text.length)).toBeUndefined();
    expect(imageModel(analysis)).toBe(m);
  });

  it('a download to local_dir with HF_HOME already made gets no mkdir', () => {
    const text = `FROM python:3.11-slim\nENV HF_HOME=/srv/hf\nRUN mkdir -p /srv/hf\nRUN python -c "from huggingface_hub import snapshot_download; snapshot_download('o/m', local_dir='/models/m')"\nCMD ["python", "app.py"]\n`;
    expect(output(text)).toMatch(/local_dir='\/models\/m'\)" && chown -R 1001:1001 \/srv\/hf\n/);
  });

  it('a download to local_dir before HF_HOME exists gets a mkdir -p before the chown', () => {
    const text = 'FROM python:3.11-slim\nENV HF_HOME=/srv/hf\nRUN huggingface-cli download o/m --local-dir /models/m\nCMD ["python", "app.py"]\n';
    expect(output(text)).toContain('--local-dir /models/m && mkdir -p /srv/hf && chown -R 1001:1001 /srv/hf\n');
  });
});

describe('messages that give the true reason', () => {
  it('a final stage already non-root says so even when its base is unknown', () => {
    const r = harden('FROM myorg/base:1\nRUN useradd -u 1000 app\nUSER app\nCMD ["python"]\n');
    expect(r.skipped).toMatch(/^already runs as non-root user 'app' \(line 3\)/);
    expect(r.skipped).not.toMatch(/no package manager/);
  });

  it('a RUN heredoc that calls pacman names pacman, not "no package manager"', () => {
    const r = harden('FROM archlinux:base\nRUN <<EOF\npacman -Syu --noconfirm python\nEOF\nCMD ["python"]\n');
    expect(r.skipped).toMatch(/line 2 runs pacman \(Arch Linux\)/);
  });

  it('the << EOF hint appears only where a << is involved', () => {
    const parse = (text: string) => () => analyse({ file: 'Dockerfile', text, options: defaultOptions });
    expect(parse('FROM debian:12\nFRM oops\n')).toThrow(/^line 2: unknown instruction 'FRM'$/);
    expect(parse('FROM debian:12\nRUN << EOF\napt-get update\nEOF\n')).toThrow(/<< EOF/);
  });

  it('passwordless sudo, by a rule or by a group with one, is root in effect', () => {
    const rule = harden('FROM debian:bookworm\nRUN useradd -u 1000 app && echo "app ALL=(ALL) NOPASSWD:ALL" > /etc/sudoers.d/app\nUSER app\nCMD ["x"]\n');
    expect(rule.notes.filter((n) => n.level === 'warn').map((n) => n.line)).toEqual([2]);
    const group = harden('FROM debian:bookworm\nRUN echo "%sudo ALL=(ALL:ALL) NOPASSWD: ALL" > /etc/sudoers.d/g\nRUN useradd -u 1000 app && usermod -aG sudo app\nUSER app\nCMD ["x"]\n');
    expect(group.notes.filter((n) => n.level === 'warn').map((n) => [n.line, /root in effect/.test(n.message)])).toEqual([[2, true], [3, true]]);
    expect(harden('FROM debian:bookworm\nRUN useradd -u 1000 app && usermod -aG sudo app\nUSER app\nCMD ["x"]\n').notes.some((n) => n.level === 'warn')).toBe(false);
  });

  it('a named USER gets its numeric form when the ids are known, and nothing when they are not', () => {
    const numericNote = (text: string) => harden(text).notes.find((n) => /runAsNonRoot cannot verify a name/.test(n.message))?.message;
    expect(numericNote('FROM node:20-slim\nUSER node\nCMD ["node"]\n')).toMatch(/write USER 1000:1000$/);
    expect(numericNote('FROM debian:bookworm\nRUN groupadd -g 2000 grp && useradd -u 2001 -g grp app\nUSER app\nCMD ["x"]\n')).toMatch(/write USER 2001:2000$/);
    expect(numericNote('FROM debian:bookworm\nRUN useradd app\nUSER app\nCMD ["x"]\n')).toBeUndefined();
    expect(numericNote('FROM debian:bookworm\nRUN useradd -u 1000 app\nUSER 1000\nCMD ["x"]\n')).toBeUndefined();
  });
});
