// The diff is built from the changed stretch only. It must apply at its stated line numbers, turn the old text
// into the new, and change as few lines as a diff of the whole texts; on realistic input it is that diff, byte for byte.
import fs from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { applyPatch, createTwoFilesPatch, FILE_HEADERS_ONLY, parsePatch } from 'diff';
import { unifiedDiff } from '../src/output.js';
import { goldenCases } from './helpers.js';

const whole = (before: string, after: string) =>
  createTwoFilesPatch('a/Dockerfile', 'b/Dockerfile', before, after, undefined, undefined, { context: 3, headerOptions: FILE_HEADERS_ONLY });

// Few distinct lines, so repeats and blank lines around the changes are common (where a diff has choices to make).
const line = fc.constantFrom('', 'FROM x', 'RUN a', 'RUN b', 'USER 1001', '# c', '\\', '  && b \\');
const eol = fc.constantFrom('\n', '\r\n');
const text = fc.tuple(fc.array(line, { maxLength: 30 }), eol, fc.boolean()).map(([lines, nl, final]) => lines.join(nl) + (final && lines.length > 0 ? nl : ''));
const splice = fc.tuple(fc.nat(), fc.nat(8), fc.constantFrom('', '\n', 'USER 1001\n', 'x', 'RUN a\nRUN a\n', '\r\n'));

/** Each hunk's context and removed lines are the old text's lines at exactly the hunk's start. */
function anchoredExactly(before: string, diff: string): boolean {
  const lines = before.split('\n');
  return parsePatch(diff)[0].hunks.every((hunk) => {
    const old = hunk.lines.filter((l) => l[0] === ' ' || l[0] === '-').map((l) => l.slice(1));
    const start = hunk.oldLines === 0 ? hunk.oldStart : hunk.oldStart - 1;
    return old.every((l, k) => lines[start + k] === l);
  });
}

const changedLines = (diff: string) => diff.split('\n').filter((l) => /^[+-](?![+-]{2} [ab]\/)/.test(l)).length;

describe('unifiedDiff', () => {
  it('applies at its line numbers and changes as few lines as a whole-text diff, for any splices', () => {
    fc.assert(
      fc.property(text, fc.array(splice, { minLength: 1, maxLength: 4 }), (before, splices) => {
        let after = before;
        for (const [at, len, insert] of splices) {
          const start = after.length === 0 ? 0 : at % (after.length + 1);
          after = after.slice(0, start) + insert + after.slice(start + len);
        }
        if (after === before) return;
        const diff = unifiedDiff('a/Dockerfile', 'b/Dockerfile', before, after);
        expect(anchoredExactly(before, diff)).toBe(true);
        expect(applyPatch(before, diff)).toBe(after);
        expect(changedLines(diff)).toBe(changedLines(whole(before, after)));
      }),
      { numRuns: 5000, seed: 20261128 },
    );
  });

  it('is the whole-text diff on every golden pair', () => {
    for (const c of goldenCases()) {
      const before = fs.readFileSync(c.input, 'utf8');
      const after = fs.readFileSync(c.output, 'utf8');
      if (before !== after) expect(unifiedDiff('a/Dockerfile', 'b/Dockerfile', before, after)).toBe(whole(before, after));
    }
  });

  it('numbers hunks by their place in the whole file', () => {
    const before = Array.from({ length: 40 }, (_, i) => `RUN step-${i}`).join('\n') + '\n';
    const after = before.replace('RUN step-20\n', 'RUN step-20\nUSER 1001\n').replace('RUN step-39\n', 'RUN step-39\nUSER 1002\n');
    const diff = unifiedDiff('a/Dockerfile', 'b/Dockerfile', before, after);
    expect(diff).toContain('@@ -19,6 +19,7 @@');
    expect(diff).toContain('@@ -38,3 +39,4 @@');
    expect(diff).toBe(whole(before, after));
  });

  it('marks a last line without a newline as the whole-file diff does', () => {
    const before = 'FROM x\nRUN a\nCMD ["a"]';
    const after = 'FROM x\nRUN a\nCMD ["a"]\nUSER 1001';
    expect(unifiedDiff('a/Dockerfile', 'b/Dockerfile', before, after)).toBe(whole(before, after));
    expect(unifiedDiff('a/Dockerfile', 'b/Dockerfile', before, after)).toContain('\\ No newline at end of file');
  });
});
