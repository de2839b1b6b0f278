// --format json: one document for the whole run, shape documented in docs/json-output.md (bump version on breaking changes).
import { diffPath, renderDiff } from '../output.js';
import type { RunRecord, RunReport } from '../report.js';
import { toolInfo } from '../report.js';

export const JSON_OUTPUT_VERSION = 1;

function fileEntry(record: RunRecord, cwd: string) {
  const result = record.result;
  const status = record.error !== undefined ? 'error' : result?.skipped ? 'skipped' : result?.blocker ? 'blocked' : result && result.outputs.length > 0 ? 'changed' : 'unchanged';
  const base = result?.plan.base;
  const user = result?.plan.user;
  return {
    path: diffPath(record.file, cwd),
    status,
    changed: (result?.outputs.length ?? 0) > 0,
    base: base ? { image: base.image, family: base.family, hasShell: base.hasShell, evidence: base.evidence } : null,
    user: user ? { name: user.name, group: user.group, uid: user.uid, gid: user.gid, userValue: user.userValue, source: user.source } : null,
    changes: (result?.changes ?? []).map((c) => ({ file: diffPath(c.file, cwd), line: c.line, pass: c.pass, reason: c.reason })),
    writePaths: (result?.plan.writePaths ?? []).map((w) => ({ path: w.path, kind: w.kind, evidence: w.evidence, line: w.line ?? null, reportOnly: w.reportOnly ?? false })),
    hostSteps: (result?.notes ?? []).flatMap((n) => n.hostSteps ?? []),
    notes: (result?.notes ?? []).map((n) => ({ level: n.level, message: n.message, line: n.line ?? null, hostSteps: n.hostSteps ?? [], risk: n.risk ?? false })),
    risks: (result?.notes ?? []).filter((n) => n.risk).map((n) => ({ message: n.message, line: n.line ?? null })),
    editedFiles: (result?.outputs ?? []).map((o) => diffPath(o.path, cwd)),
    patch: result ? renderDiff(result, cwd) : '',
    skipped: result?.skipped ?? null,
    blocker: result?.blocker ?? null,
    error: record.error ?? null,
  };
}

export type JsonFileEntry = ReturnType<typeof fileEntry>;

export function renderJson(report: RunReport): string {
  const files = report.records.map((r) => fileEntry(r, report.cwd));
  const count = (status: string) => files.filter((f) => f.status === status).length;
  const doc = {
    version: JSON_OUTPUT_VERSION,
    tool: toolInfo(),
    mode: report.write ? 'write' : report.check ? 'check' : 'dry-run',
    summary: { files: files.length, changed: count('changed'), unchanged: count('unchanged'), skipped: count('skipped'), blocked: count('blocked'), errors: count('error'), risks: files.reduce((n, f) => n + f.risks.length, 0) },
    files,
  };
  return JSON.stringify(doc, null, 2) + '\n';
}
