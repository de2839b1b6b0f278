// --format sarif: a SARIF 2.1.0 log, one rule per finding kind, the rewrite carried as each file's `fix`.
import type { Log, ReportingDescriptor, Result } from 'sarif';
import { findingKinds, findings, toolInfo, type Finding, type FindingKind, type RunReport } from '../report.js';

const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const INFORMATION_URI = 'https://www.npmjs.com/package/harden-dockerfile';

function rule(kind: FindingKind): ReportingDescriptor {
  const { title, help } = findingKinds[kind];
  return { id: kind, name: title.replace(/(^|\W+)(\w)/g, (_m, _sep, c: string) => c.toUpperCase()), shortDescription: { text: title }, fullDescription: { text: help }, help: { text: help } };
}

function result(f: Finding, ruleIndex: number): Result {
  const out: Result = {
    ruleId: f.kind,
    ruleIndex,
    level: f.level,
    message: { text: f.message },
    locations: [{ physicalLocation: { artifactLocation: { uri: encodeURI(f.file), uriBaseId: '%SRCROOT%' }, region: { startLine: f.line } } }],
  };
  if (f.fix) {
    out.fixes = [
      {
        description: { text: 'Apply the harden-dockerfile rewrite' },
        artifactChanges: f.fix.map((change) => ({
          artifactLocation: { uri: encodeURI(change.file), uriBaseId: '%SRCROOT%' },
          replacements: change.replacements.map((r) => ({ deletedRegion: { charOffset: r.offset, charLength: r.length }, insertedContent: { text: r.inserted } })),
        })),
      },
    ];
  }
  return out;
}

export function buildSarif(report: RunReport): Log {
  const all = report.records.flatMap((r) => findings(r, report.cwd));
  const kinds = Object.keys(findingKinds) as FindingKind[];
  const { name, version } = toolInfo();
  return {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name, version, informationUri: INFORMATION_URI, rules: kinds.map(rule) } },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToDirUri(report.cwd) } },
        results: all.map((f) => result(f, kinds.indexOf(f.kind))),
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
}

function pathToDirUri(dir: string): string {
  return encodeURI(`file://${dir.endsWith('/') ? dir : dir + '/'}`);
}

export function renderSarif(report: RunReport): string {
  return JSON.stringify(buildSarif(report), null, 2) + '\n';
}
