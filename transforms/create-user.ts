// Pass: choose the unprivileged user, creating it (once, with fixed ids) only when none can be reused.
import { afterFromAndArgs, commentLines, indentNear, insertLines, keyword } from '../src/edits.js';
import { normaliseImage } from '../src/data/base-images.js';
import { SYSTEM_ACCOUNTS, type SystemAccount } from '../src/data/system-accounts.js';
import { splitCommands } from '../src/shell.js';
import type { Analysis, BaseInfo, DeclaredAccount, Instr, Pass, PassResult, ReasonedEdit, RuntimeUser } from '../src/types.js';
import { isRootUser, userStates } from '../src/users.js';

export const name = 'create-user';
export const description = 'Create a system user and group with fixed ids early in the final stage, or reuse one the Dockerfile or base image has';

const reasons = {
  create: (u: RuntimeUser, base: BaseInfo, why: string) => `the final stage runs as root (${why}); create ${u.name} (${u.uid}:${u.gid}) with ${base.family} commands and fixed ids, so bind mounts and runAsNonRoot can rely on them`,
  reuseDeclared: (a: DeclaredAccount) => `reuse user '${a.name}' that the Dockerfile already creates instead of adding a second one`,
  fixUid: (a: DeclaredAccount, uid: number) => `'${a.name}' is created without a uid; give it ${uid} so USER can be numeric (Kubernetes runAsNonRoot needs a number)`,
  ignoredNoUid: (a: DeclaredAccount) => `line ${a.instr.startLine + 1} creates '${a.name}' without a uid and '# harden-dockerfile ignore' keeps it as written; give it a uid there so USER can be numeric`,
  reuseBase: (base: BaseInfo) => `base image '${base.image}' ships user '${base.shippedUser?.name}' (${base.shippedUser?.uid}): reuse it (${base.evidence})`,
  scratch: (uid: number, gid: number) => `scratch has no /etc/passwd and no shell: run as numeric ${uid}:${gid}, nothing to create`,
  micro: (uid: number) => `ubi-micro has no useradd and no package manager: run as numeric ${uid} with group 0 (the OpenShift arbitrary-uid convention)`,
  installTools: (base: BaseInfo, tools: string) => `'${base.image}' has no useradd: chose to install it in the same RUN (${tools}) rather than run as a numeric user without an account`,
  comment: 'Run as an unprivileged user with fixed ids (for runAsNonRoot and bind-mount ownership)',
  reuseChowned: (a: SystemAccount) => `the Dockerfile gives the app's files to '${a.name}', which the base image has (${a.uid}:${a.gid}, ${a.source}): run as it, so the app can still write them`,
  rootAccount: (a: DeclaredAccount) => `line ${a.instr.startLine + 1} creates '${a.name}' with uid 0: that is root under another name; choose another --user`,
};

export const createUser: Pass = {
  name,
  description,
  run({ analysis, plan }): PassResult {
    const base = plan.base;
    if (!base) return {};
    if (!userStates(analysis, base).final.isRoot) return {};
    const { uid, gid, user, group } = analysis.options;

    const rootAlias = analysis.accounts.find((a) => a.kind === 'user' && a.id === 0 && a.name !== 'root');
    if (rootAlias && rootAlias.name === user) return { blocker: reasons.rootAccount(rootAlias) };

    const declared = [...analysis.accounts].reverse().find((a) => a.kind === 'user' && a.name !== undefined && a.name !== 'root' && a.id !== 0);
    if (declared) {
      if (declared.id === undefined && plan.ignored?.includes(declared.instr)) return { skip: reasons.ignoredNoUid(declared) };
      return reuseDeclared(analysis, declared);
    }

    const handed = chownedToSystemAccount(analysis, base);
    if (handed) {
      const { account, instr } = handed;
      const reused: RuntimeUser = { name: account.name, group: account.name, uid: account.uid, gid: account.gid, userValue: `${account.uid}:${account.gid}`, source: 'base', createGroup: false };
      return { plan: { user: reused }, notes: [{ level: 'info', line: instr.startLine + 1, message: reasons.reuseChowned(account) }] };
    }

    const shipped = base.shippedUser;
    if (shipped) {
      const userValue = shipped.userSpelling ?? `${shipped.uid}:${shipped.gid}`;
      const reused: RuntimeUser = { name: shipped.name, group: String(shipped.gid), uid: shipped.uid, gid: shipped.gid, userValue, source: 'base', createGroup: false };
      return { plan: { user: reused }, notes: [{ level: 'info', message: reasons.reuseBase(base) }] };
    }
    if (base.family === 'scratch' || !base.hasShell) {
      const numeric: RuntimeUser = { name: String(uid), group: String(gid), uid, gid, userValue: `${uid}:${gid}`, source: 'base', createGroup: false };
      return { plan: { user: numeric }, notes: [{ level: 'info', message: reasons.scratch(uid, gid) }] };
    }
    if (/ubi\d*[-/]?(ubi-)?micro/.test(base.image)) {
      const numeric: RuntimeUser = { name: String(uid), group: '0', uid, gid: 0, userValue: `${uid}:0`, source: 'base', createGroup: false };
      return { plan: { user: numeric }, notes: [{ level: 'info', message: reasons.micro(uid) }] };
    }

    const existingGroup = analysis.accounts.find((a) => a.kind === 'group' && (a.name === group || a.id === gid));
    const created: RuntimeUser = {
      name: user,
      group: existingGroup?.name ?? group,
      uid,
      gid: existingGroup?.id ?? gid,
      userValue: `${uid}:${existingGroup?.id ?? gid}`,
      source: 'create',
      createGroup: !existingGroup,
    };
    const edit = creationEdit(analysis, base, created);
    if ('skip' in edit) return { skip: edit.skip };
    const tools = userToolsInstall(base);
    const notes = tools ? [{ level: 'info' as const, message: reasons.installTools(base, tools) }] : [];
    return { plan: { user: created }, edits: [edit], notes };
  },
};

function reuseDeclared(analysis: Analysis, account: DeclaredAccount): PassResult {
  const edits: ReasonedEdit[] = [];
  let uid = account.id;
  if (uid === undefined) {
    uid = analysis.options.uid;
    if (account.commandEnd < 0) return { skip: `cannot tell the uid of user '${account.name}' (line ${account.instr.startLine + 1}); give it one with --uid in the Dockerfile` };
    const flag = account.busyboxSyntax ? ` -u ${uid}` : ` --uid ${uid}`;
    edits.push({ start: account.commandEnd, end: account.commandEnd, text: flag, reason: reasons.fixUid(account, uid) });
  }
  const gid = groupId(analysis, account);
  const reused: RuntimeUser = {
    name: account.name ?? String(uid),
    group: account.group ?? account.name ?? String(gid ?? uid),
    uid,
    gid: gid ?? uid,
    userValue: gid !== undefined ? `${uid}:${gid}` : String(uid),
    source: 'dockerfile',
    declared: account,
    createGroup: false,
  };
  return { plan: { user: reused }, edits, notes: [{ level: 'info', message: reasons.reuseDeclared(account), line: account.instr.startLine + 1 }] };
}

/** The numeric primary group of a declared user, when the Dockerfile shows it. */
function groupId(analysis: Analysis, account: DeclaredAccount): number | undefined {
  const group = account.group ?? account.name;
  if (group !== undefined && /^\d+$/.test(group)) return Number(group);
  return analysis.accounts.find((a) => a.kind === 'group' && a.name === group)?.id;
}

function creationEdit(analysis: Analysis, base: BaseInfo, u: RuntimeUser): ReasonedEdit | { skip: string } {
  const stage = analysis.finalStage;
  let { offset, next, previous } = afterFromAndArgs(stage);
  // The user can only be created as root: after the stage's first USER root when it starts as someone else.
  const states = userStates(analysis, base);
  const startState = next ? states.before.get(next) : undefined;
  if (startState && !startState.isRoot) {
    const firstRoot = stage.instructions.find((i) => i.keyword === 'USER' && isRootUser(analysis.resolve(i.args.trim(), i)));
    if (!firstRoot) return { skip: `the final stage starts as '${startState.value}', not root; cannot create a user there` };
    offset = firstRoot.lineEnd;
    previous = firstRoot;
    next = stage.instructions[stage.instructions.indexOf(firstRoot) + 1];
  }
  const indent = indentNear(next, previous);
  const lines = [...commentLines(analysis, indent, reasons.comment), `${indent}${keyword(analysis, 'RUN')} ${creationCommand(base, u)}`];
  return { ...insertLines(analysis, offset, lines), reason: reasons.create(u, base, rootEvidence(analysis, base)) };
}

/**
 * The distro's own group and user commands: a system account with no login shell, and a home that exists
 * and that it owns: with no home, HOME points at a missing folder and every library that writes under `~`
 * (torch hub, whisper, numba, nltk, streamlit, Hugging Face modules) fails at start.
 */
export function creationCommand(base: BaseInfo, u: RuntimeUser): string {
  const groupRef = u.createGroup ? String(u.gid) : u.group;
  if (base.family === 'alpine' || base.family === 'wolfi') {
    const group = u.createGroup ? `addgroup -S -g ${u.gid} ${u.group} && ` : '';
    return `${group}adduser -S -D -u ${u.uid} -G ${u.group} -h /home/${u.name} ${u.name}`;
  }
  const group = u.createGroup ? `groupadd --system --gid ${u.gid} ${u.group} && ` : '';
  const user = `useradd --system --uid ${u.uid} --gid ${groupRef} --no-log-init --create-home --home-dir /home/${u.name} --shell /usr/sbin/nologin ${u.name}`;
  const install = userToolsInstall(base);
  return `${install ? `${install} && ` : ''}${group}${user}`;
}

/** The command that installs useradd first, where the base lacks it (ubi-minimal, Amazon Linux). */
function userToolsInstall(base: BaseInfo): string | undefined {
  if (base.family === 'alpine' || base.family === 'wolfi') return undefined;
  return base.installUserTools ?? (base.family === 'ubi-minimal' ? 'microdnf install -y shadow-utils && microdnf clean all' : undefined);
}

/** What shows the image ends as root: the USER line that says so, or the base image's default. */
function rootEvidence(analysis: Analysis, base: BaseInfo): string {
  const final = userStates(analysis, base).final;
  if (final.instr) return `line ${final.instr.startLine + 1}: USER ${final.instr.args.trim()}`;
  return `no USER instruction, and '${base.image}' runs as root by default`;
}

/** A system account of the base (www-data) that a RUN of the final stage chowns files to: the Dockerfile's own choice of runtime user. */
function chownedToSystemAccount(analysis: Analysis, base: BaseInfo): { account: SystemAccount; instr: Instr } | undefined {
  const image = normaliseImage(analysis.runtimeChain[0]?.image ?? '');
  const accounts = SYSTEM_ACCOUNTS.filter((a) => (a.image ? a.image.test(image) : a.families?.includes(base.family)));
  if (accounts.length === 0) return undefined;
  for (const instr of [...analysis.finalStage.instructions].reverse()) {
    if (instr.keyword !== 'RUN') continue;
    for (const words of splitCommands(analysis.resolve(instr.args, instr))) {
      const at = words.indexOf('chown');
      if (at < 0) continue;
      const owner = words.slice(at + 1).find((w) => !w.startsWith('-'))?.split(/[:.]/)[0];
      const account = accounts.find((a) => a.name === owner || String(a.uid) === owner);
      if (account) return { account, instr };
    }
  }
  return undefined;
}
