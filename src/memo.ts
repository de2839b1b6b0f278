// Work done once per Dockerfile, however many passes and detectors ask: kept on the analysis, keyed by the scan.

import type { Analysis } from './types.js';

/** The scan's result for this file, worked out on the first call. Results are shared, so callers must not change them. */
export function oncePerFile<T>(scan: (analysis: Analysis) => T): (analysis: Analysis) => T {
  return (analysis) => {
    if (!analysis.memo.has(scan)) analysis.memo.set(scan, scan(analysis));
    return analysis.memo.get(scan) as T;
  };
}
