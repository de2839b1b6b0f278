// Pass: switch to the unprivileged user after the last root step, before CMD/ENTRYPOINT.
import { indentNear, insertLines, keyword } from '../src/edits.js';
import { trailingRootUser, userSwitchOffset } from '../src/placement.js';
import type { Analysis, Note, Pass, PassResult, ReasonedEdit, RuntimeUser } from '../src/types.js';
import { userStates } from '../src/users.js';
import { cleanPath, isWithin } from './writable/shared.js';

export const name = 'switch-user';
export const description = 'Add a numeric USER after the last instruction that needs root, replacing a trailing USER root';

const reasons = {
  insert: (u: RuntimeUser) => `run the container as ${u.name} (${u.userValue}) instead of root; numeric so Kubernetes runAsNonRoot can verify it`,
  replace: (line: number, u: RuntimeUser) => `line ${line} leaves the image running as root; switch to ${u.name} (${u.userValue}) instead`,
  already: (value: string, line?: number) => `already runs as non-root user '${value}'${line ? ` (line ${line})` : ' (the base image default)'}: nothing to change`,
  debug: 'to debug as root in a running container: docker exec -u root -it <container> sh',
  home: (line: number, home: string, own: string) => `line ${line} sets HOME=${home}, which the unprivileged user cannot write: point HOME at its own home ${own}, so libraries that write under ~ keep working`,
  homeUnknown: (line: number, home: string) => `line ${line} sets HOME=${home}, which the unprivileged user cannot write: libraries that write under ~ will fail; point HOME at a folder the user owns`,
  noHome: (u: RuntimeUser) => `'${u.name}' is created without a home folder: HOME will point at a missing or root-owned folder and libraries that write under ~ fail; add --create-home (useradd -m) there`,
};

/** A HOME set by ENV that the user cannot write (root's home, or /), with the line that sets it. */
function unwritableHome(analysis: Analysis): { home: string; line: number } | undefined {
  const home = analysis.env.get('HOME');
  if (home === undefined || !home.startsWith('/')) return undefined;
  const clean = cleanPath(home);
  if (clean !== '/' && !isWithin(clean, '/root')) return undefined;
  const setter = [...analysis.runtimeChain.flatMap((s) => s.instructions)].reverse().find((i) => i.keyword === 'ENV' && /(^|\s)HOME[=\s]/.test(i.args));
  return setter ? { home: clean, line: setter.startLine + 1 } : undefined;
}

/** A user the Dockerfile creates with no home: useradd -M / --no-create-home / -r without -m, busybox adduser -H, Debian adduser --no-create-home. */
function createdWithoutHome(u: RuntimeUser): boolean {
  const d = u.declared;
  if (!d || d.kind !== 'user') return false;
  const words = d.instr.args.split(/\s+/);
  const has = (...flags: string[]) => words.some((w) => flags.includes(w) || (/^-[A-Za-z]{2,}$/.test(w) && flags.some((f) => /^-[A-Za-z]$/.test(f) && w.includes(f[1]))));
  if (d.command === 'useradd') return has('-M', '--no-create-home') || (has('-r', '--system') && !has('-m', '--create-home'));
  if (d.command === 'adduser') return d.busyboxSyntax ? has('-H') : has('--no-create-home') || (has('--system') && !has('--home'));
  return false;
}

export const switchUser: Pass = {
  name,
  description,
  run({ analysis, plan }): PassResult {
    const user = plan.user;
    if (!plan.base) return {};
    if (!user) {
      const final = userStates(analysis, plan.base).final;
      if (final.isRoot) return {};
      return { notes: [{ level: 'info', message: reasons.already(final.value, final.instr && final.instr.startLine + 1) }] };
    }
    const needsRootAfter = plan.writePaths.some((p) => !p.reportOnly);
    const trailing = trailingRootUser(analysis);
    // Shell-less images have no sh to exec into, so the hint would mislead there.
    const debug = plan.base.hasShell ? [{ level: 'info' as const, message: reasons.debug }] : [];
    const notes: Note[] = [...debug];
    const bad = unwritableHome(analysis);
    const ownHome = user.source === 'create' ? `/home/${user.name}` : undefined;
    if (bad && !ownHome) notes.push({ level: 'warn', line: bad.line, message: reasons.homeUnknown(bad.line, bad.home) });
    if (user.declared && createdWithoutHome(user)) notes.push({ level: 'warn', line: user.declared.instr.startLine + 1, message: reasons.noHome(user) });
    const setHome = bad && ownHome ? { value: `HOME=${ownHome}`, reason: reasons.home(bad.line, bad.home, ownHome) } : undefined;
    if (trailing && !needsRootAfter) {
      let start = trailing.start + trailing.node.getInstruction().length;
      while (start < trailing.end && /[ \t]/.test(analysis.text[start])) start++;
      const edits: ReasonedEdit[] = [{ start, end: trailing.end, text: user.userValue, reason: reasons.replace(trailing.startLine + 1, user) }];
      if (setHome) edits.push({ ...insertLines(analysis, trailing.lineEnd, [`${trailing.indent}${keyword(analysis, 'ENV')} ${setHome.value}`]), reason: setHome.reason });
      return { edits, notes };
    }
    const { offset, next, previous } = userSwitchOffset(analysis);
    const indent = indentNear(next, previous);
    const lines = [`${indent}${keyword(analysis, 'USER')} ${user.userValue}`];
    if (setHome) lines.push(`${indent}${keyword(analysis, 'ENV')} ${setHome.value}`);
    const edits: ReasonedEdit[] = [{ ...insertLines(analysis, offset, lines), reason: setHome ? `${reasons.insert(user)}; ${setHome.reason}` : reasons.insert(user) }];
    return { edits, notes };
  },
};
