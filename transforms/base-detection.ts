// Pass: find what the runtime image is built on, so later passes use commands that exist there.
import { lookupBaseImage } from '../src/data/base-images.js';
import { commandName, splitCommands } from '../src/shell.js';
import type { Analysis, BaseFamily, BaseInfo, Note, Pass, PassResult } from '../src/types.js';
import { userStates } from '../src/users.js';
import { hasUnresolved } from '../src/variables.js';

export const name = 'base-detection';
export const description = 'Classify the final stage\'s base image (debian, alpine, rhel, shell-less, windows) from its name or the package managers used; say who the image already runs as';

const PACKAGE_MANAGERS: Record<string, BaseFamily> = {
  'apt-get': 'debian',
  apt: 'debian',
  dpkg: 'debian',
  apk: 'alpine',
  dnf: 'rhel',
  yum: 'rhel',
  microdnf: 'ubi-minimal',
};

/** Package managers of distributions it has no user commands for; one row each, with the distribution. */
const UNSUPPORTED_MANAGERS: Record<string, string> = {
  pacman: 'Arch Linux', // archlinux images: pacman is the package manager
  zypper: 'openSUSE / SLES', // opensuse/leap, SLE BCI: zypper
  'xbps-install': 'Void Linux', // voidlinux images: xbps
  emerge: 'Gentoo', // gentoo/stage3: portage
};

/** Signs in a RUN that a user gets sudo with no password; one row each. */
const PASSWORDLESS_SUDO: { pattern: RegExp; what: string; source: string }[] = [
  { pattern: /\bNOPASSWD\s*:/, what: 'a NOPASSWD sudoers rule', source: 'sudoers(5): NOPASSWD, no password asked' },
  { pattern: /^\s*passwd\s+-d\b/m, what: 'passwd -d (an empty password)', source: 'passwd(1): -d makes the password empty' },
];

/** Commands that add a user to the sudo/wheel/admin group; with a NOPASSWD rule for the group, the user is root. */
const SUDO_GROUP = /\b(usermod\s+(-a\s+)?-a?G\s*\S*\b(sudo|wheel|admin)\b|adduser\s+\S+\s+(sudo|wheel|admin)\b|gpasswd\s+-a\s+\S+\s+(sudo|wheel|admin)\b|useradd\b[^&;|]*\s-G\s*\S*\b(sudo|wheel|admin)\b)/;

const reasons = {
  unknown: (image: string) => `base image '${image}' is not one it knows and no package manager shows its family; pass --build-arg or add a RUN with apt-get/apk/dnf, or harden this file by hand`,
  unsetArg: (image: string, names: string[]) => `base image '${image}' comes from ARG ${names.join(', ')} with no default and no package manager shows its family; pass --build-arg ${names[0]}=<image> or give the ARG a default`,
  unsupported: (image: string, tool: string, distro: string, line: number) =>
    `base image '${image}' is not one it knows, and line ${line} runs ${tool} (${distro}), a distribution it has no user commands for; add the user and a numeric USER by hand`,
  alreadyNonRoot: (image: string, value: string, line: number) =>
    `already runs as non-root user '${value}' (line ${line}); base image '${image}' is not one it knows, so nothing else was checked`,
  sudo: (what: string) =>
    `this step gives passwordless sudo (${what}): a user who can sudo without a password is root in effect; drop the rule, or limit it to the exact commands the app needs`,
  numeric: (value: string, numeric: string) =>
    `USER ${value} is non-root, but Kubernetes runAsNonRoot cannot verify a name ("image has non-numeric user"); write USER ${numeric}`,
  windows: (image: string) => `Windows base image '${image}': Linux user commands do not apply; use USER ContainerUser by hand`,
};

export function detectBaseFamily(analysis: Analysis): BaseInfo | undefined {
  const root = analysis.runtimeChain[0];
  const image = root.image;
  if (!hasUnresolved(image)) {
    const row = lookupBaseImage(image);
    if (row) {
      return { image, family: row.family, hasShell: row.shell !== false, shippedUser: row.user, evidence: row.source, installUserTools: row.installUserTools };
    }
  }
  const seen = packageManagerFamily(analysis);
  if (seen) return { image, family: seen.family, hasShell: true, evidence: `line ${seen.line}: runs ${seen.tool}` };
  if (analysis.escape === '`' && /[A-Za-z]:\\|\\Windows|powershell|cmd \/S/i.test(analysis.text)) {
    return { image, family: 'windows', hasShell: false, evidence: 'backtick escape and Windows paths' };
  }
  return undefined;
}

function packageManagerFamily(analysis: Analysis): { family: BaseFamily; tool: string; line: number } | undefined {
  for (const stage of analysis.runtimeChain) {
    for (const instr of stage.instructions) {
      if (instr.keyword !== 'RUN') continue;
      for (const words of splitCommands(instr.args)) {
        const cmd = commandName(words);
        const family = cmd && PACKAGE_MANAGERS[cmd.name];
        if (cmd && family) return { family, tool: cmd.name, line: instr.startLine + 1 };
      }
    }
  }
  return undefined;
}

/** The first RUN of the runtime chain that runs a package manager of an unsupported distribution. */
function unsupportedManager(analysis: Analysis): { tool: string; distro: string; line: number } | undefined {
  for (const stage of analysis.runtimeChain) {
    for (const instr of stage.instructions) {
      if (instr.keyword !== 'RUN') continue;
      for (const words of splitCommands(instr.args)) {
        const cmd = commandName(words);
        const distro = cmd && UNSUPPORTED_MANAGERS[cmd.name];
        if (cmd && distro) return { tool: cmd.name, distro, line: instr.startLine + 1 };
      }
    }
  }
  return undefined;
}

/** Passwordless sudo granted in the runtime chain: a NOPASSWD rule (for the user or a group it joins). */
function sudoNotes(analysis: Analysis): Note[] {
  const notes: Note[] = [];
  const runs = analysis.runtimeChain.flatMap((s) => s.instructions).filter((i) => i.keyword === 'RUN');
  const nopasswdGroup = runs.some((i) => /%(sudo|wheel|admin)\b[^\n]*NOPASSWD/.test(i.args));
  for (const instr of runs) {
    const row = PASSWORDLESS_SUDO.find((r) => r.pattern.test(instr.args));
    if (row) notes.push({ level: 'warn', line: instr.startLine + 1, message: reasons.sudo(row.what) });
    else if (nopasswdGroup && SUDO_GROUP.test(instr.args)) {
      notes.push({ level: 'warn', line: instr.startLine + 1, message: reasons.sudo('it joins a group with a NOPASSWD rule') });
    }
  }
  return notes;
}

/** The numeric form of a named non-root USER, when the Dockerfile or the base says its ids. */
function numericUser(analysis: Analysis, base: BaseInfo | undefined, value: string): string | undefined {
  const [name, group] = value.split(':');
  if (/^\d+$/.test(name)) return undefined;
  const account = analysis.accounts.find((a) => a.kind === 'user' && a.name === name && a.id !== undefined);
  const uid = account?.id ?? (base?.shippedUser?.name === name ? base.shippedUser.uid : undefined);
  if (uid === undefined) return undefined;
  const groupName = group ?? account?.group ?? (base?.shippedUser?.name === name ? String(base.shippedUser.gid) : undefined);
  const gid = groupName === undefined ? undefined : /^\d+$/.test(groupName) ? Number(groupName) : analysis.accounts.find((a) => a.kind === 'group' && a.name === groupName)?.id;
  if (group !== undefined && gid === undefined) return undefined;
  return gid === undefined ? String(uid) : `${uid}:${gid}`;
}

/** The variables an image reference still names after ARG defaults and --build-arg are applied. */
function unsetVariables(image: string): string[] {
  return [...image.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]);
}

export const baseDetection: Pass = {
  name,
  description,
  run({ analysis }): PassResult {
    const base = detectBaseFamily(analysis);
    const image = analysis.runtimeChain[0].image || analysis.runtimeChain[0].imageRaw;
    const notes = sudoNotes(analysis);
    const final = userStates(analysis, base).final;
    const named = final.instr && !final.isRoot && !final.unresolved ? numericUser(analysis, base, final.value) : undefined;
    if (named && final.instr) notes.push({ level: 'info', line: final.instr.startLine + 1, message: reasons.numeric(final.value, named) });
    if (!base) {
      // A USER that is already non-root is the answer, whatever the base.
      if (final.instr && !final.isRoot && !final.unresolved) return { notes, skip: reasons.alreadyNonRoot(image, final.value, final.instr.startLine + 1) };
      const unset = unsetVariables(analysis.runtimeChain[0].image);
      if (unset.length) return { notes, skip: reasons.unsetArg(analysis.runtimeChain[0].imageRaw, unset) };
      const other = unsupportedManager(analysis);
      return { notes, skip: other ? reasons.unsupported(image, other.tool, other.distro, other.line) : reasons.unknown(image) };
    }
    if (base.family === 'windows') return { notes, skip: reasons.windows(image), plan: { base } };
    return { notes, plan: { base } };
  },
};
