// `--verify` for the CLI: build each hardened file for real and print one line per check.
import path from 'node:path';
import type { FileResult } from './types.js';
import type { Engine } from './verify.js';

export interface VerifyTarget {
  /** The Dockerfile as named in messages. */
  file: string;
  result: FileResult;
  /** The text before hardening (built when the file needed no change). */
  original: string;
  /** Absolute build context. */
  contextDir: string;
}

export interface VerifyRunOptions {
  engine?: Engine;
  timeoutSeconds: number;
  target?: string;
  buildArgs: Record<string, string>;
  /** The folder output paths are relative to. */
  cwd: string;
  log: (line: string) => void;
}

export type VerifyOutcome = 'passed' | 'failed' | 'no-engine';

/** Verify every file that was hardened or already fine; skipped and blocked files are not built. */
export async function verifyTargets(targets: VerifyTarget[], options: VerifyRunOptions): Promise<VerifyOutcome> {
  const { verifyDockerfile, VerifyEngineError } = await import('./verify.js');
  let failed = false;
  for (const t of targets) {
    if (t.result.skipped || t.result.blocker) {
      options.log(`${t.file}: not verified: ${t.result.skipped ? 'skipped' : 'cannot be hardened as it is'}`);
      continue;
    }
    const own = t.result.outputs.find((o) => o.path === t.file);
    const contextFiles = t.result.outputs
      .filter((o) => o.path !== t.file)
      .map((o) => ({ path: path.resolve(options.cwd, o.path), text: o.after }));
    const writePaths = t.result.plan.writePaths.filter((p) => !p.reportOnly).map((p) => p.path);
    options.log(`${t.file}: verifying (build, then probe as the image's user)`);
    try {
      const result = await verifyDockerfile({
        dockerfileText: (own?.after ?? t.original).replace(/^\uFEFF/, ''),
        contextDir: t.contextDir,
        contextFiles,
        writePaths,
        engine: options.engine,
        timeoutSeconds: options.timeoutSeconds,
        target: options.target,
        buildArgs: options.buildArgs,
        log: (line) => options.log(`  ${line}`),
      });
      if (!result.ok) failed = true;
    } catch (err) {
      if (err instanceof VerifyEngineError) {
        options.log(`harden-dockerfile: --verify: ${err.message}`);
        return 'no-engine';
      }
      options.log(`${t.file}: verify failed: ${err instanceof Error ? err.message.split('\n', 1)[0] : String(err)}`);
      failed = true;
    }
  }
  return failed ? 'failed' : 'passed';
}
