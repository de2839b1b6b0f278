// The one model of the image's file system: what each instruction makes, where it comes from, its owner and mode.
import { describe, expect, it } from '@jest/globals';
import { analyse } from '../src/analyse.js';
import { defaultOptions } from '../src/types.js';
import { copiesInto } from '../transforms/writable/shared.js';
import { hardenWithContext } from './helpers.js';

const analysed = (text: string, context: Record<string, string> = {}) =>
  analyse({
    file: 'Dockerfile',
    text,
    options: defaultOptions,
    readContextFile: (rel) => context[rel],
    listContextFiles: (dir) => {
      const prefix = dir === '.' || dir === '' ? '' : `${dir.replace(/\/+$/, '')}/`;
      const inside = Object.keys(context).filter((f) => f.startsWith(prefix)).map((f) => f.slice(prefix.length));
      return inside.length > 0 ? inside : undefined;
    },
  });

describe('copiesInto', () => {
  it('reads --from and --chown written with a space as well as with =', () => {
    const a = analysed('FROM debian:bookworm-slim AS build\nFROM debian:bookworm-slim\nCOPY --from build --chown app:app /out/app /app/bin\nCOPY --from=nginx:1.27 /etc/nginx /etc/nginx\n');
    expect(copiesInto(a).map((c) => [c.from, c.chown, c.sources, c.dest])).toEqual([
      ['build', 'app:app', ['/out/app'], '/app/bin'],
      ['nginx:1.27', undefined, ['/etc/nginx'], '/etc/nginx'],
    ]);
  });

  it('a COPY that already has --chown gets no second one', () => {
    const text = 'FROM python:3.11-slim\nWORKDIR /app\nCOPY --chown=1001:1001 data/ /app/data/\nVOLUME /app/data\nCMD ["python", "app.py"]\n';
    const out = hardenWithContext('Dockerfile', text, defaultOptions).outputs.find((o) => o.path === 'Dockerfile')?.after ?? '';
    expect(out).toContain('\nCOPY --chown=1001:1001 data/ /app/data/\n');
  });
});
