// --format github: GitHub Actions workflow commands, one per finding, shown as annotations on the pull request.
import { findingKinds, findings, type Finding, type RunReport } from '../report.js';

const COMMAND: Record<Finding['level'], string> = { error: 'error', warning: 'warning', note: 'notice' };

/** Escape a message the way the Actions runner unescapes it (actions/toolkit command.ts). */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Property values also lose ':' and ',' which separate properties. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function annotation(f: Finding): string {
  const props = `file=${escapeProperty(f.file)},line=${f.line},title=${escapeProperty(`harden-dockerfile: ${findingKinds[f.kind].title}`)}`;
  return `::${COMMAND[f.level]} ${props}::${escapeData(f.message)}`;
}

export function renderGithub(report: RunReport): string {
  const lines = report.records.flatMap((r) => findings(r, report.cwd)).map(annotation);
  return lines.length > 0 ? lines.join('\n') + '\n' : '';
}
