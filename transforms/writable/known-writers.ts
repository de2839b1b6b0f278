// Detector: programs known to write fixed places at run time when the CMD runs them (gunicorn, jupyter, streamlit), as a data table.
// Programs whose packaged layout fails as non-root (nginx, apache2, php-fpm) are in program-layouts.ts.
import type { Detector, DetectorResult, Note, PassContext, WritePath } from '../../src/types.js';
import { appCodePaths, copiesInto, instructionWords, lineOf, runtimeInstructions, userHome, workdirs } from './shared.js';

interface Writer {
  /** The command word that shows the program runs. */
  program: string;
  /** Folders under the user's home it writes. */
  homePaths?: string[];
  /** An option of the program that names a folder it writes. */
  option?: string;
  /** It saves its documents in the working folder unless one of these options names another. */
  workdirUnless?: string[];
  source: string;
}

export const KNOWN_WRITERS: Writer[] = [
  { program: 'gunicorn', option: '--worker-tmp-dir', source: 'gunicorn settings, worker_tmp_dir: the folder for worker heartbeat files' },
  { program: 'jupyter', homePaths: ['.local/share/jupyter', '.jupyter', '.ipython'], workdirUnless: ['--notebook-dir', '--ServerApp.root_dir', '--NotebookApp.notebook_dir'], source: 'jupyter --paths: runtime and data in ~/.local/share/jupyter, config in ~/.jupyter; IPython kernels keep ~/.ipython; notebooks are saved in the root folder, the working folder unless --notebook-dir / --ServerApp.root_dir names one' },
  { program: 'streamlit', homePaths: ['.streamlit'], source: 'streamlit docs, credentials and configuration: ~/.streamlit' },
];

/** Folders a program may write that are world-writable already. */
const WORLD_WRITABLE = /^\/(tmp|dev\/shm|var\/tmp)(\/|$)/;

const reasons = {
  noHome: (program: string) => `${program} writes under $HOME, but the user's home is not known here; set ENV HOME to a folder the user owns`,
};

export const knownWriters: Detector = {
  name: 'known-writers',
  description: 'Programs known to write fixed places when the CMD runs them: gunicorn --worker-tmp-dir, jupyter and streamlit home folders',
  detect(ctx: PassContext): DetectorResult {
    const { analysis, plan } = ctx;
    const paths: WritePath[] = [];
    const notes: Note[] = [];
    const programWords = runtimeInstructions(analysis)
      .filter((i) => (i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT') && analysis.finalStage.instructions.includes(i))
      .map((i) => ({ instr: i, words: instructionWords(i) }));

    for (const row of KNOWN_WRITERS) {
      const runs = programWords.find((p) => p.words.some((w) => w.split('/').pop() === row.program));
      if (!runs) continue;
      const evidence = { text: `${runs.instr.keyword} runs ${row.program}`, line: lineOf(runs.instr) };
      if (row.homePaths) {
        const home = userHome(analysis, plan.user);
        if (!home) notes.push({ level: 'warn', line: evidence.line, message: reasons.noHome(row.program) });
        else for (const h of row.homePaths) paths.push({ path: `${home}/${h}`, kind: 'dir', line: evidence.line, evidence: `${evidence.text} (${row.source})` });
      }
      if (row.workdirUnless) {
        const at = runs.words.findIndex((w) => row.workdirUnless!.some((o) => w === o || w.startsWith(`${o}=`)));
        const given = at < 0 ? undefined : runs.words[at].includes('=') ? runs.words[at].slice(runs.words[at].indexOf('=') + 1) : runs.words[at + 1];
        if (at < 0) {
          const dir = workdirs(analysis).at(-1)?.path ?? '/';
          // The code folder takes new files as a sticky group folder; the code in it stays root's.
          const code = appCodePaths(analysis, copiesInto(analysis)).includes(dir);
          paths.push({ path: dir, kind: code ? 'shared-dir' : 'dir', anywhereBelow: true, line: evidence.line, evidence: `${evidence.text}, which saves notebooks in its working folder ${dir} (${row.source})` });
        } else if (given?.startsWith('/')) {
          paths.push({ path: given, kind: 'dir', anywhereBelow: true, line: evidence.line, evidence: `${evidence.text}, which saves notebooks in its root folder ${given} (${row.source})` });
        }
      }
      if (row.option) {
        const at = runs.words.findIndex((w) => w === row.option || w.startsWith(`${row.option}=`));
        const value = at < 0 ? undefined : runs.words[at].includes('=') ? runs.words[at].split('=')[1] : runs.words[at + 1];
        if (value?.startsWith('/') && !WORLD_WRITABLE.test(value)) {
          paths.push({ path: value, kind: 'dir', line: lineOf(runs.instr), evidence: `${row.option} ${value} (${row.source})` });
        }
      }
    }
    return { paths, notes };
  },
};
