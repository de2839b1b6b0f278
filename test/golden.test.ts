// Every golden pair under __fixtures__: the output byte for byte, idempotence, and context-file edits.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { goldenCases, hardenWithContext, readBytes, repoRoot } from './helpers.js';

const cases = goldenCases();

describe('golden fixtures', () => {
  it('keeps no fixture file in a folder git ignores (dist/, node_modules/): a fresh clone would lack it', () => {
    const ignored: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        if (!e.isDirectory()) continue;
        if (e.name === 'dist' || e.name === 'node_modules') ignored.push(path.join(dir, e.name));
        else walk(path.join(dir, e.name));
      }
    };
    for (const root of ['__fixtures__', 'test/e2e'].map((r) => path.join(repoRoot, r))) walk(root);
    expect(ignored).toEqual([]);
  });

  it('finds the fixture pairs', () => {
    expect(cases.length).toBeGreaterThan(20);
    for (const c of cases) expect(fs.existsSync(c.output)).toBe(true);
  });

  describe.each(cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const input = readBytes(c.input);
    const expected = readBytes(c.output);

    it('rewrites the input to the golden output, byte for byte', () => {
      const result = hardenWithContext('Dockerfile', input, c.options, c.context);
      const own = result.outputs.find((o) => o.path === 'Dockerfile');
      expect(own?.after ?? input).toBe(expected);
    });

    it('changes nothing on its own output (idempotent)', () => {
      const contextAfter = c.contextOutput ? mergedContext(c.context!, c.contextOutput) : c.context;
      const again = hardenWithContext('Dockerfile', expected, c.options, contextAfter);
      expect(again.outputs.map((o) => o.path)).toEqual([]);
    });

    if (c.contextOutput) {
      it('edits the copied config files as expected', () => {
        const result = hardenWithContext('Dockerfile', input, c.options, c.context);
        const edited = result.outputs.filter((o) => o.path !== 'Dockerfile');
        const expectedFiles = listFiles(c.contextOutput!);
        expect(edited.map((o) => path.relative(c.context!, o.path)).sort()).toEqual(expectedFiles.sort());
        for (const o of edited) expect(o.after).toBe(readBytes(path.join(c.contextOutput!, path.relative(c.context!, o.path))));
      });
    }
  });
});

function listFiles(dir: string, prefix = ''): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listFiles(path.join(dir, e.name), path.join(prefix, e.name)) : [path.join(prefix, e.name)],
  );
}

/** A temporary context holding the input files with the expected edited ones on top. */
function mergedContext(context: string, edited: string): string {
  const dir = fs.mkdtempSync(path.join(fs.realpathSync(process.env.TMPDIR ?? '/tmp'), 'ctx-'));
  fs.cpSync(context, dir, { recursive: true });
  fs.cpSync(edited, dir, { recursive: true });
  return dir;
}
