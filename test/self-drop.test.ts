// Programs that switch user themselves (gunicorn user/group): forced through, each setting is a named risk.
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { defaultOptions } from '../src/types.js';
import { fixturesRoot, hardenWithContext, readBytes } from './helpers.js';

const risks = (name: string, options = {}) => {
  const base = path.join(fixturesRoot, 'privilege-drop', name);
  const result = hardenWithContext('Dockerfile', readBytes(`${base}.input.Dockerfile`), { ...defaultOptions, ...options }, `${base}.context`);
  return result.notes.filter((n) => n.risk).map((n) => n.message);
};

describe('programs that switch user themselves', () => {
  it('--force hardens gunicorn with user/group in its config and names each setting as a risk', () => {
    expect(risks('gunicorn-config-user-force', { force: true })).toEqual([
      `gunicorn.conf.py:3: 'user = "www-data"' makes gunicorn switch to www-data itself, which needs root: hardened anyway (--force), it exits with PermissionError unless the image's USER is www-data; remove the setting`,
      `gunicorn.conf.py:4: 'group = "www-data"' makes gunicorn switch to www-data itself, which needs root: hardened anyway (--force), it exits with PermissionError unless the image's USER is www-data; remove the setting`,
    ]);
  });

  it('--force through a supervisor program: gunicorn switching to the user the image runs as is no risk', () => {
    // supervisor-many-users creates 'app', which is reused; gunicorn's user = "app" switches to itself.
    expect(risks('supervisor-many-users', { force: true })).toEqual([]);
    // The config is read, not skipped: without --force the same switch is named in the skip.
    const base = path.join(fixturesRoot, 'privilege-drop', 'supervisor-many-users');
    const skipped = hardenWithContext('Dockerfile', readBytes(`${base}.input.Dockerfile`), defaultOptions, `${base}.context`);
    expect(skipped.skipped).toContain('[program:web] gunicorn switches to app at gunicorn.conf.py:2');
  });
});
