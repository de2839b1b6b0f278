// The merge rules of the writable-paths pass, and what only the summary shows (host steps, blockers).
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { mergeWritePaths, ownershipCommand } from '../transforms/writable-paths.js';
import { applyMode } from '../src/image-model.js';
import { SYSTEM_FOLDERS } from '../transforms/writable/shared.js';
import { defaultOptions, type WritePath } from '../src/types.js';
import { fixturesRoot, hardenWithContext, readBytes } from './helpers.js';

const dir = (p: string, extra: Partial<WritePath> = {}): WritePath => ({ path: p, kind: 'dir', evidence: `test ${p}`, ...extra });
const paths = (ws: WritePath[]) => ws.map((w) => w.path);

describe('mergeWritePaths', () => {
  it('never hands over a system folder from the spec list', () => {
    for (const p of ['/', '/usr', '/etc', '/var', '/opt', '/home', '/run', '/tmp', '/root']) expect(SYSTEM_FOLDERS).toContain(p);
    const { kept, dropped } = mergeWritePaths(SYSTEM_FOLDERS.map((p) => dir(p)), []);
    expect(kept).toEqual([]);
    expect(dropped.every((d) => d.why === 'system' || (d.why === 'world-writable' && ['/tmp', '/var/tmp'].includes(d.path.path)))).toBe(true);
  });

  it('keeps a child of a folder the base image ships under /usr, /etc or /var, which a chown of the folder alone would not reach', () => {
    const found = [dir('/usr/local/etc/php'), dir('/usr/local/etc/php/conf.d'), dir('/srv/app'), dir('/srv/app/cache')];
    expect(paths(mergeWritePaths(found, []).kept)).toEqual(['/usr/local/etc/php', '/usr/local/etc/php/conf.d', '/srv/app']);
    // A folder this build makes has only the children it makes: the parent's chown covers the rest.
    expect(paths(mergeWritePaths([dir('/var/lib/app'), dir('/var/lib/app/queue')], [], (p) => p === '/var/lib/app').kept)).toEqual(['/var/lib/app']);
  });

  it('hands over the folder, not a touched file, for a file in a shipped folder the build does not make', () => {
    const file = (p: string): WritePath => ({ path: p, kind: 'file', evidence: `test ${p}` });
    // conf.d is not a write path itself: the file's folder is handed over instead of creating the file.
    expect(paths(mergeWritePaths([dir('/usr/local/etc/php'), file('/usr/local/etc/php/conf.d/timezone.ini')], []).kept)).toEqual(['/usr/local/etc/php', '/usr/local/etc/php/conf.d']);
    // Under a folder that is handed over, a file the build made keeps its own chown; one it did not make is left to the folder.
    const made = (p: string) => p === '/usr/local/etc/php/conf.d/docker-vars.ini';
    expect(paths(mergeWritePaths([dir('/usr/local/etc/php/conf.d'), file('/usr/local/etc/php/conf.d/docker-vars.ini'), file('/usr/local/etc/php/conf.d/xdebug.ini')], [], made).kept)).toEqual([
      '/usr/local/etc/php/conf.d',
      '/usr/local/etc/php/conf.d/docker-vars.ini',
    ]);
  });

  it('never hands over a path under /root, which the user cannot enter: it is dropped as a risk', () => {
    const { kept, dropped } = mergeWritePaths([dir('/root/.ssh'), dir('/root/.cache/x'), dir('/rootfs/data')], []);
    expect(paths(kept)).toEqual(['/rootfs/data']);
    expect(dropped.map((d) => [d.path.path, d.why])).toEqual([['/root/.ssh', 'under-root'], ['/root/.cache/x', 'under-root']]);
  });

  it('treats a trailing slash or dot parts like the folder itself', () => {
    expect(paths(mergeWritePaths([dir('/var/'), dir('/etc/./'), dir('/usr/local/../')], []).kept)).toEqual([]);
  });

  it('drops kernel filesystems and everything under them', () => {
    expect(paths(mergeWritePaths([dir('/dev/shm'), dir('/proc/self')], []).kept)).toEqual([]);
  });

  it('never writes a path the shell or the parser would read specially into the RUN line (found by fuzzing)', () => {
    const { kept, dropped } = mergeWritePaths([dir('/<<var/run/gunicorn'), dir('/data/$HOME'), dir('/data/a b'), dir('/data/ok-1.2_x')], []);
    expect(paths(kept)).toEqual(['/data/ok-1.2_x']);
    expect(dropped.map((d) => d.why)).toEqual(['unsafe', 'unsafe', 'unsafe']);
  });

  it('keeps a folder of its own under a system folder', () => {
    expect(paths(mergeWritePaths([dir('/var/lib/app'), dir('/home/nonroot/.cache/huggingface')], []).kept)).toEqual(['/var/lib/app', '/home/nonroot/.cache/huggingface']);
  });

  it('dedupes the same path, a handed-over finding winning over a report-only one', () => {
    const { kept } = mergeWritePaths([dir('/data', { reportOnly: true, evidence: 'mkdir' }), dir('/data/', { evidence: 'VOLUME' }), dir('/data', { evidence: 'ENV' })], []);
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatchObject({ path: '/data', evidence: 'VOLUME' });
    expect(kept[0].reportOnly).toBeUndefined();
  });

  it('drops a path under a folder already handed over, whatever the order', () => {
    expect(paths(mergeWritePaths([dir('/data/out'), dir('/data'), dir('/data/out/run1')], []).kept)).toEqual(['/data']);
  });

  it('keeps a child the build already creates, since a non-recursive chown of the parent leaves it root-owned', () => {
    expect(paths(mergeWritePaths([dir('/data'), dir('/data/out')], [], (p) => p === '/data/out').kept)).toEqual(['/data', '/data/out']);
  });

  it('does not let a report-only folder swallow a handed-over child', () => {
    expect(paths(mergeWritePaths([dir('/data', { reportOnly: true }), dir('/data/out')], []).kept)).toEqual(['/data', '/data/out']);
  });

  it('keeps /datastore apart from /data (prefix is not containment)', () => {
    expect(paths(mergeWritePaths([dir('/data'), dir('/datastore')], []).kept)).toEqual(['/data', '/datastore']);
  });

  it('never hands over the app code nor a folder holding it, but does a subfolder', () => {
    const { kept, dropped } = mergeWritePaths([dir('/app'), dir('/app/data'), dir('/srv/site'), dir('/site')], ['/app/app.py', '/site']);
    expect(paths(kept)).toEqual(['/app/data', '/srv/site']);
    expect(dropped.map((d) => [d.path.path, d.why])).toEqual([['/app', 'app-code'], ['/site', 'app-code']]);
  });

  it('refuses relative paths', () => {
    expect(mergeWritePaths([dir('data')], []).dropped.map((d) => d.why)).toEqual(['relative']);
  });
});

describe('ownershipCommand', () => {
  it('creates folders, touches files in their folder, and chowns exactly those paths, not recursively', () => {
    const cmd = ownershipCommand([dir('/data/out'), { path: '/srv/app/state.db', kind: 'file', evidence: 'x' }], '1001:1001');
    expect(cmd).toBe('mkdir -p /data/out /srv/app && touch /srv/app/state.db && chown 1001:1001 /data/out /srv/app/state.db');
  });
});

describe('writable-paths in the summary', () => {
  const run = (rel: string) => {
    const base = path.join(fixturesRoot, rel);
    return hardenWithContext('Dockerfile', readBytes(`${base}.input.Dockerfile`), defaultOptions, `${base}.context`);
  };

  it('prints the host-side steps with the concrete host folder of a compose bind mount', () => {
    const messages = run('situations/training-to-host-folder').notes.map((n) => n.message);
    expect(messages).toContain(
      "compose.yaml: service 'train' bind-mounts ./models on /workspace/models, which keeps the host folder's owner; on the host run: mkdir -p ./models && sudo chown -R 1001:1001 ./models",
    );
  });

  it('skips read-only binds and services that do not build this Dockerfile', () => {
    const messages = run('writable-paths/compose-bind-mount').notes.map((n) => n.message).filter((m) => m.includes('bind-mounts'));
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain('./results on /data/results');
  });

  it('blocks (so --check fails) when the app lives under /root, with nothing rewritten', () => {
    const result = run('writable-paths/root-home-blocker');
    expect(result.blocker).toMatch(/^line 2: WORKDIR \/root\/app; line 3: COPY to \/root\/app: \/root is mode 700/);
    expect(result.outputs).toEqual([]);
  });

  it('reports a folder only pointed at by a generic name, without handing it over', () => {
    const result = run('situations/pipeline-output-dir');
    expect(result.plan.writePaths).toEqual([
      expect.objectContaining({ path: '/data/in', reportOnly: true }),
      expect.objectContaining({ path: '/data/out', reportOnly: false }),
    ]);
  });
});

describe('mergeWritePaths and world-writable folders', () => {
  it('leaves /tmp, /var/tmp and /dev/shm alone without a warning, but hands over a folder inside /tmp', () => {
    const { kept, dropped } = mergeWritePaths([dir('/tmp'), dir('/var/tmp'), dir('/dev/shm'), dir('/tmp/cache')], []);
    expect(paths(kept)).toEqual(['/tmp/cache']);
    expect(dropped.map((d) => d.why)).toEqual(['world-writable', 'world-writable', 'world-writable']);
  });
});

describe('file-modes: files the container starts that only root may read or run', () => {
  const risks = (id: string) => {
    const input = readBytes(path.join(fixturesRoot, `${id}.input.Dockerfile`));
    return hardenWithContext('Dockerfile', input, defaultOptions).notes.filter((n) => n.risk).map((n) => n.message);
  };

  it('names a binary ADDed from a URL (600) and made u+x, and a config made 0400, as risks', () => {
    expect(risks('writable-paths/add-url-root-only')).toEqual([
      expect.stringMatching(/^\/usr\/local\/bin\/forego is root's with mode 0700 \(line 3: chmod u\+x\) and the container runs it: nonroot cannot; make it 0755/),
      expect.stringMatching(/^\/app\/secrets\.conf is root's with mode 0400 \(line 6: chmod 0400\) and the container reads it: nonroot cannot; make it 0644/),
    ]);
  });

  it('says nothing once the file is 755', () => {
    expect(risks('writable-paths/add-url-chmod-755')).toEqual([]);
  });

  it('applies numeric and symbolic chmod modes as chmod does', () => {
    expect(applyMode(0o600, 'u+x')).toBe(0o700);
    expect(applyMode(0o600, '+x')).toBe(0o711);
    expect(applyMode(0o700, 'go=rx')).toBe(0o755);
    expect(applyMode(0o644, 'o-r,g+w')).toBe(0o660);
    expect(applyMode(undefined, 'u+x')).toBeUndefined();
    expect(applyMode(undefined, '0755')).toBe(0o755);
  });
});
