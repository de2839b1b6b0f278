// Run the supervisor detector on its own, as the writable-paths pass would, over an in-memory build context.
import { analyse } from '../src/analyse.js';
import { applyEdits } from '../src/edits.js';
import { defaultOptions, type Analysis, type DetectorResult, type Plan } from '../src/types.js';
import { baseDetection } from '../transforms/base-detection.js';
import { createUser } from '../transforms/create-user.js';
import { supervisor } from '../transforms/writable/supervisor.js';
import { memoryContext } from './helpers.js';

export interface Detected {
  analysis: Analysis;
  result: DetectorResult;
  /** The Dockerfile with the detector's own edits applied. */
  dockerfile: string;
  /** Each context file the detector edits, after its edits. */
  files: Record<string, string>;
}

export function detectSupervisor(text: string, context: Record<string, string> = {}): Detected {
  const analysis = analyse({
    file: 'Dockerfile',
    text,
    options: defaultOptions,
    ...memoryContext(context),
  });
  const plan: Plan = { writePaths: [] };
  for (const pass of [baseDetection, createUser]) Object.assign(plan, pass.run({ analysis, plan }).plan ?? {});
  const result = supervisor.detect({ analysis, plan });
  const edits = result.edits ?? [];
  const files: Record<string, string> = {};
  for (const rel of new Set(edits.flatMap((e) => (e.file === undefined ? [] : [e.file])))) {
    files[rel] = applyEdits(context[rel], edits.filter((e) => e.file === rel), rel);
  }
  return { analysis, result, dockerfile: applyEdits(text, edits.filter((e) => e.file === undefined), 'Dockerfile'), files };
}
