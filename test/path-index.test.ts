// The indexed path lookups used on long Dockerfiles must answer exactly as the plain scans they replace.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { hasParentIn, isWithin, PathIndex } from '../transforms/writable/shared.js';

// Few names, so shared prefixes ('/a' and '/ab', '/a-b', '/a/b') are common.
const segment = fc.constantFrom('a', 'ab', 'a-b', 'a.b', 'b', '0', 'a0');
const absPath = fc.array(segment, { maxLength: 4 }).map((parts) => '/' + parts.join('/'));

describe('PathIndex', () => {
  it('finds the same paths, in the same order, as scanning with isWithin', () => {
    fc.assert(
      fc.property(fc.array(absPath, { maxLength: 30 }), absPath, (paths, dir) => {
        const index = new PathIndex(paths.map((p, i) => [p, i] as const));
        const scanned = paths.map((p, i) => [p, i] as const).filter(([p]) => isWithin(p, dir)).map(([, i]) => i);
        expect(index.within(dir)).toEqual(scanned);
        expect(index.hasWithin(dir)).toBe(scanned.length > 0);
      }),
      { numRuns: 3000, seed: 20261128 },
    );
  });
});

describe('hasParentIn', () => {
  it('is true exactly when a different folder of the set has the path inside it', () => {
    fc.assert(
      fc.property(fc.array(absPath, { maxLength: 10 }), absPath, (folders, p) => {
        const expected = folders.some((f) => f !== p && isWithin(p, f));
        expect(hasParentIn(p, new Set(folders))).toBe(expected);
      }),
      { numRuns: 3000, seed: 20261128 },
    );
  });
});
