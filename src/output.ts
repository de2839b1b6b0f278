// Render results: a git-style unified diff for stdout, a short human summary for stderr.
import path from 'node:path';
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import type { FileResult } from './types.js';

/** Path for diff headers: relative to the current folder so `git apply` takes it. */
export function diffPath(file: string, cwd = process.cwd()): string {
  const rel = path.relative(cwd, path.resolve(cwd, file));
  return (rel.startsWith('..') || path.isAbsolute(rel) ? file : rel).split(path.sep).join('/');
}

/**
 * Path for `a/` `b/` diff headers. git apply refuses absolute paths and `..`, so a file outside the current
 * folder is named from the filesystem root (`a/work/x/Dockerfile`): `git -C / apply` takes it.
 */
export function diffHeaderPath(file: string, cwd = process.cwd()): string {
  const abs = path.resolve(cwd, file);
  const rel = path.relative(cwd, abs);
  if (rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel)) return rel.split(path.sep).join('/');
  return path.relative(path.parse(abs).root, abs).split(path.sep).join('/');
}

/** One patch per changed file, or nothing when nothing changes (a header-only patch is not valid). */
export function renderDiff(result: FileResult, cwd = process.cwd()): string {
  return result.outputs
    .filter((o) => o.before !== o.after)
    .map((o) => {
      const rel = diffHeaderPath(o.path, cwd);
      return createTwoFilesPatch(`a/${rel}`, `b/${rel}`, o.before, o.after, undefined, undefined, { context: 3, headerOptions: FILE_HEADERS_ONLY });
    })
    .join('');
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
    lines.push(`  ${note.risk ? 'risk' : note.level === 'warn' ? 'warning' : 'note'}: ${note.line ? `line ${note.line}: ` : ''}${note.message}`);
  }
  return lines.join('\n') + '\n';
}
