// Detector: programs known to write fixed places at run time (nginx, gunicorn, jupyter, streamlit), as a data table.
import { commentLines, indentNear, insertLines, keyword } from '../../src/edits.js';
import { rootWorkOffset } from '../../src/placement.js';
import { commandName, splitCommands } from '../../src/shell.js';
import type { Analysis, Detector, DetectorResult, Note, PassContext, ReasonedEdit, WritePath } from '../../src/types.js';
import { copiesInto, instructionWords, lineOf, runtimeInstructions, userHome } from './shared.js';

interface Writer {
  program: string;
  /** Which install of the program the row is about. */
  when: 'image' | 'package' | 'runs';
  image?: RegExp;
  /** Absolute folders it writes. */
  paths?: string[];
  /** Folders under the user's home it writes. */
  homePaths?: string[];
  /** An option of the program that names a folder it writes. */
  option?: string;
  /** Move the pid file out of root-owned /run: the config file and the new place. */
  pid?: { config: string; to: string };
  source: string;
}

export const KNOWN_WRITERS: Writer[] = [
  // /tmp is world-writable, so the pid file needs no handed-over folder, and a tmpfs over /run cannot hide it.
  { program: 'nginx', when: 'image', image: /^(docker\.io\/)?(library\/)?nginx(:|@|$)/, paths: ['/var/cache/nginx'], pid: { config: '/etc/nginx/nginx.conf', to: '/tmp/nginx.pid' }, source: 'nginxinc/docker-nginx-unprivileged Dockerfile: chown /var/cache/nginx, pid moved to /tmp/nginx.pid' },
  { program: 'nginx', when: 'package', paths: ['/var/lib/nginx', '/var/log/nginx'], pid: { config: '/etc/nginx/nginx.conf', to: '/tmp/nginx.pid' }, source: 'Debian nginx-common: temp paths under /var/lib/nginx, logs in /var/log/nginx, pid /run/nginx.pid' },
  { program: 'gunicorn', when: 'runs', option: '--worker-tmp-dir', source: 'gunicorn settings, worker_tmp_dir: the folder for worker heartbeat files' },
  { program: 'jupyter', when: 'runs', homePaths: ['.local/share/jupyter', '.jupyter', '.ipython'], source: 'jupyter --paths: runtime and data in ~/.local/share/jupyter, config in ~/.jupyter; IPython kernels keep ~/.ipython' },
  { program: 'streamlit', when: 'runs', homePaths: ['.streamlit'], source: 'streamlit docs, credentials and configuration: ~/.streamlit' },
];

/** Folders a program may write that are world-writable already. */
const WORLD_WRITABLE = /^\/(tmp|dev\/shm|var\/tmp)(\/|$)/;

const reasons = {
  pid: (program: string, to: string) => `${program} writes its pid file into root-owned /run; point it at ${to} instead of handing /run to the user`,
  pidComment: (program: string) => `${program} keeps its pid file in root-owned /run by default: move it where the unprivileged user can write`,
  port: 'nginx listens on port 80 in its default config: fine under Docker 20.10+ (unprivileged ports start at 0 there), but Kubernetes needs a port >= 1024 or NET_BIND_SERVICE; listen on 8080',
  noHome: (program: string) => `${program} writes under $HOME, but the user's home is not known here; set ENV HOME to a folder the user owns`,
};

export const knownWriters: Detector = {
  name: 'known-writers',
  description: 'Programs known to write fixed places: nginx cache and pid, gunicorn --worker-tmp-dir, jupyter and streamlit home folders',
  detect(ctx: PassContext): DetectorResult {
    const { analysis, plan } = ctx;
    const paths: WritePath[] = [];
    const edits: ReasonedEdit[] = [];
    const notes: Note[] = [];
    const base = analysis.runtimeChain[0]?.image ?? '';
    const installs = installedPackages(analysis);
    const programWords = runtimeInstructions(analysis)
      .filter((i) => (i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT') && analysis.finalStage.instructions.includes(i))
      .map((i) => ({ instr: i, words: instructionWords(i) }));
    const moved = new Set<string>();

    for (const row of KNOWN_WRITERS) {
      let evidence: { text: string; line?: number } | undefined;
      if (row.when === 'image' && row.image?.test(base)) evidence = { text: `base image ${base}` };
      if (row.when === 'package' && installs.has(row.program) && !KNOWN_WRITERS.some((r) => r.when === 'image' && r.program === row.program && r.image?.test(base))) {
        const at = installs.get(row.program)!;
        evidence = { text: `installs ${row.program}`, line: at };
      }
      const runs = programWords.find((p) => p.words.some((w) => w.split('/').pop() === row.program));
      if (row.when === 'runs' && runs) evidence = { text: `${runs.instr.keyword} runs ${row.program}`, line: lineOf(runs.instr) };
      if (!evidence) continue;

      for (const p of row.paths ?? []) paths.push({ path: p, kind: 'dir', line: evidence.line, evidence: `${evidence.text} (${row.source})` });
      if (row.homePaths) {
        const home = userHome(analysis, plan.user);
        if (!home) notes.push({ level: 'warn', line: evidence.line, message: reasons.noHome(row.program) });
        else for (const h of row.homePaths) paths.push({ path: `${home}/${h}`, kind: 'dir', line: evidence.line, evidence: `${evidence.text} (${row.source})` });
      }
      if (row.option && runs) {
        const at = runs.words.findIndex((w) => w === row.option || w.startsWith(`${row.option}=`));
        const value = at < 0 ? undefined : runs.words[at].includes('=') ? runs.words[at].split('=')[1] : runs.words[at + 1];
        if (value?.startsWith('/') && !WORLD_WRITABLE.test(value)) {
          paths.push({ path: value, kind: 'dir', line: lineOf(runs.instr), evidence: `${row.option} ${value} (${row.source})` });
        }
      }
      if (row.pid && !moved.has(row.program) && plan.base?.hasShell) {
        moved.add(row.program);
        const edit = pidEdit(analysis, row.program, row.pid);
        if (edit) edits.push(edit);
      }
      if (row.program === 'nginx') notes.push({ level: 'info', message: reasons.port });
    }
    return { paths, edits, notes };
  },
};

/** A sed on the config so the pid file moves to a writable place; nothing when the Dockerfile already does it. */
function pidEdit(analysis: Analysis, program: string, pid: { config: string; to: string }): ReasonedEdit | undefined {
  if (analysis.text.includes(pid.to)) return undefined;
  const copied = copiesInto(analysis).find((c) => !c.from && c.dest === pid.config);
  if (copied) {
    const text = analysis.readContextFile(copied.sources[0] ?? '');
    if (text !== undefined && !/^\s*pid\s/m.test(text)) return undefined;
  }
  const { offset, after, next } = rootWorkOffset(analysis);
  const indent = indentNear(next, after);
  const sed = `sed -i 's|^\\([[:space:]]*pid[[:space:]][[:space:]]*\\)[^;]*;|\\1${pid.to};|' ${pid.config}`;
  const lines = [...commentLines(analysis, indent, reasons.pidComment(program)), `${indent}${keyword(analysis, 'RUN')} ${sed}`];
  return { ...insertLines(analysis, offset, lines), reason: reasons.pid(program, pid.to) };
}

/** Packages installed by apt-get / apk / dnf in the runtime chain, with the 1-based line. */
function installedPackages(analysis: Analysis): Map<string, number> {
  const found = new Map<string, number>();
  for (const instr of runtimeInstructions(analysis)) {
    if (instr.keyword !== 'RUN') continue;
    for (const words of splitCommands(instr.args)) {
      const cmd = commandName(words);
      if (!cmd || !['apt-get', 'apt', 'apk', 'dnf', 'yum', 'microdnf'].includes(cmd.name)) continue;
      if (!words.includes('install') && !words.includes('add')) continue;
      for (const w of words.slice(cmd.index + 1)) if (!w.startsWith('-') && !found.has(w.split('=')[0])) found.set(w.split('=')[0], lineOf(instr));
    }
  }
  return found;
}
