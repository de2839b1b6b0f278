// Pass: honour comments that say "this root is intended" — our own ignore and the linters' ones.
import type { Analysis, Instr, Pass, PassResult } from '../src/types.js';

export const name = 'opt-out';
export const description = 'Leave a file (or one instruction) alone when a comment opts out: # harden-dockerfile ignore, or a linter ignore for the root-user rule';

/** Linter comments that waive the "runs as root" rule; one row per tool, with the rule it names. */
const LINTER_OPT_OUTS: { tool: string; pattern: RegExp; source: string }[] = [
  { tool: 'hadolint', pattern: /^#\s*hadolint\s+(global\s+)?ignore=[A-Z0-9, ]*\bDL3002\b/i, source: 'hadolint DL3002: last USER should not be root' },
  { tool: 'trivy', pattern: /^#\s*trivy:ignore:(AVD-)?DS-?0*02\b/i, source: 'trivy DS002 / DS-0002: image user should not be root' },
  { tool: 'checkov', pattern: /^#\s*checkov:skip=CKV_DOCKER_(3|8)\b/i, source: 'checkov CKV_DOCKER_3 (a user is created) and CKV_DOCKER_8 (last USER is not root)' },
  { tool: 'semgrep', pattern: /^#\s*nosemgrep\s*:.*(missing-user|last-user-is-root)/i, source: 'semgrep dockerfile.security.missing-user / last-user-is-root' },
];

/** A bare `# nosemgrep` waives every rule of the next line: it counts only above the lines semgrep's user rules flag. */
const BARE_NOSEMGREP = /^#\s*nosemgrep\s*$/i;
const SEMGREP_USER_KEYWORDS = new Set(['USER', 'CMD', 'ENTRYPOINT']);
const OWN_IGNORE = /^#\s*harden-dockerfile\s+ignore\s*$/i;
/** Instructions whose opt-out means "the user it runs as is intended". */
const DECIDES_USER = new Set(['USER', 'FROM']);

const reasons = {
  file: (line: number) => `line ${line}: '# harden-dockerfile ignore' opts this file out; remove the comment to harden it`,
  linter: (comment: string, line: number, source: string) => `line ${line}: '${comment}' marks running as root as intended (${source}); remove it to harden this file`,
  userIntended: (line: number, keyword: string, target: number) => `line ${line}: '# harden-dockerfile ignore' keeps the ${keyword} on line ${target} as written, so the user it runs as is intended; remove the comment to harden this file`,
  instruction: (line: number, target: number) => `line ${line}: '# harden-dockerfile ignore' leaves line ${target} as written`,
};

interface Comment {
  text: string;
  /** 0-based line. */
  line: number;
  /** The instruction directly below it (no blank line between), if any. */
  attachedTo?: Instr;
}

export const optOut: Pass = {
  name,
  description,
  run({ analysis }): PassResult {
    const comments = commentLines(analysis);
    for (const c of comments) {
      for (const row of LINTER_OPT_OUTS) {
        if (row.pattern.test(c.text)) return { skip: reasons.linter(c.text, c.line + 1, row.source) };
      }
      if (BARE_NOSEMGREP.test(c.text) && c.attachedTo && SEMGREP_USER_KEYWORDS.has(c.attachedTo.keyword) && inRuntime(analysis, c.attachedTo)) {
        return { skip: reasons.linter(c.text, c.line + 1, 'semgrep missing-user / last-user-is-root flag this line') };
      }
    }
    const ignored: Instr[] = [];
    const notes = [];
    const first = analysis.instructions[0];
    for (const c of comments) {
      if (!OWN_IGNORE.test(c.text)) continue;
      const target = c.attachedTo;
      if (!target || target === first) return { skip: reasons.file(c.line + 1) };
      if (DECIDES_USER.has(target.keyword) && inRuntime(analysis, target)) {
        return { skip: reasons.userIntended(c.line + 1, target.keyword, target.startLine + 1) };
      }
      ignored.push(target);
      notes.push({ level: 'info' as const, message: reasons.instruction(c.line + 1, target.startLine + 1), line: c.line + 1 });
    }
    return ignored.length ? { plan: { ignored }, notes } : {};
  },
};

function inRuntime(analysis: Analysis, instr: Instr): boolean {
  return analysis.runtimeChain.some((s) => s.from === instr || s.instructions.includes(instr));
}

/** Every comment line outside heredoc bodies, with the instruction it sits directly above. */
function commentLines(analysis: Analysis): Comment[] {
  const lines = analysis.text.split('\n');
  const heredocBody = new Set<number>();
  for (const instr of analysis.instructions) {
    if (!/<<-?\s*["']?[A-Za-z_]/.test(instr.args)) continue;
    for (let l = instr.startLine + 1; l <= instr.endLine; l++) heredocBody.add(l);
  }
  const startsAt = new Map(analysis.instructions.map((i) => [i.startLine, i]));
  const found: Comment[] = [];
  lines.forEach((raw, line) => {
    const text = raw.replace(/\r$/, '').trim();
    if (!text.startsWith('#') || heredocBody.has(line)) return;
    let next = line + 1;
    while (next < lines.length && lines[next].trim().startsWith('#') && !startsAt.has(next)) next++;
    found.push({ text, line, attachedTo: startsAt.get(next) });
  });
  return found;
}
