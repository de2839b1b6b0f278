// Detector: models and data a RUN downloads as root into root's home at build time, which the app reads again at run time.
import path from 'node:path';
import { commentLines, indentNear, insertLines, keyword } from '../../src/edits.js';
import { imageModel } from '../../src/image-model.js';
import { copiedSource } from '../../src/scripts.js';
import { commandName, splitCommands } from '../../src/shell.js';
import type { Analysis, Detector, DetectorResult, Instr, Note, PassContext, ReasonedEdit, WritePath } from '../../src/types.js';
import { cleanPath, isExecForm, isWithin, lineOf, runtimeInstructions, userHome } from './shared.js';

/**
 * How the folder is handed to the user after the download:
 * - `recursive`: `chown -R` in the same RUN (no extra layer), for a cache the library also writes at run time;
 * - `folder`: the variable is shared by many libraries (XDG_CACHE_HOME), so this and every later build step may fill it as
 *   root, and a library writes into what it downloaded when it loads it (logs, lock files): `chown -R` after the last build step;
 * - `none`: a system data folder root writes and everyone reads, for data the library only reads.
 */
type Handover = 'recursive' | 'folder' | 'none';

export interface BuildDownloader {
  library: string;
  /** A RUN (or script) text that downloads into the library's default folder. */
  pattern: RegExp;
  /** The call names its own folder, so the default folder is not written. */
  explicitFolder: RegExp;
  /** The variable that moves the folder, and the variables read before the default (`$XDG_CACHE_HOME/torch`). */
  variable: string;
  /** Where the data goes under another variable the library falls back to, when set: [variable, subfolder]. */
  fallback?: [string, string];
  /** The folder the variable is set to, given the user's home. */
  folder: (home: string) => string;
  handover: Handover;
  /** The folder is not created by the library when the variable points at it: create it above the download. */
  mustExist?: boolean;
  source: string;
}

/** One row per library that downloads into the home folder by default. */
export const BUILD_DOWNLOADERS: BuildDownloader[] = [
  {
    library: 'torch hub',
    pattern: /torch\.hub\.(load|load_state_dict_from_url)\s*\(|torch\.hub\.download_url_to_file\s*\([^)]*get_dir\s*\(|torchvision[\s\S]*\b(weights\s*=\s*(?!None\b)\S|pretrained\s*=\s*True\b)/,
    explicitFolder: /\bmodel_dir\s*=|torch\.hub\.set_dir\s*\(/,
    variable: 'TORCH_HOME',
    fallback: ['XDG_CACHE_HOME', 'torch'],
    folder: (home) => `${home}/.cache/torch`,
    handover: 'recursive',
    source: 'torch.hub docs: hub_dir is $TORCH_HOME/hub, default $XDG_CACHE_HOME/torch = ~/.cache/torch; checkpoints under hub/checkpoints',
  },
  {
    library: 'whisper',
    pattern: /\bwhisper\.load_model\s*\(|from\s+whisper\s+import[^;"']*\bload_model\b[\s\S]*\bload_model\s*\(/,
    explicitFolder: /\bdownload_root\s*=/,
    variable: 'XDG_CACHE_HOME',
    folder: (home) => `${home}/.cache`,
    handover: 'folder',
    source: 'openai-whisper load_model: download_root defaults to $XDG_CACHE_HOME/whisper, else ~/.cache/whisper; a cached file is only read (checksum)',
  },
  {
    library: 'nltk',
    pattern: /\bnltk\.download\s*\(|-m\s+nltk\.downloader\b/,
    explicitFolder: /\bdownload_dir\s*=|nltk\.downloader\b[^&;|]*\s-d\b/,
    variable: 'NLTK_DATA',
    folder: () => '/usr/local/share/nltk_data',
    handover: 'none',
    mustExist: true,
    source: 'nltk.downloader default_download_dir: the first existing writable folder of nltk.data.path ($NLTK_DATA first), else ~/nltk_data; /usr/local/share/nltk_data is on every user\'s search path',
  },
];

/** RUN words that run a script from the build context, whose text may hold the download. */
const SCRIPT_RUNNERS = /^(python3?(\.\d+)?|sh|bash|dash)$/;

const reasons = {
  setVariable: (d: BuildDownloader, line: number, value: string) =>
    d.handover === 'none'
      ? `line ${line} downloads ${d.library} data as root, into /root/nltk_data by default, which the user cannot enter: ${d.variable}=${value}, a system data folder root writes and every user reads, on nltk's own search path; no chown needed`
      : `line ${line} downloads ${d.library} files as root, into /root/.cache by default, which the user cannot enter: set ${d.variable}=${value}, in the user's own home so it matches the library default`,
  comment: (d: BuildDownloader) =>
    d.handover === 'none' ? `${d.library} data in a system folder every user reads (as root it would go to /root, which the user cannot enter)` : `${d.library} downloads in the unprivileged user's home (as root they would go to /root, which the user cannot enter)`,
  chown: (line: number, dir: string, d: BuildDownloader) =>
    `line ${line} fills ${dir} with ${d.library} files at build time as root; chown it in the same RUN so the user can read it and add to it, at no image-size cost (a separate RUN chown -R would copy the whole tree into a new layer)`,
  later: (d: BuildDownloader, line: number, setAt: number) =>
    `line ${line} downloads ${d.library} files before ${d.variable} is set (line ${setAt}), so they land under /root, which the user cannot read; move that ENV above line ${line}`,
  exec: (d: BuildDownloader, line: number, dir: string) => `line ${line} fills ${dir} with ${d.library} files at build time in exec form; add a chown -R of ${dir} to that step by hand so the user can use them`,
  script: (d: BuildDownloader, line: number, where: string, value: string, owner: string) =>
    `line ${line} runs ${where}, which downloads ${d.library} files as root into /root by default, which the user cannot enter: set ENV ${d.variable}=${value} above line ${line}${d.mustExist ? ` and create that folder` : ''}${d.handover === 'recursive' ? ` and add && chown -R ${owner} ${value} to that RUN` : d.handover === 'folder' ? ` and chown -R ${owner} ${value} after the last build step` : ''}`,
  rootFolder: (d: BuildDownloader, line: number, dir: string) => `line ${line} downloads ${d.library} files into ${dir}, which the user cannot enter (/root is mode 700): download them to a folder outside /root`,
  ancestor: (d: BuildDownloader, line: number) => `line ${line} downloads ${d.library} files as root in a stage the final one is built FROM, into /root by default: set ${d.variable} above it to a folder outside /root`,
};

export const buildDownloads: Detector = {
  name: 'build-downloads',
  description: 'Torch hub, whisper and nltk downloads at build time: moved out of /root with the library\'s own variable, and handed to the user where it writes there',
  detect(ctx: PassContext): DetectorResult {
    const { analysis, plan } = ctx;
    const user = plan.user;
    if (!user || !plan.base?.hasShell) return { paths: [] };
    const paths: WritePath[] = [];
    const notes: Note[] = [];
    const edits: ReasonedEdit[] = [];
    const home = userHome(analysis, user) ?? `/home/${user.name}`;
    const finalInstrs = analysis.finalStage.instructions;
    const runs = runtimeInstructions(analysis).filter((i) => i.keyword === 'RUN');

    for (const d of BUILD_DOWNLOADERS) {
      let added: { path: string; at: number } | undefined;
      for (const run of runs) {
        const text = run.args;
        if (!d.pattern.test(text)) {
          const inScript = scriptDownload(analysis, run, d);
          if (inScript && !folderAt(analysis, d, run, undefined)) {
            notes.push({ level: 'warn', risk: true, line: lineOf(run), message: reasons.script(d, lineOf(run), inScript, d.folder(home), `${user.uid}:${user.gid}`) });
          }
          continue;
        }
        if (d.explicitFolder.test(text)) {
          if (/\/root(\/|\b)|~\//.test(text)) notes.push({ level: 'warn', risk: true, line: lineOf(run), message: reasons.rootFolder(d, lineOf(run), 'a folder under /root') });
          continue;
        }
        let dir = folderAt(analysis, d, run, added);
        if (dir && isWithin(dir, '/root')) {
          notes.push({ level: 'warn', risk: true, line: lineOf(run), message: reasons.rootFolder(d, lineOf(run), dir) });
          continue;
        }
        if (!dir) {
          const setLater = runtimeInstructions(analysis).find((i) => i.keyword === 'ENV' && i.startLine > run.startLine && envSets(i, d.variable));
          if (setLater) {
            notes.push({ level: 'warn', risk: true, line: lineOf(run), message: reasons.later(d, lineOf(run), lineOf(setLater)) });
            continue;
          }
          if (!finalInstrs.includes(run)) {
            notes.push({ level: 'warn', risk: true, line: lineOf(run), message: reasons.ancestor(d, lineOf(run)) });
            continue;
          }
          const value = d.folder(home);
          const indent = indentNear(run, finalInstrs[finalInstrs.indexOf(run) - 1]);
          const lines = [...commentLines(analysis, indent, reasons.comment(d)), `${indent}${keyword(analysis, 'ENV')} ${d.variable}=${value}`];
          if (d.mustExist && !imageModel(analysis).madeBefore(value, run.lineStart)) lines.push(`${indent}${keyword(analysis, 'RUN')} mkdir -p ${value}`);
          edits.push({ ...insertLines(analysis, run.commentStart, lines), reason: reasons.setVariable(d, lineOf(run), value) });
          added = { path: value, at: run.commentStart };
          dir = value;
        }
        if (d.handover === 'folder' && added?.path === dir) {
          const steps = codeRunsFrom(analysis, run).map(lineOf);
          const evidence = `${d.variable}=${dir} is set above line ${lineOf(run)}, which downloads ${d.library} files there as root, and build line${steps.length > 1 ? 's' : ''} ${steps.join(', ')} run${steps.length > 1 ? '' : 's'} code as root that may fill it too; libraries write into what they downloaded when they load it (logs, lock files), so it is handed over with its contents`;
          paths.push({ path: dir, kind: 'dir', line: lineOf(run), evidence, recursive: true });
        }
        if (d.handover !== 'recursive') continue;
        const owner = `${user.uid}:${user.gid}`;
        if (new RegExp(`chown\\s+-R\\s+(${owner}|${user.name}(:\\S+)?)\\s+[^&;]*${escapeRegExp(dir)}`).test(text)) continue;
        if (isExecForm(run)) {
          notes.push({ level: 'warn', risk: true, line: lineOf(run), message: reasons.exec(d, lineOf(run), dir) });
          continue;
        }
        if (added?.path === dir) paths.push({ path: dir, kind: 'dir', line: lineOf(run), evidence: `line ${lineOf(run)} downloads ${d.library} files under it at build time; ${d.variable}=${dir} set above it` });
        edits.push({ start: run.end, end: run.end, text: ` && chown -R ${owner} ${dir}`, reason: reasons.chown(lineOf(run), dir, d) });
      }
    }
    return { paths, notes, edits };
  },
};

/** Programs that may write caches: interpreters, and scripts run by path. */
const CODE_RUNNER = /^(python[\d.]*|node|ruby|perl|java|Rscript|julia|sh|bash|dash)$|^\.?\/\S+\.(sh|py)$/;

/** This RUN and the final stage's later RUNs that run code (not a package install or mkdir), which may fill a cache variable set above them. */
export function codeRunsFrom(analysis: Analysis, first: Instr): Instr[] {
  const stage = analysis.finalStage.instructions;
  const later = stage.includes(first) ? stage.slice(stage.indexOf(first) + 1) : [];
  return [first, ...later.filter((i) => i.keyword === 'RUN' && splitCommands(i.args).some((words) => runsCode(words)))];
}

/** Whether a command runs a program that may write caches (an interpreter or a script), not a package manager or coreutils. */
export function runsCode(words: string[]): boolean {
  const c = commandName(words);
  return !!c && (CODE_RUNNER.test(path.posix.basename(c.name)) || CODE_RUNNER.test(words[c.index]));
}

/** The folder the library writes to at this RUN: its variable, its fallback variable, or the one inserted above it. */
function folderAt(analysis: Analysis, d: BuildDownloader, run: Instr, added: { path: string; at: number } | undefined): string | undefined {
  const value = firstEntry(analysis.resolve(`\${${d.variable}}`, run));
  if (value.startsWith('/')) return cleanPath(value);
  if (d.fallback) {
    const base = firstEntry(analysis.resolve(`\${${d.fallback[0]}}`, run));
    if (base.startsWith('/')) return cleanPath(path.posix.join(base, d.fallback[1]));
  }
  if (added && added.at <= run.commentStart) return added.path;
  return undefined;
}

/** NLTK_DATA is a search path: its first entry is where a download goes. */
function firstEntry(value: string): string {
  return value.split(':')[0];
}

/** Whether an ENV instruction sets this variable. */
function envSets(instr: Instr, name: string): boolean {
  const props = (instr.node as unknown as { getProperties?: () => { getName(): string }[] }).getProperties?.() ?? [];
  return props.some((p) => p.getName() === name);
}

/** `script:line` when the RUN runs a script of the build context that downloads with this library. */
function scriptDownload(analysis: Analysis, run: Instr, d: BuildDownloader): string | undefined {
  if (isExecForm(run)) return undefined;
  for (const words of splitCommands(run.args)) {
    const at = words.findIndex((w) => SCRIPT_RUNNERS.test(path.posix.basename(w)) || /^\.?\/\S+\.(sh|py)$/.test(w));
    if (at < 0) continue;
    const script = SCRIPT_RUNNERS.test(path.posix.basename(words[at])) ? words.slice(at + 1).find((w) => !w.startsWith('-')) : words[at];
    if (!script || !/\.(py|sh)$/.test(script)) continue;
    const target = script.startsWith('/') ? cleanPath(script) : cleanPath(path.posix.join(workdirAt(analysis, run), script));
    const rel = copiedSource(analysis, target, run.lineStart);
    const text = rel === undefined ? undefined : analysis.readContextFile(rel);
    if (!text || d.explicitFolder.test(text)) continue;
    const lines = text.split(/\r?\n/);
    const hit = lines.findIndex((l) => !/^\s*#/.test(l) && d.pattern.test(l));
    if (hit >= 0 || d.pattern.test(text)) return `${rel}:${(hit >= 0 ? hit : 0) + 1}`;
  }
  return undefined;
}

/** The WORKDIR in effect at an instruction of the runtime chain. */
function workdirAt(analysis: Analysis, instr: Instr): string {
  let dir = '/';
  for (const i of runtimeInstructions(analysis)) {
    if (i === instr) break;
    if (i.keyword === 'WORKDIR') dir = path.posix.resolve(dir, analysis.resolve(i.args.trim().replace(/^["']|["']$/g, ''), i));
  }
  return dir;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
