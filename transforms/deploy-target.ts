// Pass: warn when a deploy config beside the Dockerfile builds another stage than the one this run hardens.
import { deployTargets } from '../src/deploy-config.js';
import type { Note, Pass, PassResult } from '../src/types.js';

export const name = 'deploy-target';
export const description = 'Warn when fly.toml (build-target) or compose (build.target) deploys another stage than the one hardened';

const reasons = {
  other: (where: string, stage: string, hardened: string, chosen: boolean) =>
    `${where} builds stage '${stage}', but this run hardens '${hardened}' (${chosen ? 'named by --target' : 'the last stage'}), which is not what that config deploys; pass --target ${stage} to harden that stage`,
};

export const deployTarget: Pass = {
  name,
  description,
  run({ analysis }): PassResult {
    const hardened = analysis.finalStage.name ?? String(analysis.finalStage.index);
    const stages = new Set(analysis.stages.map((s) => s.name).filter((n) => n !== undefined));
    const notes: Note[] = deployTargets(analysis)
      .filter((t) => stages.has(t.stage) && t.stage !== hardened)
      .map((t) => ({ level: 'warn', message: reasons.other(t.where, t.stage, hardened, analysis.options.target !== undefined) }));
    return { notes };
  },
};
