// Analyse once, run the passes in order, apply their edits as splices, and report why.
import path from 'node:path';
import { DockerfileParser } from 'dockerfile-ast';
import { analyse, KEYWORDS, parseDockerfile } from './analyse.js';
import { applyEdits } from './edits.js';
import { HardenError } from './errors.js';
import { passes as defaultPasses } from '../transforms/index.js';
import type { Analysis, Change, Edit, FileOutput, Instr, FileResult, HardenOptions, Note, Pass, Plan, ReasonedEdit } from './types.js';

export interface HardenInput {
  /** The Dockerfile's path as the user named it (used in messages and diff headers). */
  file: string;
  text: string;
  options: HardenOptions;
  /** The build context folder, for files the Dockerfile copies in. */
  contextDir?: string;
  readContextFile?: (rel: string) => string | undefined;
  listContextFiles?: (relDir: string) => string[] | undefined;
  hasContextFile?: (rel: string) => boolean;
  passes?: Pass[];
}

export function hardenText(input: HardenInput): FileResult {
  const { file, text, options } = input;
  const analysis = analyse({ file, text, options, readContextFile: input.readContextFile, listContextFiles: input.listContextFiles, hasContextFile: input.hasContextFile });
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
  for (const { edit } of edits) {
    const list = byFile.get(edit.file);
    if (list) list.push(edit);
    else byFile.set(edit.file, [edit]);
  }
  const targetOf = (rel: string | undefined) => (rel === undefined ? file : path.join(input.contextDir ?? path.dirname(file), rel));
  // Each edited file is read once: its text serves the splice and the line numbers of the summary.
  const texts = new Map<string | undefined, string>([[undefined, text]]);
  const outputs: FileOutput[] = [];
  for (const [rel, fileEdits] of byFile) {
    const before = rel === undefined ? text : input.readContextFile?.(rel);
    if (before === undefined) throw new HardenError(`cannot read ${rel} from the build context`, file);
    texts.set(rel, before);
    const target = targetOf(rel);
    const after = applyEdits(before, fileEdits, target);
    if (after !== before) outputs.push({ path: target, before, after });
  }
  outputs.sort((a, b) => (a.path === file ? -1 : b.path === file ? 1 : a.path.localeCompare(b.path)));

  const changes: Change[] = edits.map(({ pass, edit }) => ({
    pass,
    file: targetOf(edit.file),
    line: (edit.file === undefined ? analysis.lineOf(edit.start) : lineOfText(texts.get(edit.file) ?? '', edit.start)) + 1,
    reason: edit.reason,
  }));
  const dockerfileOut = outputs.find((o) => o.path === file);
  if (dockerfileOut) checkOutput(analysis, dockerfileOut.after, byFile.get(undefined) ?? []);
  return result({ outputs, changes });
}

function lineOfText(text: string, offset: number): number {
  let line = 0;
  for (let i = 0; i < offset && i < text.length; i++) if (text[i] === '\n') line++;
  return line;
}

/**
 * The result must still parse as a Dockerfile with the same stages; otherwise nothing is written.
 * Only the instructions around each edit are parsed again: a window that starts at an instruction's first
 * line and ends with an unchanged instruction that still parses the same leaves the rest of the file as it was.
 */
function checkOutput(analysis: Analysis, after: string, edits: readonly Edit[]): void {
  const { file, text, instructions } = analysis;
  const fail = (reason: string) => new HardenError(`internal error: the rewritten file would not parse (${reason}); nothing written`, file);
  const firstFrom = instructions.find((i) => i.keyword === 'FROM');
  // Where a heredoc may be open, an inserted line can be swallowed by it and still parse: count instructions.
  if (text.includes('<<')) return checkInstructionCount(analysis, after, edits, fail);
  const windows = editWindows(instructions, text.length, edits.filter((e) => !isPlainInsertion(analysis, firstFrom, e)));
  if (!windows || !firstFrom || (windows.length > 0 && windows[0].start < firstFrom.lineStart)) {
    return checkWhole(file, after, analysis.stages.length, fail);
  }
  const directive = analysis.escape === '\\' ? '' : `# escape=${analysis.escape}\n`;
  for (const w of windows) {
    // Edits never straddle a window edge, so those that start before an offset are all that move it.
    const shift = (offset: number) => offset + edits.reduce((d, e) => d + (e.start < offset ? e.text.length - (e.end - e.start) : 0), 0);
    const slice = after.slice(shift(w.start), shift(w.end));
    let parsed: ReturnType<typeof parseDockerfile>;
    try {
      parsed = parseDockerfile(file, directive + slice, true);
    } catch (err) {
      throw fail(err instanceof Error ? err.message : String(err));
    }
    const fromsBefore = w.instructions.filter((i) => i.keyword === 'FROM').length;
    if (parsed.stages !== fromsBefore) throw fail(`${parsed.stages} FROM instead of ${fromsBefore} near line ${w.instructions[0].startLine + 1}`);
    if (!w.last) continue;
    const lastNode = parsed.nodes[parsed.nodes.length - 1]?.node;
    if (lastNode?.getTextContent() !== text.slice(w.last.start, w.last.end)) throw fail(`line ${w.last.startLine + 1} no longer reads as before`);
  }
}

/**
 * Whole one-line instructions (not FROM) or comments inserted where an instruction ends or starts, after
 * the first FROM: they parse on their own and leave the parser as it was, so nothing needs parsing again.
 */
function isPlainInsertion(analysis: Analysis, firstFrom: Instr | undefined, edit: Edit): boolean {
  const { text, escape, instructions } = analysis;
  if (edit.start !== edit.end || !firstFrom || edit.start < firstFrom.lineEnd) return false;
  const atBoundary = edit.start === text.length || instructions.some((i) => i.lineEnd === edit.start || i.lineStart === edit.start || i.commentStart === edit.start);
  if (!atBoundary) return false;
  let body = edit.text;
  if (edit.start === text.length && !text.endsWith('\n')) {
    if (!body.startsWith('\n') && !body.startsWith('\r\n')) return false;
    body = body.replace(/^\r?\n/, '') + '\n';
  }
  if (!body.endsWith('\n')) return false;
  return body
    .slice(0, -1)
    .split('\n')
    .every((raw) => {
      const line = raw.replace(/\r$/, '');
      if (line.trim() === '' || /^\s*#/.test(line)) return true;
      const word = /^\s*([A-Za-z]+)\s+\S/.exec(line)?.[1].toUpperCase();
      return word !== undefined && word !== 'FROM' && KEYWORDS.has(word) && !line.trimEnd().endsWith(escape) && !line.includes('<<');
    });
}

interface CheckWindow {
  start: number;
  end: number;
  instructions: Instr[];
  /** The unchanged instruction that closes the window; undefined when the window runs to the end of the file. */
  last?: Instr;
}

/** Windows (original offsets) from the instruction line at or before each edit to the first whole instruction after it. */
function editWindows(instructions: Instr[], textLength: number, edits: readonly Edit[]): CheckWindow[] | undefined {
  const windows: CheckWindow[] = [];
  for (const edit of [...edits].sort((a, b) => a.start - b.start)) {
    let first = -1;
    for (let lo = 0, hi = instructions.length - 1; lo <= hi; ) {
      const mid = (lo + hi) >> 1;
      if (instructions[mid].lineStart <= edit.start) (first = mid), (lo = mid + 1);
      else hi = mid - 1;
    }
    if (first < 0) return undefined;
    let last = first;
    while (last < instructions.length && instructions[last].lineStart < edit.end) last++;
    const closing = instructions[last];
    const window: CheckWindow = {
      start: instructions[first].lineStart,
      end: closing ? closing.lineEnd : textLength,
      instructions: instructions.slice(first, closing ? last + 1 : instructions.length),
      last: closing,
    };
    const previous = windows[windows.length - 1];
    if (previous && window.start < previous.end) {
      previous.end = Math.max(previous.end, window.end);
      previous.instructions = instructions.slice(instructions.indexOf(previous.instructions[0]), window.last ? instructions.indexOf(window.last) + 1 : instructions.length);
      previous.last = window.last;
    } else {
      windows.push(window);
    }
  }
  return windows;
}

/** The output must hold every original instruction plus each one inserted between instructions, as its own. */
function checkInstructionCount(analysis: Analysis, after: string, edits: readonly Edit[], fail: (reason: string) => Error): void {
  const { file, text, instructions } = analysis;
  const boundaries = new Set(instructions.flatMap((i) => [i.lineStart, i.lineEnd, i.commentStart]));
  let inserted = 0;
  for (const e of edits) {
    if (e.start !== e.end || !(boundaries.has(e.start) || e.start === text.length) || e.text.trim() === '') continue;
    inserted += DockerfileParser.parse(e.text).getInstructions().length;
  }
  let parsed: ReturnType<typeof parseDockerfile>;
  try {
    parsed = parseDockerfile(file, after);
  } catch (err) {
    throw fail(err instanceof Error ? err.message : String(err));
  }
  if (parsed.stages !== analysis.stages.length) throw fail(`${parsed.stages} stages instead of ${analysis.stages.length}`);
  const expected = instructions.length + inserted;
  if (parsed.nodes.length !== expected) throw fail(`${parsed.nodes.length} instructions instead of ${expected}: an inserted line was read as part of another instruction`);
}

function checkWhole(file: string, after: string, stages: number, fail: (reason: string) => Error): void {
  let parsed: number;
  try {
    parsed = parseDockerfile(file, after).stages;
  } catch (err) {
    throw fail(err instanceof Error ? err.message : String(err));
  }
  if (parsed !== stages) throw fail(`${parsed} stages instead of ${stages}`);
}
