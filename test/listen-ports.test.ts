// Servers started on a port below 1024: a risk naming the flag's command line or the config line.
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { hardenText } from '../src/engine.js';
import { defaultOptions } from '../src/types.js';
import { fixturesRoot, hardenWithContext, memoryContext, readBytes } from './helpers.js';

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

describe('web server ports from the configs the build copies', () => {
  const ports = (files: Record<string, string>, dockerfile: string) =>
    hardenText({
      file: 'Dockerfile',
      text: dockerfile,
      options: defaultOptions,
      ...memoryContext(files),
    }).notes.filter((n) => n.message.includes('listens on port')).map((n) => `${n.risk ? 'risk' : n.level} ${n.message.slice(0, n.message.indexOf('):') + 1)}`);
  const nginx = 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y nginx\n';

  it('names the packaged port when no copied config says', () => {
    expect(ports({}, `${nginx}CMD ["nginx", "-g", "daemon off;"]\n`)).toEqual(['risk nginx listens on port 80 (its packaged config)']);
  });

  it('names the copied site config\'s port once per file, with its lines', () => {
    const site = 'server {\n  listen 80;\n  listen [::]:80;\n  root /srv/www;\n}\n';
    expect(ports({ 'site.conf': site }, `${nginx}COPY site.conf /etc/nginx/sites-enabled/default\nCMD ["nginx", "-g", "daemon off;"]\n`)).toEqual([
      'risk nginx listens on port 80 (site.conf:2,3)',
    ]);
  });

  it('advises a port of its own above 1023 for each low port (443 → 8443), so two moved ports do not collide', () => {
    const site = 'server {\n  listen 443 ssl;\n}\n';
    const notes = hardenText({ file: 'Dockerfile', text: `${nginx}COPY ssl.conf /etc/nginx/conf.d/ssl.conf\nCMD ["nginx", "-g", "daemon off;"]\n`, options: defaultOptions, ...memoryContext({ 'ssl.conf': site }) }).notes;
    expect(notes.find((n) => n.message.includes('listens on port 443'))?.message).toContain('listen on 8443 and point the published port at it');
  });

  it('says nothing when the copied config listens on a port set at start (listen ${PORT}) or above 1023', () => {
    const site = 'server {\n  listen ${PORT};\n  listen 8080;\n}\n';
    expect(ports({ 'default.conf': site }, `${nginx}COPY default.conf /etc/nginx/conf.d/default.conf\nCMD ["nginx", "-g", "daemon off;"]\n`)).toEqual([]);
  });
});
