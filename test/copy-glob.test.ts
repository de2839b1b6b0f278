// COPY/ADD sources with wildcards name the build-context files Docker copies (Go filepath.Match, per path segment).
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { defaultOptions } from '../src/types.js';
import { globMatch } from '../transforms/writable/shared.js';
import { fixturesRoot, hardenWithContext, readBytes } from './helpers.js';

const run = (rel: string) => {
  const base = path.join(fixturesRoot, rel);
  return hardenWithContext('Dockerfile', readBytes(`${base}.input.Dockerfile`), defaultOptions, `${base}.context`);
};

describe('globMatch (filepath.Match on one segment)', () => {
  it('matches *, ? and classes, never across a slash', () => {
    expect(globMatch('*.py', 'index.py')).toBe(true);
    expect(globMatch('*.py', 'sub/deep.py')).toBe(false);
    expect(globMatch('?.ini', 'a.ini')).toBe(true);
    expect(globMatch('?.ini', 'ab.ini')).toBe(false);
    expect(globMatch('[a-c]1.ini', 'b1.ini')).toBe(true);
    expect(globMatch('[^a-c]1.ini', 'b1.ini')).toBe(false);
    expect(globMatch('[^a-c]1.ini', 'd1.ini')).toBe(true);
    expect(globMatch('a.b', 'axb')).toBe(false);
    expect(globMatch('\\*.py', '*.py')).toBe(true);
    expect(globMatch('\\*.py', 'x.py')).toBe(false);
  });
});

describe('COPY with a wildcard source', () => {
  it('reads the script a glob copies, instead of calling it missing from the build context', () => {
    const notes = run('app-writes/copy-glob').notes.map((n) => n.message);
    expect(notes.some((m) => /not in the build context/.test(m))).toBe(false);
    expect(notes.some((m) => m.startsWith('/usr/src/app/reports is written at run time (index.py:4 os.makedirs()'))).toBe(true);
  });
});

describe('host steps for a bind-mounted folder the container writes', () => {
  it('chowns by numeric ids after mkdir -p, with no host account to create first', () => {
    const note = run('app-writes/multer-diskstorage-callback').notes.find((n) => n.message.startsWith('docker-compose.yml'));
    expect(note?.message).toBe(
      "docker-compose.yml: service 'app' bind-mounts ./uploads on /app/uploads, which keeps the host folder's owner; on the host run: mkdir -p ./uploads && sudo chown -R 1000:1000 ./uploads",
    );
  });
});
