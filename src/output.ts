// Render results: a git-style unified diff for stdout, a short human summary for stderr.
import path from 'node:path';
import { FILE_HEADERS_ONLY, formatPatch, structuredPatch } from 'diff';
import type { FileResult } from './types.js';

/** Path for diff headers: relative to the current folder so `git apply` takes it. */
export function diffPath(file: string, cwd = process.cwd()): string {
  const rel = path.relative(cwd, path.resolve(cwd, file));
  return (rel.startsWith('..') || path.isAbsolute(rel) ? file : rel).split(path.sep).join('/');
}

/** One patch per changed file, or nothing when nothing changes (a header-only patch is not valid). */
export function renderDiff(result: FileResult, cwd = process.cwd()): string {
  return result.outputs
    .filter((o) => o.before !== o.after)
    .map((o) => {
      const rel = diffPath(o.path, cwd);
      return unifiedDiff(`a/${rel}`, `b/${rel}`, o.before, o.after);
    })
    .join('');
}

const CONTEXT = 3;

/**
 * A unified diff with 3 lines of context. Edits are splices, so everything outside the stretch from the
 * first changed line to the last is the same in both texts: only that stretch and its context go to the
 * diff library, and the hunks are moved back to their real line numbers.
 */
export function unifiedDiff(oldName: string, newName: string, before: string, after: string): string {
  const shorter = Math.min(before.length, after.length);
  let same = 0;
  while (same < shorter && before.charCodeAt(same) === after.charCodeAt(same)) same++;
  // The start of the line holding the first difference, then up to 3 lines above it.
  let from = lineStart(before, same);
  for (let k = 0; k < CONTEXT && from > 0; k++) from = lineStart(before, from - 1);
  // The common end, kept clear of the start so the two never overlap.
  let sameEnd = 0;
  const room = shorter - from;
  while (sameEnd < room && before.charCodeAt(before.length - 1 - sameEnd) === after.charCodeAt(after.length - 1 - sameEnd)) sameEnd++;
  // The tail starts after a line break that lies inside the common end, then moves down up to 3 lines.
  const breakInEnd = before.indexOf('\n', before.length - sameEnd);
  let to = breakInEnd < 0 ? before.length : breakInEnd + 1;
  for (let k = 0; k < CONTEXT && to < before.length; k++) {
    const nl = before.indexOf('\n', to);
    to = nl < 0 ? before.length : nl + 1;
  }
  const tail = before.length - to;
  let line = 0;
  for (let i = before.indexOf('\n'); i >= 0 && i < from; i = before.indexOf('\n', i + 1)) line++;
  const patch = structuredPatch(oldName, newName, before.slice(from, to), after.slice(from, after.length - tail), undefined, undefined, { context: CONTEXT });
  for (const hunk of patch.hunks) {
    hunk.oldStart += line;
    hunk.newStart += line;
  }
  return formatPatch(patch, FILE_HEADERS_ONLY);
}

/** The start of the line holding offset `at` (lastIndexOf would read a negative start as 0). */
function lineStart(text: string, at: number): number {
  return at <= 0 ? 0 : text.lastIndexOf('\n', at - 1) + 1;
}

export function renderSummary(result: FileResult, cwd = process.cwd()): string {
  const name = diffPath(result.file, cwd);
  const lines: string[] = [];
  if (result.skipped) lines.push(`${name}: skipped: ${result.skipped}`);
  else if (result.blocker) lines.push(`${name}: cannot be hardened as it is: ${result.blocker}`);
  else if (result.outputs.length === 0) lines.push(`${name}: no change needed`);
  else lines.push(`${name}: ${result.changes.length} change${result.changes.length === 1 ? '' : 's'}`);
  for (const change of result.changes) {
    const where = change.file === result.file ? `line ${change.line}` : `${diffPath(change.file, cwd)}:${change.line}`;
    lines.push(`  ${where}: ${change.reason}`);
  }
  for (const note of result.notes) {
    lines.push(`  ${note.level === 'warn' ? 'warning' : 'note'}: ${note.line ? `line ${note.line}: ` : ''}${note.message}`);
  }
  return lines.join('\n') + '\n';
}
