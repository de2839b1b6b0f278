// The machine-readable formats over every golden fixture: JSON fields, SARIF against the 2.1.0 schema, GitHub commands.
import { createRequire } from 'node:module';
import { describe, expect, it } from '@jest/globals';
import { annotation, escapeData, escapeProperty, renderGithub } from '../src/formats/github.js';
import { JSON_OUTPUT_VERSION, renderJson } from '../src/formats/json.js';
import { buildSarif } from '../src/formats/sarif.js';
import { findings, replacements, type RunRecord, type RunReport } from '../src/report.js';
import { goldenCases, hardenWithContext, readBytes } from './helpers.js';

const require = createRequire(import.meta.url);
const cases = goldenCases();
const cwd = '/repo';

function recordFor(c: (typeof cases)[number]): RunRecord {
  return { file: 'Dockerfile', result: hardenWithContext('Dockerfile', readBytes(c.input), c.options, c.context) };
}

function report(records: RunRecord[]): RunReport {
  return { records, cwd, check: true, write: false };
}

/** The SARIF 2.1.0 schema (draft-04) as @microsoft/jest-sarif ships it. */
function sarifValidator() {
  const Ajv = require('ajv-draft-04') as new (o: object) => { compile: (s: object) => ((d: unknown) => boolean) & { errors?: unknown } };
  // The schema's language-tag pattern is not a valid unicode-mode regexp; formats are not what is checked here.
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false, validateFormats: false });
  return ajv.compile(require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json') as object);
}

function applyReplacements(text: string, reps: { offset: number; length: number; inserted: string }[]): string {
  return [...reps].sort((a, b) => b.offset - a.offset).reduce((t, r) => t.slice(0, r.offset) + r.inserted + t.slice(r.offset + r.length), text);
}

describe('json', () => {
  describe.each(cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    it('has every field, consistent with the engine', () => {
      const record = recordFor(c);
      const doc = JSON.parse(renderJson(report([record])));
      expect(doc.version).toBe(JSON_OUTPUT_VERSION);
      expect(doc.mode).toBe('check');
      const [f] = doc.files;
      const result = record.result!;
      const expected = readBytes(c.output);
      const changed = expected !== readBytes(c.input);
      expect(Object.keys(f).sort()).toEqual(['base', 'blocker', 'changed', 'changes', 'editedFiles', 'error', 'hostSteps', 'notes', 'patch', 'path', 'risks', 'skipped', 'status', 'user', 'writePaths'].sort());
      expect(f.risks).toEqual(result.notes.filter((n) => n.risk).map((n) => ({ message: n.message, line: n.line ?? null })));
      expect(f.path).toBe('Dockerfile');
      expect(f.changed).toBe(changed);
      expect(f.status).toBe(result.skipped ? 'skipped' : result.blocker ? 'blocked' : changed ? 'changed' : 'unchanged');
      expect(f.base?.family ?? null).toBe(result.plan.base?.family ?? null);
      expect(f.user).toEqual(result.plan.user ? { name: result.plan.user.name, group: result.plan.user.group, uid: result.plan.user.uid, gid: result.plan.user.gid, userValue: result.plan.user.userValue, source: result.plan.user.source } : null);
      expect(f.changes).toEqual(result.changes.map((ch) => ({ file: ch.file, line: ch.line, pass: ch.pass, reason: ch.reason })));
      for (const ch of f.changes) expect(ch.reason).not.toMatch(/\n/);
      expect(f.patch === '').toBe(!changed);
      if (changed) expect(f.patch).toMatch(/^--- a\/Dockerfile\n\+\+\+ b\/Dockerfile\n@@ /);
      expect(f.skipped).toBe(result.skipped ?? null);
      expect(f.error).toBeNull();
    });
  });

  it('lists what may still fail at run time as risks, in the summary count too', () => {
    const c = cases.find((x) => x.id === 'app-writes/unknown-write-risk')!;
    const doc = JSON.parse(renderJson(report([recordFor(c)])));
    expect(doc.files[0].risks).toEqual([{ message: expect.stringMatching(/^export\.py writes to paths computed at run time \(line 5\)/), line: null }]);
    expect(doc.summary.risks).toBe(1);
  });

  it('reports a served model exactly', () => {
    const c = cases.find((x) => x.id === 'situations/serving-read-only-model')!;
    const f = JSON.parse(renderJson(report([recordFor(c)]))).files[0];
    expect(f.base).toMatchObject({ family: 'debian' });
    expect(f.user).toEqual({ name: 'nonroot', group: 'nonroot', uid: 1001, gid: 1001, userValue: '1001:1001', source: 'create' });
    expect(f.changes.map((ch: { pass: string }) => ch.pass)).toEqual(['create-user', 'switch-user']);
    expect(f.notes.some((n: { message: string }) => n.message.includes('docker exec -u root'))).toBe(true);
  });

  it('carries host-side steps, write paths and errors', () => {
    const c = cases.find((x) => x.id === 'situations/serving-read-only-model')!;
    const record = recordFor(c);
    record.result!.notes.push({ level: 'warn', message: 'bind mount ./models', line: 3, hostSteps: ['sudo chown -R 1001:1001 ./models'] });
    record.result!.plan.writePaths.push({ path: '/app/out', kind: 'dir', evidence: 'VOLUME /app/out', line: 4 });
    const doc = JSON.parse(renderJson(report([record, { file: 'missing/Dockerfile', error: 'no such file or folder' }])));
    expect(doc.files[0].hostSteps).toEqual(['sudo chown -R 1001:1001 ./models']);
    expect(doc.files[0].writePaths).toEqual([{ path: '/app/out', kind: 'dir', evidence: 'VOLUME /app/out', line: 4, reportOnly: false }]);
    expect(doc.files[1]).toMatchObject({ path: 'missing/Dockerfile', status: 'error', error: 'no such file or folder', changed: false, base: null, user: null });
    expect(doc.summary).toEqual({ files: 2, changed: 1, unchanged: 0, skipped: 0, blocked: 0, errors: 1, risks: 0 });
  });
});

describe('sarif', () => {
  const validate = sarifValidator();

  it('the validator rejects a broken log (so a pass means something)', () => {
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'a' }, bogus: 1 }] }] })).toBe(false);
  });

  it('validates against the 2.1.0 schema for all golden fixtures at once', () => {
    const records = cases.map((c) => ({ ...recordFor(c), file: `${c.id}/Dockerfile` }));
    records.push({ file: 'broken/Dockerfile', error: 'not valid UTF-8: refusing to rewrite it' });
    const log = buildSarif(report(records));
    const ok = validate(log);
    expect(validate.errors ?? null).toBeNull();
    expect(ok).toBe(true);
    const ids = log.runs[0].tool.driver.rules!.map((r) => r.id);
    expect(ids).toEqual(expect.arrayContaining(['runs-as-root', 'path-not-writable', 'run-time-risk', 'skipped', 'error']));
    expect(log.runs[0].results!.some((r) => r.ruleId === 'run-time-risk' && /computed at run time/.test(r.message.text ?? ''))).toBe(true);
    for (const r of log.runs[0].results!) expect(ids[r.ruleIndex!]).toBe(r.ruleId);
  });

  describe.each(cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    it('its fix turns the input into the golden output', () => {
      const input = readBytes(c.input);
      const expected = readBytes(c.output);
      const results = buildSarif(report([recordFor(c)])).runs[0].results!;
      const withFix = results.filter((r) => r.fixes);
      if (expected === input) {
        expect(withFix).toEqual([]);
        return;
      }
      expect(withFix).toHaveLength(1);
      const change = withFix[0].fixes![0].artifactChanges.find((a) => a.artifactLocation.uri === 'Dockerfile')!;
      const reps = change.replacements.map((r) => ({ offset: r.deletedRegion.charOffset!, length: r.deletedRegion.charLength!, inserted: r.insertedContent?.text ?? '' }));
      expect(applyReplacements(input, reps)).toBe(expected);
      expect(withFix[0].locations![0].physicalLocation!.region!.startLine).toBeGreaterThan(0);
    });
  });

  it('replacements keep CRLF and a missing final newline', () => {
    for (const [a, b] of [['FROM x\r\nCMD y\r\n', 'FROM x\r\nUSER 1\r\nCMD y\r\n'], ['FROM x\nCMD y', 'FROM x\nCMD y\nUSER 1'], ['USER root\n', 'USER 1001:1001\n']]) {
      expect(applyReplacements(a, replacements(a, b))).toBe(b);
    }
  });
});

describe('github', () => {
  const COMMAND = /^::(warning|error|notice) ((?:[a-z]+=[^,:]*,?)+)::(.*)$/;
  const unescape = (s: string) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');

  it('escapes data and properties as the runner expects', () => {
    expect(escapeData('100% done\r\nnext')).toBe('100%25 done%0D%0Anext');
    expect(escapeProperty('a:b,c%')).toBe('a%3Ab%2Cc%25');
    const line = annotation({ kind: 'runs-as-root', level: 'warning', file: 'dir,with:odd/Dockerfile', line: 7, message: 'x: 50%\nthen y' });
    const m = COMMAND.exec(line)!;
    const props = Object.fromEntries(m[2].split(',').map((p) => p.split('=') as [string, string]));
    expect(unescape(props.file)).toBe('dir,with:odd/Dockerfile');
    expect(props.line).toBe('7');
    expect(unescape(m[3])).toBe('x: 50%\nthen y');
  });

  it('prints one parseable warning per finding, on the finding\'s line', () => {
    const records = cases.map((c) => ({ ...recordFor(c), file: `${c.id}/Dockerfile` }));
    const lines = renderGithub(report(records)).trimEnd().split('\n');
    const expected = records.flatMap((r) => findings(r, cwd));
    expect(lines).toHaveLength(expected.length);
    lines.forEach((line, i) => {
      const m = COMMAND.exec(line);
      expect(m).not.toBeNull();
      const props = Object.fromEntries(m![2].split(',').map((p) => p.split('=') as [string, string]));
      expect(unescape(props.file)).toBe(expected[i].file);
      expect(Number(props.line)).toBe(expected[i].line);
      expect(unescape(props.title)).toMatch(/^harden-dockerfile: /);
    });
  });
});
