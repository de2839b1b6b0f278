// The one model of the image's file system: what each instruction makes, where it comes from, its owner and mode.
import { describe, expect, it } from '@jest/globals';
import { analyse } from '../src/analyse.js';
import { applyMode, imageModel } from '../src/image-model.js';
import { copiedSource } from '../src/scripts.js';
import { defaultOptions } from '../src/types.js';
import { copiesInto } from '../transforms/writable/shared.js';
import { hardenWithContext, memoryContext } from './helpers.js';

const analysed = (text: string, context: Record<string, string> = {}) =>
  analyse({
    file: 'Dockerfile',
    text,
    options: defaultOptions,
    ...memoryContext(context),
  });

describe('copiesInto', () => {
  it('reads --from and --chown written with a space as well as with =', () => {
    const a = analysed('FROM debian:bookworm-slim AS build\nFROM debian:bookworm-slim\nCOPY --from build --chown app:app /out/app /app/bin\nCOPY --from=nginx:1.27 /etc/nginx /etc/nginx\n');
    expect(copiesInto(a).map((c) => [c.from, c.chown, c.sources, c.dest])).toEqual([
      ['build', 'app:app', ['/out/app'], '/app/bin'],
      ['nginx:1.27', undefined, ['/etc/nginx'], '/etc/nginx'],
    ]);
  });

  it('a COPY that already gives a write path to the user gets no second --chown and no chown layer', () => {
    const text = 'FROM python:3.11-slim\nWORKDIR /app\nCOPY --chown=1001:1001 data/ /app/data/\nVOLUME /app/data\nCMD ["python", "app.py"]\n';
    const result = hardenWithContext('Dockerfile', text, defaultOptions);
    const out = result.outputs.find((o) => o.path === 'Dockerfile')?.after ?? '';
    // The folder is a write path (so a chown would have been due), and the COPY's own --chown covers it.
    expect(result.notes.map((n) => n.message)).toContainEqual(expect.stringContaining('/app/data is written at run time'));
    expect(out).toContain('\nCOPY --chown=1001:1001 data/ /app/data/\nVOLUME /app/data\n');
    expect(out).not.toContain('chown 1001:1001 /app/data');
  });
});

describe('image model', () => {
  it('says where each made path comes from', () => {
    const a = analysed('FROM debian:bookworm-slim AS build\nFROM debian:bookworm-slim\nRUN mkdir -p /srv/logs\nCOPY --from=build /out /srv/out\nCOPY --from=nginx:1.27 /etc/nginx /etc/nginx\nCOPY app/ /srv/app/\nWORKDIR /srv/w\n');
    const m = imageModel(a);
    const end = a.text.length;
    expect(['/srv/logs', '/srv/out', '/etc/nginx', '/srv/app', '/srv/w'].map((p) => m.madeBefore(p, end)?.origin)).toEqual(['run', 'stage', 'image', 'context', undefined]);
  });

  it('knows owners from --chown and literal chown, recursive or not, at each point', () => {
    const text = 'FROM debian:bookworm-slim\nCOPY --chown=app:app data/ /srv/data/\nCOPY conf /srv/conf\nRUN chown -R 1001:1001 /srv/conf && chown web /srv/data\nRUN chown $UID /srv/data\n';
    const a = analysed(text);
    const m = imageModel(a);
    const [copyData, , chowns, unknown] = a.finalStage.instructions;
    expect(m.ownerAt('/srv/data/x.db', copyData.lineStart)).toBeUndefined();
    expect(m.ownerAt('/srv/data/x.db', copyData.lineEnd)?.owner).toBe('app:app');
    expect(m.ownerAt('/srv/conf', chowns.lineStart)?.owner).toBe('root');
    expect(m.ownerAt('/srv/conf/a/b', chowns.lineEnd)?.owner).toBe('1001:1001');
    expect(m.ownerAt('/srv/data', chowns.lineEnd)?.owner).toBe('web');
    // A non-recursive chown leaves what is inside as it was.
    expect(m.ownerAt('/srv/data/x.db', chowns.lineEnd)?.owner).toBe('app:app');
    // An owner only known at build time makes it unknown.
    expect(m.ownerAt('/srv/data', unknown.lineEnd)).toBeUndefined();
  });

  it('a copy into a folder that was there leaves the folder its owner', () => {
    const a = analysed('FROM debian:bookworm-slim\nRUN mkdir -p /srv/app && chown app /srv/app\nCOPY x.py /srv/app/\n');
    const m = imageModel(a);
    expect(m.ownerAt('/srv/app', a.text.length)?.owner).toBe('app');
    expect(m.ownerAt('/srv/app/x.py', a.text.length)?.owner).toBe('root');
  });

  it('knows modes from --chmod, ADD of a URL and literal chmod, and the final ones', () => {
    const text = 'FROM debian:bookworm-slim\nADD https://example.com/tool /usr/local/bin/tool\nRUN chmod u+x /usr/local/bin/tool\nCOPY --chmod=0400 secret.conf /app/\nCOPY run.sh /app/run.sh\nRUN chmod +x /app/run.sh\n';
    const a = analysed(text);
    const m = imageModel(a);
    const [add, chmod] = a.finalStage.instructions;
    expect(m.modeAt('/usr/local/bin/tool', add.lineEnd)?.mode).toBe(0o600);
    expect(m.modeAt('/usr/local/bin/tool', chmod.lineEnd)).toMatchObject({ mode: 0o700, why: 'line 3: chmod u+x' });
    expect(m.modeAt('/app/secret.conf', a.text.length)).toMatchObject({ mode: 0o400, why: 'line 4: --chmod' });
    // chmod +x of a file whose mode is not known leaves it unknown.
    expect(m.modeAt('/app/run.sh', a.text.length)).toBeUndefined();
    expect([...m.finalModes().keys()]).toEqual(['/usr/local/bin/tool', '/app/secret.conf']);
    expect(applyMode(0o600, 'u+x')).toBe(0o700);
  });

  it('knows which context file or heredoc ends up at an image path', () => {
    const text = 'FROM debian:bookworm-slim\nCOPY conf/ /etc/app/\nCOPY scripts/*.sh /usr/local/bin/\nCOPY <<EOF /etc/app/extra.conf\nx=1\nEOF\nCOPY --from=build /out/b.conf /etc/app/sub/\n';
    const a = analysed(text, { 'conf/app.conf': 'a=1\n', 'conf/sub/b.conf': 'b=1\n', 'scripts/start.sh': 'exec app\n', 'scripts/notes.txt': '' });
    const m = imageModel(a);
    expect(m.contextFileAt('/etc/app/app.conf')).toMatchObject({ kind: 'context', rel: 'conf/app.conf' });
    // A later copy from a stage replaces it.
    expect(m.contextFileAt('/etc/app/sub/b.conf')).toBeUndefined();
    expect(m.contextFileAt('/usr/local/bin/start.sh')).toMatchObject({ kind: 'context', rel: 'scripts/start.sh' });
    expect(m.contextFileAt('/usr/local/bin/notes.txt')).toBeUndefined();
    expect(m.contextFileAt('/etc/app/extra.conf')).toMatchObject({ kind: 'heredoc', body: 'x=1\n' });
  });

  it('finds the context file at an image path by reading only the candidates, and only from copies before a point', () => {
    const text = 'FROM debian:bookworm-slim\nWORKDIR /srv\nCOPY app/ ./\nRUN sh ./tools/fetch.sh\nCOPY entry.sh /usr/local/bin/\nCOPY --from=build /out/run.sh /srv/run.sh\n';
    const a = analysed(text, { 'app/tools/fetch.sh': 'curl x\n', 'app/run.sh': 'exec x\n', 'entry.sh': 'exec y\n' });
    const [, , run] = a.finalStage.instructions;
    expect(copiedSource(a, '/srv/tools/fetch.sh', a.text.length)).toBe('app/tools/fetch.sh');
    expect(copiedSource(a, '/usr/local/bin/entry.sh', a.text.length)).toBe('entry.sh');
    expect(copiedSource(a, '/usr/local/bin/entry.sh', run.lineEnd)).toBeUndefined();
    // A file copied from a stage hides the context's, but not the other files of the folder it lands in.
    expect(imageModel(a).contextSourcesAt('/srv/run.sh', a.text.length)).toEqual([]);
    expect(imageModel(a).contextSourcesAt('/srv/run.sh', run.lineEnd)).toEqual(['app/run.sh']);
    expect(imageModel(a).contextSourcesAt('/srv/tools/fetch.sh', a.text.length)).toEqual(['app/tools/fetch.sh']);
  });
});
