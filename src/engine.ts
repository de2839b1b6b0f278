// Analyse once, run the passes in order, apply their edits as splices, and report why.
import path from 'node:path';
import { analyse, parseDockerfile } from './analyse.js';
import { applyEdits } from './edits.js';
import { HardenError } from './errors.js';
import { passes as defaultPasses } from '../transforms/index.js';
import type { Change, FileOutput, FileResult, HardenOptions, Note, Pass, Plan, ReasonedEdit } from './types.js';

export interface HardenInput {
  /** The Dockerfile's path as the user named it (used in messages and diff headers). */
  file: string;
  text: string;
  options: HardenOptions;
  /** The build context folder, for files the Dockerfile copies in. */
  contextDir?: string;
  readContextFile?: (rel: string) => string | undefined;
  listContextFiles?: (relDir: string) => string[] | undefined;
  passes?: Pass[];
}

export function hardenText(input: HardenInput): FileResult {
  const { file, text, options } = input;
  const analysis = analyse({ file, text, options, readContextFile: input.readContextFile, listContextFiles: input.listContextFiles });
  const plan: Plan = { writePaths: [] };
  const notes: Note[] = [];
  const edits: { pass: string; edit: ReasonedEdit }[] = [];
  const result = (extra: Partial<FileResult>): FileResult => ({ file, outputs: [], changes: [], notes, plan, ...extra });

  for (const pass of input.passes ?? defaultPasses) {
    const out = pass.run({ analysis, plan });
    if (out.plan) Object.assign(plan, out.plan);
    notes.push(...(out.notes ?? []));
    if (out.skip) return result({ skipped: out.skip });
    if (out.blocker) return result({ blocker: out.blocker });
    for (const edit of out.edits ?? []) edits.push({ pass: pass.name, edit });
  }

  // An edit that only inserts at an ignored instruction's line boundary leaves its text intact; others inside it are dropped.
  const ignored = plan.ignored ?? [];
  const touchesIgnored = (e: ReasonedEdit) =>
    e.file === undefined && ignored.some((i) => (e.start < i.lineEnd && e.end > i.lineStart) || (e.start === e.end && e.start > i.lineStart && e.start < i.lineEnd));
  edits.splice(0, edits.length, ...edits.filter(({ edit }) => !touchesIgnored(edit)));

  const byFile = new Map<string | undefined, ReasonedEdit[]>();
  for (const { edit } of edits) byFile.set(edit.file, [...(byFile.get(edit.file) ?? []), edit]);
  const outputs: FileOutput[] = [];
  for (const [rel, fileEdits] of byFile) {
    const before = rel === undefined ? text : input.readContextFile?.(rel);
    if (before === undefined) throw new HardenError(`cannot read ${rel} from the build context`, file);
    const target = rel === undefined ? file : path.join(input.contextDir ?? path.dirname(file), rel);
    const after = applyEdits(before, fileEdits, target);
    if (after !== before) outputs.push({ path: target, before, after });
  }
  outputs.sort((a, b) => (a.path === file ? -1 : b.path === file ? 1 : a.path.localeCompare(b.path)));

  const changes: Change[] = edits.map(({ pass, edit }) => ({
    pass,
    file: edit.file === undefined ? file : path.join(input.contextDir ?? path.dirname(file), edit.file),
    line: (edit.file === undefined ? analysis.lineOf(edit.start) : lineOfText(input.readContextFile?.(edit.file) ?? '', edit.start)) + 1,
    reason: edit.reason,
  }));
  const dockerfileOut = outputs.find((o) => o.path === file);
  if (dockerfileOut) checkOutput(file, dockerfileOut.after, analysis.stages.length);
  return result({ outputs, changes });
}

function lineOfText(text: string, offset: number): number {
  let line = 0;
  for (let i = 0; i < offset && i < text.length; i++) if (text[i] === '\n') line++;
  return line;
}

/** The result must still parse as a Dockerfile with the same stages; otherwise nothing is written. */
function checkOutput(file: string, after: string, stages: number): void {
  let parsed: number;
  try {
    // Parsing is enough: analysis of the output would only repeat what the passes already decided.
    parsed = parseDockerfile(file, after).stages;
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new HardenError(`internal error: the rewritten file would not parse (${reason}); nothing written`, file);
  }
  if (parsed !== stages) throw new HardenError(`internal error: the rewritten file would have ${parsed} stages instead of ${stages}; nothing written`, file);
}
