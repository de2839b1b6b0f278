// Pass: find what the runtime image is built on, so later passes use commands that exist there.
import { lookupBaseImage } from '../src/data/base-images.js';
import { commandName, splitCommands } from '../src/shell.js';
import type { Analysis, BaseFamily, BaseInfo, Pass, PassResult } from '../src/types.js';
import { hasUnresolved } from '../src/variables.js';

export const name = 'base-detection';
export const description = 'Classify the final stage\'s base image (debian, alpine, rhel, shell-less, windows) from its name or the package managers used';

const PACKAGE_MANAGERS: Record<string, BaseFamily> = {
  'apt-get': 'debian',
  apt: 'debian',
  dpkg: 'debian',
  apk: 'alpine',
  dnf: 'rhel',
  yum: 'rhel',
  microdnf: 'ubi-minimal',
};

const reasons = {
  unknown: (image: string) => `base image '${image}' is not one it knows and no package manager shows its family; pass --build-arg or add a RUN with apt-get/apk/dnf, or harden this file by hand`,
  unsetArg: (image: string, names: string[]) => `base image '${image}' comes from ARG ${names.join(', ')} with no default and no package manager shows its family; pass --build-arg ${names[0]}=<image> or give the ARG a default`,
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
    if (!base) {
      const unset = unsetVariables(analysis.runtimeChain[0].image);
      return { skip: unset.length ? reasons.unsetArg(analysis.runtimeChain[0].imageRaw, unset) : reasons.unknown(image) };
    }
    if (base.family === 'windows') return { skip: reasons.windows(image), plan: { base } };
    return { plan: { base } };
  },
};
