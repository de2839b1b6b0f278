// One model of the runtime image's file system, built once per Dockerfile: which paths the build makes, where and how.
import { oncePerFile } from './memo.js';
import type { Analysis, Instr } from './types.js';
import { volumeTargets } from '../transforms/writable/app-state.js';
import { copiesInto, isWithin, mkdirTargets, PathIndex, runtimeInstructions, workdirs } from '../transforms/writable/shared.js';

/** A path the build makes, with the instruction that makes it. Its parent folders exist from then on too. */
export interface MadePath {
  path: string;
  instr: Instr;
  source: 'mkdir' | 'workdir' | 'copy' | 'volume';
  /** The `--chown` of a COPY/ADD, when it has one; otherwise the path is root's. */
  owner?: string;
  /** For a copy: the stage or image the files come from, rather than the build context. */
  from?: string;
}

export interface ImageModel {
  /** The first thing the build makes at or under `p` before `offset` (so `p` exists then), or undefined when none is known. */
  madeBefore(p: string, offset: number): MadePath | undefined;
  /** What the build makes strictly under `dir` before `offset`: the children a non-recursive chown of `dir` would leave as they are. */
  childrenBefore(dir: string, offset: number): MadePath[];
}

/** Built once per file: every detector asks the same model. */
export const imageModel: (analysis: Analysis) => ImageModel = oncePerFile(buildModel);

function buildModel(analysis: Analysis): ImageModel {
  const made: MadePath[] = [];
  for (const m of mkdirTargets(analysis)) made.push({ path: m.path, instr: m.instr, source: 'mkdir' });
  for (const w of workdirs(analysis)) made.push({ path: w.path, instr: w.instr, source: 'workdir' });
  for (const c of copiesInto(analysis)) made.push({ path: c.dest, instr: c.instr, source: 'copy', owner: c.chown, from: c.from });
  for (const instr of runtimeInstructions(analysis)) {
    if (instr.keyword === 'VOLUME') for (const t of volumeTargets(analysis, instr)) made.push({ path: t, instr, source: 'volume' });
  }
  // The runtime chain's stages come in file order, so an offset orders instructions across them too.
  made.sort((a, b) => a.instr.start - b.instr.start);
  const index = new PathIndex(made.map((m) => [m.path, m] as const));
  return {
    madeBefore: (p, offset) => index.within(p).find((m) => m.instr.lineEnd <= offset),
    childrenBefore: (dir, offset) => index.within(dir).filter((m) => m.path !== dir && isWithin(m.path, dir) && m.instr.lineEnd <= offset),
  };
}
