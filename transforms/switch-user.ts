// Pass: switch to the unprivileged user after the last root step, before CMD/ENTRYPOINT.
import { indentNear, insertLines, keyword } from '../src/edits.js';
import { trailingRootUser, userSwitchOffset } from '../src/placement.js';
import type { Pass, PassResult, RuntimeUser } from '../src/types.js';
import { userStates } from '../src/users.js';

export const name = 'switch-user';
export const description = 'Add a numeric USER after the last instruction that needs root, replacing a trailing USER root';

const reasons = {
  insert: (u: RuntimeUser) => `run the container as ${u.name} (${u.userValue}) instead of root; numeric so Kubernetes runAsNonRoot can verify it`,
  replace: (line: number, u: RuntimeUser) => `line ${line} leaves the image running as root; switch to ${u.name} (${u.userValue}) instead`,
  already: (value: string, line?: number) => `already runs as non-root user '${value}'${line ? ` (line ${line})` : ' (the base image default)'}: nothing to change`,
  debug: 'to debug as root in a running container: docker exec -u root -it <container> sh',
};

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
    if (trailing && !needsRootAfter) {
      let start = trailing.start + trailing.node.getInstruction().length;
      while (start < trailing.end && /[ \t]/.test(analysis.text[start])) start++;
      return {
        edits: [{ start, end: trailing.end, text: user.userValue, reason: reasons.replace(trailing.startLine + 1, user) }],
        notes: debug,
      };
    }
    const { offset, next, previous } = userSwitchOffset(analysis);
    const indent = indentNear(next, previous);
    const edit = insertLines(analysis, offset, [`${indent}${keyword(analysis, 'USER')} ${user.userValue}`]);
    return { edits: [{ ...edit, reason: reasons.insert(user) }], notes: debug };
  },
};
