// Build and apply splices on the original text. Nothing outside an edit's range changes.
import { HardenError } from './errors.js';
import type { Analysis, Edit, Instr, Stage } from './types.js';

/** Apply edits bottom-up; edits at the same offset keep the order they were given in. */
export function applyEdits(text: string, edits: readonly Edit[], file: string): string {
  const ordered = edits.map((edit, seq) => ({ edit, seq })).sort((a, b) => b.edit.start - a.edit.start || b.seq - a.seq);
  let out = text;
  let limit = text.length;
  for (const { edit } of ordered) {
    if (edit.start < 0 || edit.end < edit.start || edit.end > limit) {
      throw new HardenError(`internal error: overlapping edits at offset ${edit.start}`, file);
    }
    out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
    limit = edit.start;
  }
  return out;
}

/** The instruction keyword in the file's own case. */
export function keyword(analysis: Analysis, word: string): string {
  return analysis.lowercaseKeywords ? word.toLowerCase() : word;
}

/** An edit that inserts whole lines at a line boundary, in the file's line ending style. */
export function insertLines(analysis: Analysis, offset: number, lines: string[]): Edit {
  const { text, eol } = analysis;
  const atEndWithoutNewline = offset === text.length && text.length > 0 && !text.endsWith('\n');
  const body = atEndWithoutNewline ? eol + lines.join(eol) : lines.map((l) => l + eol).join('');
  return { start: offset, end: offset, text: body };
}

/** Indentation for a line inserted next to these instructions: the next one's, else the previous one's. */
export function indentNear(next: Instr | undefined, previous: Instr | undefined): string {
  return next?.indent ?? previous?.indent ?? '';
}

/** Where "early in the stage" is: just after its FROM and the ARGs that directly follow it. */
export function afterFromAndArgs(stage: Stage): { offset: number; next?: Instr; previous: Instr } {
  let previous = stage.from;
  let i = 0;
  while (i < stage.instructions.length && stage.instructions[i].keyword === 'ARG') previous = stage.instructions[i++];
  return { offset: previous.lineEnd, next: stage.instructions[i], previous };
}

/** A comment line in the file's indentation, unless comments are turned off. */
export function commentLines(analysis: Analysis, indent: string, comment: string): string[] {
  return analysis.options.comments ? [`${indent}# ${comment}`] : [];
}
