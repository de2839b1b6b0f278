// Shared by the real-build suites: which engine to use, whether the offline base images are there, and the
// describe block that skips (or, under CI=true / HARDEN_E2E=1, fails) when they are not.
import { describe, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { detectEngine, VerifyEngineError, type Engine } from '../../src/verify.js';
import { baseImages } from './cases.js';

export const required = process.env.CI === 'true' || process.env.HARDEN_E2E === '1';

function findEngine(): { engine?: Engine; reason?: string } {
  try {
    return { engine: detectEngine(process.env.HARDEN_E2E_ENGINE as Engine | undefined) };
  } catch (e) {
    if (e instanceof VerifyEngineError) return { reason: e.message };
    throw e;
  }
}

function missingBases(engine: Engine): string[] {
  // Docker pulls missing bases itself; podman builds here run with --pull=never (no registry in CI).
  if (engine !== 'podman') return [];
  return baseImages.filter((b) => spawnSync(engine, ['image', 'exists', b]).status !== 0);
}

const found = findEngine();
const missing = found.engine ? missingBases(found.engine) : [];
export const engine = found.engine;
export const skipReason = !found.engine
  ? `no container engine (${found.reason})`
  : missing.length > 0
    ? `base images missing (${missing.join(', ')}); run: bash test/e2e/make-base-image.sh`
    : undefined;

/** `describe(title (engine), body)` when an engine and the bases are there; else skipped with the reason, or failed where e2e is required. */
export function describeWithEngine(title: string, body: (engine: Engine) => void): void {
  if (skipReason && !required) {
    process.stdout.write(`${title}: SKIPPED, ${skipReason} (set HARDEN_E2E=1 to make this a failure)\n`);
    describe.skip(title, () => {
      it('needs a container engine', () => {});
    });
  } else if (skipReason || !engine) {
    describe(title, () => {
      it('has a container engine and the base images', () => {
        throw new Error(`e2e is required here (CI=true or HARDEN_E2E=1) but: ${skipReason}`);
      });
    });
  } else {
    describe(`${title} (${engine})`, () => body(engine));
  }
}
