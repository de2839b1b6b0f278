// Detector: what the app needs under /root, which the unprivileged user cannot reach at all.
import type { Detector, DetectorResult, Note, PassContext } from '../../src/types.js';
import { envProperties } from '../../src/analyse.js';
import { unquote } from '../../src/variables.js';
import { volumeTargets } from './app-state.js';
import { copiesInto, instructionWords, isWithin, lineOf, runtimeInstructions, workdirs } from './shared.js';

const reasons = {
  home: (line: number, uid: number) => `line ${line} sets HOME to /root, which user ${uid} cannot enter (mode 700): anything writing to ~ will fail; set HOME to a folder the user owns`,
  blocker: (uid: number, evidence: string[]) =>
    `${evidence.join('; ')}: /root is mode 700, so user ${uid} cannot reach anything under it and the container would fail at start; move it out of /root (for example to /app) and run again`,
};

export const rootHome: Detector = {
  name: 'root-home',
  description: 'Anything the app needs under /root (WORKDIR, copied files, VOLUMEs, paths in ENV or CMD): a blocker, since /root is mode 700',
  detect(ctx: PassContext): DetectorResult {
    const { analysis, plan } = ctx;
    const evidence: string[] = [];
    const notes: Note[] = [];
    for (const w of workdirs(analysis)) if (isWithin(w.path, '/root')) evidence.push(`line ${lineOf(w.instr)}: WORKDIR ${w.path}`);
    for (const c of copiesInto(analysis)) if (isWithin(c.dest, '/root')) evidence.push(`line ${lineOf(c.instr)}: ${c.instr.keyword} to ${c.dest}`);
    for (const instr of runtimeInstructions(analysis)) {
      if (instr.keyword === 'ENV') {
        for (const [name, raw] of envProperties(instr.node)) {
          const value = analysis.resolve(unquote(raw), instr);
          if (name === 'HOME' && isWithin(value, '/root')) notes.push({ level: 'warn', line: lineOf(instr), message: reasons.home(lineOf(instr), plan.user?.uid ?? 0) });
          else if (isWithin(value, '/root')) evidence.push(`line ${lineOf(instr)}: ENV ${name}=${value}`);
        }
      }
      // A volume under /root would be chowned yet stay out of reach behind /root's mode 700.
      if (instr.keyword === 'VOLUME') {
        for (const t of volumeTargets(analysis, instr)) if (isWithin(t, '/root')) evidence.push(`line ${lineOf(instr)}: VOLUME ${t}`);
      }
      if ((instr.keyword === 'CMD' || instr.keyword === 'ENTRYPOINT') && analysis.finalStage.instructions.includes(instr)) {
        const word = instructionWords(instr).map((w) => analysis.resolve(w, instr)).find((w) => isWithin(w.replace(/^-[^=]*=/, ''), '/root'));
        if (word) evidence.push(`line ${lineOf(instr)}: ${instr.keyword} uses ${word}`);
      }
    }
    if (!plan.user) return { paths: [] };
    if (evidence.length === 0) return { paths: [], notes };
    return { paths: [], blocker: reasons.blocker(plan.user.uid, evidence) };
  },
};
