// Servers started on a port below 1024: a risk naming the flag's command line or the config line.
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { defaultOptions } from '../src/types.js';
import { fixturesRoot, hardenWithContext, readBytes } from './helpers.js';

const portNotes = (name: string) => {
  const base = path.join(fixturesRoot, 'writable-paths', name);
  const result = hardenWithContext('Dockerfile', readBytes(`${base}.input.Dockerfile`), defaultOptions, `${base}.context`);
  return result.notes.filter((n) => n.message.includes('listens on port')).map((n) => `${n.risk ? 'risk' : n.level} ${n.line ?? '-'} ${n.message.slice(0, n.message.indexOf('):') + 1)}`);
};

describe('listen ports', () => {
  it('gunicorn -b :80 in CMD', () => {
    expect(portNotes('gunicorn-bind-port-80')).toEqual(['risk 4 gunicorn listens on port 80 (line 4)']);
  });

  it('uwsgi http-socket = :80 in the ini the command loads', () => {
    expect(portNotes('uwsgi-ini-port-80')).toEqual(['risk 4 uwsgi listens on port 80 (uwsgi.ini:3)']);
  });
});
