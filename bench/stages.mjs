// The hardening up to one stage, over every Dockerfile under a folder, in a process of its own, so the
// bench can show where a bulk run's time goes. Files are found and read as the floor does. The bench
// bundles this file as the CLI is bundled, so loading the code costs the same.
//   analyse  read, parse and analyse each file (no passes)
//   harden   and run the passes, with the check that the result still parses
//   render   and render the diff and the summary
import fs from 'node:fs';
import path from 'node:path';
import { hardenText } from '../src/engine.ts';
import { HardenError } from '../src/errors.ts';
import { renderDiff, renderSummary } from '../src/output.ts';
import { defaultOptions } from '../src/types.ts';

const [dir, stage] = process.argv.slice(2);
if (!['analyse', 'harden', 'render'].includes(stage)) throw new Error(`unknown stage '${stage}'`);
const NAME = /^(docker|container)file(\..+)?$|.\.(docker|container)file$/i;
let size = 0;
for (const rel of fs.readdirSync(dir, { recursive: true })) {
  if (!NAME.test(path.basename(rel))) continue;
  const text = fs.readFileSync(path.join(dir, rel), 'utf8');
  try {
    const result = hardenText({ file: rel, text, options: defaultOptions, passes: stage === 'analyse' ? [] : undefined });
    size += result.outputs.length;
    if (stage === 'render') size += renderDiff(result, dir).length + renderSummary(result, dir).length;
  } catch (err) {
    // A file the tool refuses costs what it cost up to the refusal, as in a real run.
    if (!(err instanceof HardenError)) throw err;
  }
}
// Printed so the work cannot be optimised away.
process.stdout.write(`${size}\n`);
