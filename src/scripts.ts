// Reading the scripts a container starts: its ENTRYPOINT/CMD, the scripts they name that the build copies in
// from the context, and the scripts those run in turn. Line based, over listCommands: enough to tell, for each
// command, its line, whether `set -e` is on, whether its failure is guarded, and what it writes.
import path from 'node:path';
import { workdirs } from '../transforms/writable/shared.js';
import { deploysHardenedStage } from './compose.js';
import { flyConfig } from './deploy-config.js';
import { DOWNLOADERS, type Downloader } from './data/downloaders.js';
import { imageModel } from './image-model.js';
import { oncePerFile } from './memo.js';
import { commandName, listCommands, type CommandEnd } from './shell.js';
import type { Analysis, Instr } from './types.js';
import { substitute } from './variables.js';

/** A simple command of a start script, with what decides whether its failure stops the container. */
export interface ScriptCommand {
  /** Words with ENV and the script's own assignments substituted, redirections taken out. */
  words: string[];
  /** The command as substituted, redirections kept, for messages. */
  text: string;
  /** Files it writes through `>` / `>>` / `&>` (substituted; `/dev/*` and fd copies left out). */
  redirects: string[];
  /** 1-based line in the script, or the Dockerfile line of the CMD/ENTRYPOINT. */
  line: number;
  /** `set -e` is in effect here. */
  errexit: boolean;
  /** Its failure is handled: `|| …` after it, or it is an `if`/`while` condition or negated. */
  guarded: boolean;
  /** Its failure skips the command after it (`a && b`). */
  chained: boolean;
  /** Run in the background (`a &`): its status is never looked at. */
  background: boolean;
  /** It runs only as root (inside `if [ "$(id -u)" = 0 ]`, or after `[ "$(id -u)" = 0 ] &&`). */
  rootOnlyBranch: boolean;
  /** The script's last command: its status is the container's exit status. */
  last: boolean;
}

/** A script the container runs, or the shell command of its CMD/ENTRYPOINT. */
export interface StartScript {
  /** The build-context path of a copied script; undefined for a CMD/ENTRYPOINT of the Dockerfile. */
  source?: string;
  /** The instruction, for a CMD/ENTRYPOINT. */
  instr?: Instr;
  commands: ScriptCommand[];
}

/** Where a command is, for messages: `line 7` of the Dockerfile, or `entrypoint.sh:4`. */
export function whereIs(script: StartScript, command: ScriptCommand): string {
  return script.source ? `${script.source}:${command.line}` : `line ${command.line}`;
}

const SHELLS = ['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh'];
/** Scripts are read as deep as this: a start script calling a helper calling another. */
const MAX_DEPTH = 4;

/** The container's start scripts, worked out once per file (privilege-drop and script-writes both ask). */
export const startScripts: (analysis: Analysis) => StartScript[] = oncePerFile(readStartScripts);

function readStartScripts(analysis: Analysis): StartScript[] {
  const chain = analysis.runtimeChain.flatMap((s) => s.instructions);
  const entrypoint = [...chain].reverse().find((i) => i.keyword === 'ENTRYPOINT');
  const cmd = [...chain].reverse().find((i) => i.keyword === 'CMD');
  const scripts: StartScript[] = [];
  const pending: { target: string; depth: number; caller: ScriptCommand }[] = [];
  const vars = new Map(analysis.env);
  for (const instr of [entrypoint, cmd]) {
    if (!instr) continue;
    const line = instr.startLine + 1;
    const commands = readCommands(instructionCommandText(analysis.resolve(instr.args, instr)).map((t) => ({ text: t, line })), vars, false);
    scripts.push({ instr, commands });
    for (const c of commands) for (const target of scriptsRun(c.words, true)) pending.push({ target, depth: 1, caller: c });
  }
  // fly.io runs each [processes] command instead of CMD, on the stage its build-target names (else the last).
  const fly = flyConfig(analysis);
  for (const process of fly && deploysHardenedStage(analysis, fly.target?.stage) ? fly.processes : []) {
    const commands = readCommands(instructionCommandText(process.command).map((t) => ({ text: t, line: process.line })), vars, false);
    scripts.push({ source: fly!.file, commands });
    for (const c of commands) for (const target of scriptsRun(c.words, true)) pending.push({ target, depth: 1, caller: c });
  }
  const seen = new Set<string>();
  const workdir = startDir(analysis);
  while (pending.length > 0) {
    const { target, depth, caller } = pending.shift()!;
    // A bare name runs from PATH (`ENTRYPOINT ["docker-entrypoint.sh"]`); `. name` and `sh name` read it from there too.
    const source = candidatePaths(analysis, target, workdir, caller).map((c) => copiedSource(analysis, c, analysis.text.length)).find((s) => s !== undefined);
    if (!source || seen.has(source)) continue;
    seen.add(source);
    const text = analysis.readContextFile(source);
    if (text === undefined || !isShellScript(text, source)) continue;
    // A sourced script runs in its caller's shell, under its `set -e`; a script run by a shell or exec starts afresh.
    const sourced = ['.', 'source'].includes(commandName(caller.words)?.name ?? '');
    const commands = readScript(text, new Map(analysis.env), sourced && caller.errexit);
    // Its last status is the caller's: it matters only where the caller's own failure would stop the start.
    const callerStops = !caller.guarded && !caller.background && (caller.errexit || caller.chained || caller.last);
    const lastCommand = commands.find((c) => c.last);
    if (lastCommand && !callerStops) lastCommand.last = false;
    if (caller.rootOnlyBranch) for (const c of commands) c.rootOnlyBranch = true;
    scripts.push({ source, commands });
    if (depth < MAX_DEPTH) for (const c of commands) for (const t of scriptsRun(c.words, false)) pending.push({ target: t, depth: depth + 1, caller: c });
  }
  return scripts;
}

/** The shell text of a CMD/ENTRYPOINT: an exec-form `sh -c` script, the exec-form words quoted back, or the shell form. */
export function instructionCommandText(args: string): string[] {
  const trimmed = args.trim();
  if (trimmed.startsWith('[')) {
    try {
      const words = JSON.parse(trimmed) as unknown;
      if (Array.isArray(words) && words.every((w) => typeof w === 'string')) {
        const list = words as string[];
        const c = list.indexOf('-c');
        if (c > 0 && SHELLS.includes(path.posix.basename(list[c - 1])) && list[c + 1]) return [list[c + 1]];
        return [list.map((w) => `'${w.replace(/'/g, `'\\''`)}'`).join(' ')];
      }
    } catch {
      // Not valid JSON: Docker runs it as a shell command.
    }
  }
  return [trimmed];
}

/** Scripts a command runs: `sh x.sh`, `. x.sh`, `source x.sh`, `exec ./y.sh`, or a program path ending in .sh. */
/** Where a named script is: a path is read against WORKDIR; a bare program name on PATH, a bare `. name` on PATH then here. */
function candidatePaths(analysis: Analysis, target: string, workdir: string, caller: ScriptCommand): string[] {
  if (target.includes('/')) return [path.posix.resolve(workdir, target)];
  const name = commandName(caller.words)?.name ?? '';
  const dirs = SHELLS.includes(name) ? [workdir] : name === '.' || name === 'source' ? [...searchPath(analysis), workdir] : searchPath(analysis);
  return dirs.map((d) => path.posix.join(d, target));
}

function scriptsRun(words: string[], fromInstruction: boolean): string[] {
  const cmd = commandName(words);
  if (!cmd) return [];
  const program = words[cmd.index];
  const arg = words.slice(cmd.index + 1).find((w) => !w.startsWith('-'));
  if ((SHELLS.includes(cmd.name) || cmd.name === '.' || cmd.name === 'source') && arg) return [arg];
  // A CMD/ENTRYPOINT program is read when the context has it (a script without .sh is common there).
  if (fromInstruction || /\.(sh|bash)$/.test(program) || program.startsWith('./')) return [program];
  return [];
}

const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

function searchPath(analysis: Analysis): string[] {
  return (analysis.env.get('PATH') ?? DEFAULT_PATH).split(':').filter((d) => d.startsWith('/'));
}

function isShellScript(text: string, source: string): boolean {
  const first = text.slice(0, 120).split('\n')[0];
  if (first.startsWith('#!')) return SHELLS.some((s) => new RegExp(`[/ ]${s}\\b`).test(first));
  return /\.(sh|bash)$/.test(source);
}

/** The build-context file the image has at `target` just before `offset`, through the COPY/ADD that put it there. */
export function copiedSource(analysis: Analysis, target: string, offset: number): string | undefined {
  return imageModel(analysis).contextSourcesAt(target, offset).find((rel) => analysis.readContextFile(rel) !== undefined);
}

/** A script file as logical lines (continuations joined, heredoc bodies dropped), then as commands. */
export function readScript(text: string, vars: Map<string, string>, errexitAtStart = false): ScriptCommand[] {
  const lines = text.split('\n');
  const logical: { text: string; line: number }[] = [];
  let errexitFromShebang = errexitAtStart;
  if (lines[0]?.startsWith('#!') && /\s-[a-z]*e/.test(lines[0])) errexitFromShebang = true;
  for (let i = 0; i < lines.length; i++) {
    const line = i + 1;
    let joined = lines[i].replace(/\r$/, '');
    while (/(^|[^\\])(\\\\)*\\$/.test(joined) && i + 1 < lines.length) joined = joined.slice(0, -1) + lines[++i].replace(/\r$/, '');
    logical.push({ text: joined, line });
    const heredoc = /<<-?\s*['"]?([A-Za-z_][A-Za-z0-9_]*)['"]?/.exec(joined.replace(/'[^']*'|"[^"]*"/g, "''"));
    if (heredoc) {
      const strip = joined.includes('<<-');
      while (i + 1 < lines.length && (strip ? lines[i + 1].replace(/\r$/, '').trim() : lines[i + 1].replace(/\r$/, '')) !== heredoc[1]) i++;
      i++;
    }
  }
  return readCommands(logical, vars, errexitFromShebang);
}

const ROOT_TEST = /\bid\s+-u\b|\$\{?E?UID\b|\bwhoami\b/;

/** Which branch of a test runs only as root: `[ "$(id -u)" = 0 ]` → 'then', `-ne 0` / `!=` → 'else'. */
function rootBranchOf(words: string[]): 'then' | 'else' | undefined {
  if (!ROOT_TEST.test(words.join(' ')) || !words.some((w) => /^['"]?(0|root)['"]?$/.test(w))) return undefined;
  return words.some((w) => w === '-ne' || w === '!=' || w === '!') ? 'else' : 'then';
}

/** Commands of logical lines, following `set -e`, `if` blocks that test for root, and variable assignments. */
function readCommands(lines: { text: string; line: number }[], vars: Map<string, string>, errexitAtStart: boolean): ScriptCommand[] {
  const out: ScriptCommand[] = [];
  let errexit = errexitAtStart;
  /** Open `if` blocks: which branch runs only as root, and whether the `else` is being read. */
  const ifs: { rootBranch?: 'then' | 'else'; inElse: boolean }[] = [];
  const lookup = { get: (name: string) => vars.get(name) };
  for (const { text, line } of lines) {
    const listed = listCommands(text);
    let rootGuardedList = false;
    for (let k = 0; k < listed.length; k++) {
      const { words: raw, end } = listed[k];
      const previousEnd: CommandEnd = k > 0 ? listed[k - 1].end : '\n';
      const head = raw[0];
      if (head === 'fi') {
        ifs.pop();
        continue;
      }
      if (head === 'else' || head === 'elif') {
        const top = ifs[ifs.length - 1];
        if (top) top.inElse = true;
      }
      if (head === 'if') ifs.push({ rootBranch: rootBranchOf(conditionWords(listed, k)), inElse: false });
      if (previousEnd !== '&&' && previousEnd !== '||' && previousEnd !== '|') rootGuardedList = false;
      // Only assignments: the script's own variables, read by the commands after them.
      const assignsOnly = raw.every((w) => /^[A-Za-z_][A-Za-z0-9_]*=/.test(w));
      if (assignsOnly || (head === 'export' && raw.length > 1)) {
        for (const w of raw) {
          const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(w);
          if (m) vars.set(m[1], substitute(m[2], lookup));
        }
        continue;
      }
      const substituted = raw.map((w) => substitute(w, lookup));
      const { words, redirects } = takeRedirects(substituted);
      const setFlags = words[0] === 'set' ? words.slice(1) : [];
      for (let f = 0; f < setFlags.length; f++) {
        const flag = setFlags[f];
        if (/^-[a-z]*e/.test(flag) || (flag === '-o' && setFlags[f + 1] === 'errexit')) errexit = true;
        if (/^\+[a-z]*e/.test(flag) || (flag === '+o' && setFlags[f + 1] === 'errexit')) errexit = false;
      }
      out.push({
        words,
        text: substituted.map((w) => (/[\s;&|]/.test(w) ? `"${w}"` : w)).join(' '),
        redirects,
        line,
        errexit,
        guarded: ['if', 'elif', 'while', 'until', '!'].includes(head) || orLater(listed, k),
        chained: end === '&&',
        background: end === '&',
        rootOnlyBranch: rootGuardedList || ifs.some((b) => b.rootBranch !== undefined && (b.rootBranch === 'else') === b.inElse),
        last: false,
      });
      if (end === '&&' && rootBranchOf(raw) === 'then') rootGuardedList = true;
    }
  }
  const last = [...out].reverse().find((c) => commandName(c.words) !== undefined && !['done', 'esac', '}', '{', ';;'].includes(c.words[0]));
  if (last) last.last = true;
  return out;
}

/** The words of an `if` condition joined by `&&` (`if [ "$1" = x ] && [ "$(id -u)" = 0 ]`): all of them must hold. */
function conditionWords(listed: { words: string[]; end: CommandEnd }[], k: number): string[] {
  const words: string[] = [];
  for (let j = k; j < listed.length; j++) {
    if (listed[j].end === '||') return listed[k].words;
    words.push(...listed[j].words);
    if (listed[j].end !== '&&') break;
  }
  return words;
}

/** Whether a `||` follows the command in its and-or list, so its failure is handled. */
function orLater(listed: { end: CommandEnd }[], k: number): boolean {
  for (let j = k; j < listed.length; j++) {
    if (listed[j].end === '||') return true;
    if (listed[j].end !== '&&' && listed[j].end !== '|') return false;
  }
  return false;
}

/** Split `> file`, `>>file`, `2>/dev/null`, `&>log`, `<in` out of the words; files under /dev and fd copies are not writes. */
function takeRedirects(words: string[]): { words: string[]; redirects: string[] } {
  const kept: string[] = [];
  const redirects: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const m = /^(\d*|&)(>>?|>\||<)(.*)$/.exec(words[i]);
    if (!m) {
      kept.push(words[i]);
      continue;
    }
    let target = m[3];
    if (target === '' && i + 1 < words.length) target = words[++i];
    if (m[2] === '<' || target.startsWith('&')) continue;
    if (target !== '' && !/^\/dev\//.test(target)) redirects.push(target);
  }
  return { words: kept, redirects };
}

/** A path a start-script command writes, and how (for the evidence). */
export interface ScriptWrite {
  path: string;
  kind: 'dir' | 'file';
  /** What the command does there, in a few words (`writes /run/app.pid`, `edits /etc/x.conf in place`). */
  what: string;
  /** Written whole through a redirection or tee: the file alone needs to be writable, not its folder. */
  rendered?: boolean;
  /** Where the rule comes from, for a program read from data (curl, wget). */
  source?: string;
}

/** Paths a command writes: redirections, `tee`, `touch`, `mkdir`, `sed -i` (its folder), `cp`/`mv`/`ln` targets. Relative to `cwd`. */
export function commandWrites(command: ScriptCommand, cwd: string): ScriptWrite[] {
  const found: ScriptWrite[] = command.redirects.map((r) => ({ path: r, kind: 'file' as const, what: `writes ${r}`, rendered: true }));
  const cmd = commandName(command.words);
  if (cmd) {
    const args = command.words.slice(cmd.index + 1);
    const plain = args.filter((a) => !a.startsWith('-'));
    const last = plain[plain.length - 1];
    switch (cmd.name) {
      case 'tee':
      case 'touch':
        for (const a of plain) found.push({ path: a, kind: 'file', what: `${cmd.name === 'tee' ? 'writes' : 'creates'} ${a}`, rendered: cmd.name === 'tee' });
        break;
      case 'mkdir':
        for (let i = 0; i < args.length; i++) {
          if (args[i] === '-m' || args[i] === '--mode') i++;
          else if (!args[i].startsWith('-')) found.push({ path: args[i], kind: 'dir', what: `creates ${args[i]}` });
        }
        break;
      case 'sed':
        // sed -i writes a new file beside the old one and renames it over: it needs the folder.
        if (args.some((a) => /^-[a-zA-Z]*i|^--in-place/.test(a))) for (const f of sedFiles(args)) found.push({ path: path.posix.dirname(path.posix.resolve(cwd, f)), kind: 'dir', what: `edits ${f} in place` });
        break;
      case 'cp':
        if (plain.length >= 2) found.push({ path: last, kind: last.endsWith('/') ? 'dir' : 'file', what: `copies to ${last}` });
        break;
      case 'mv':
      case 'ln':
        // Replacing a name needs its folder, not the file.
        if (plain.length >= 2) found.push({ path: last.endsWith('/') ? last : path.posix.dirname(path.posix.resolve(cwd, last)), kind: 'dir', what: cmd.name === 'mv' ? `moves a file to ${last}` : `links ${last}` });
        break;
      default: {
        const downloader = DOWNLOADERS.find((d) => d.program === cmd.name);
        if (downloader) found.push(...downloadWrites(downloader, args));
      }
    }
  }
  return found
    .filter((w) => w.path !== '' && !w.path.includes('$') && !w.path.includes('`') && !/[*?]/.test(w.path))
    .map((w) => ({ ...w, path: path.posix.resolve(cwd, w.path) }))
    .filter((w) => !/^\/(dev|proc|sys)(\/|$)/.test(w.path));
}

/** Where a download program saves: the file an option names, else the folder (an option's, or the working folder) it saves under the remote name. */
function downloadWrites(d: Downloader, args: string[]): ScriptWrite[] {
  const files: string[] = [];
  let dir: string | undefined;
  let remoteName = false;
  const take = (option: string, value: string | undefined) => {
    if (value === undefined) return;
    // `-o -` is standard output: a named output all the same (wget then saves nothing under the remote name).
    if (d.outputFile.includes(option)) files.push(value === '-' ? '/dev/stdout' : value);
    if (d.outputDir.includes(option)) dir = value;
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') break;
    if (a.startsWith('--')) {
      const [option, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
      if (d.remoteName.includes(option)) remoteName = true;
      if (d.outputFile.includes(option) || d.outputDir.includes(option)) take(option, inline ?? args[++i]);
      continue;
    }
    if (!a.startsWith('-') || a === '-') continue;
    for (let j = 1; j < a.length; j++) {
      const option = `-${a[j]}`;
      if (d.remoteName.includes(option)) remoteName = true;
      if (d.shortWithValue.includes(a[j])) {
        take(option, j + 1 < a.length ? a.slice(j + 1) : args[++i]);
        break;
      }
    }
  }
  const out: ScriptWrite[] = files.map((f) => ({ path: f, kind: 'file', what: `${d.program} saves ${f}`, source: d.source }));
  if (remoteName || (d.savesByDefault && files.length === 0)) {
    out.push({ path: dir ?? '.', kind: 'dir', what: `${d.program} saves under the remote name in ${dir ?? 'the working folder'}`, source: d.source });
  }
  return out;
}

/** The files of a `sed` command: its operands after the script (or all of them when `-e`/`-f` give the script). */
function sedFiles(args: string[]): string[] {
  const operands: string[] = [];
  let scriptGiven = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-e' || a === '-f' || a === '--expression' || a === '--file') (scriptGiven = true), i++;
    else if (/^--(expression|file)=/.test(a) || /^-[a-zA-Z]*[ef].+/.test(a)) scriptGiven = true;
    else if (!a.startsWith('-')) operands.push(a);
  }
  return scriptGiven ? operands : operands.slice(1);
}

/** The WORKDIR the container starts in: where a start script's relative paths point. */
export function startDir(analysis: Analysis): string {
  return workdirs(analysis).at(-1)?.path ?? '/';
}
