// Where root work ends in the final stage, and so where the switch to the unprivileged user goes.
import type { Analysis, Instr } from './types.js';
import { isRootUser } from './users.js';

/** Instructions that build the filesystem and so may need root (COPY/ADD/WORKDIR create root-owned paths). */
const BUILD_KEYWORDS = new Set(['RUN', 'COPY', 'ADD', 'WORKDIR', 'USER']);

/** The last instruction of the final stage that builds something, or undefined when there is none. */
export function lastBuildInstruction(analysis: Analysis): Instr | undefined {
  const instrs = analysis.finalStage.instructions;
  for (let i = instrs.length - 1; i >= 0; i--) {
    if (BUILD_KEYWORDS.has(instrs[i].keyword)) return instrs[i];
  }
  return undefined;
}

/** A trailing `USER root` with no build step after it: it can be replaced by the switch. */
export function trailingRootUser(analysis: Analysis): Instr | undefined {
  const anchor = lastBuildInstruction(analysis);
  if (anchor?.keyword !== 'USER') return undefined;
  return isRootUser(analysis.resolve(anchor.args.trim(), anchor)) ? anchor : undefined;
}

/** Offset (a line start) where more root work can be inserted: just after the last build step, else after FROM/ARGs. */
export function rootWorkOffset(analysis: Analysis): { offset: number; after: Instr; next?: Instr } {
  const stage = analysis.finalStage;
  const anchor = lastBuildInstruction(analysis);
  if (!anchor) {
    let after = stage.from;
    for (const instr of stage.instructions) {
      if (instr.keyword !== 'ARG') break;
      after = instr;
    }
    return { offset: after.lineEnd, after, next: stage.instructions[stage.instructions.indexOf(after) + 1] };
  }
  return { offset: anchor.lineEnd, after: anchor, next: stage.instructions[stage.instructions.indexOf(anchor) + 1] };
}

/**
 * Where the USER switch goes: the first CMD/ENTRYPOINT after the last build step (above the comments
 * that belong to it), else the end of the stage.
 */
export function userSwitchOffset(analysis: Analysis): { offset: number; next?: Instr; previous: Instr } {
  const stage = analysis.finalStage;
  const instrs = stage.instructions;
  const anchor = lastBuildInstruction(analysis);
  const from = anchor ? instrs.indexOf(anchor) + 1 : 0;
  for (let i = from; i < instrs.length; i++) {
    if (instrs[i].keyword === 'CMD' || instrs[i].keyword === 'ENTRYPOINT') {
      return { offset: instrs[i].commentStart, next: instrs[i], previous: instrs[i - 1] ?? stage.from };
    }
  }
  const last = instrs[instrs.length - 1] ?? stage.from;
  return { offset: last.lineEnd, previous: last };
}
