// Detector: where supervisord writes (log, pid file, socket, child logs), read from the config it really loads.
import path from 'node:path';
import { packagedSupervisorConfigs } from '../../src/data/supervisor.js';
import { commentLines, indentNear, insertLines, keyword } from '../../src/edits.js';
import { globRegex, imageModel, jsonWords, type ContextFile } from '../../src/image-model.js';
import { parseIni, type IniEntry, type IniSection } from '../../src/ini.js';
import { rootWorkOffset } from '../../src/placement.js';
import { ROOT_ONLY_PROGRAMS } from '../../src/data/entrypoints.js';
import { selfDropSettings } from '../../src/self-drop.js';
import { applySubstitutions, readSedWords } from '../../src/sed.js';
import { commandName, splitCommands } from '../../src/shell.js';
import type { Analysis, Detector, DetectorResult, Instr, Note, ReasonedEdit, RuntimeUser, WritePath } from '../../src/types.js';
import { unquote } from '../../src/variables.js';
import { copiesInto, runtimeInstructions, workdirs } from './shared.js';

export const name = 'supervisor';
export const description = 'supervisord log, pid file, socket and child logs from its config; files it creates in root-owned folders are moved to /run/supervisor';

/** A folder the user will own: sockets and pid files are moved here out of root-owned folders. */
const RUN_DIR = '/run/supervisor';
/** Where a missing logfile= is pointed (Debian's packaged choice). */
const LOG_DIR = '/var/log/supervisor';
/** Folders every user may create files in (sticky, world-writable): nothing to do. */
const WORLD_WRITABLE = ['/tmp', '/var/tmp', '/dev/shm'];
/** Root-owned system folders: never handed to the user. */
const SYSTEM_DIRS = new Set(['/', '/run', '/var/run', '/var', '/var/log', '/var/lib', '/var/cache', '/var/spool', '/var/lock', '/run/lock', '/etc', '/usr', '/usr/local', '/opt', '/home', '/srv', '/root']);
/** Log settings that name no file: supervisor's own keywords and the container's streams. */
const NOT_A_FILE = /^(auto|none|syslog|\/dev\/(stdout|stderr|null|fd\/\d+))$/i;
/** Sections that start processes and so have log files and a user. */
const PROCESS_SECTION = /^(program|fcgi-program|eventlistener):(.+)$/;
/** Package managers and the words that make them install. */
const INSTALLERS: Record<string, string[]> = {
  'apt-get': ['install'], apt: ['install'], aptitude: ['install'], apk: ['add'], yum: ['install'], dnf: ['install'], microdnf: ['install'],
  pip: ['install'], pip3: ['install'], uv: ['install'], conda: ['install'], mamba: ['install'], micromamba: ['install'],
};

const reasons = {
  move: (file: string, what: string, from: string, to: string) => `${file}: supervisord creates its ${what} ${from} in root-owned ${path.posix.dirname(from)}, which fails as non-root (EACCES); move it to ${to} in a folder the user owns`,
  serverurl: (file: string, to: string) => `${file}: point supervisorctl at the moved socket ${to}`,
  dropUser: (file: string, section: string, value: string, u: RuntimeUser) => `${file}: [${section}] user=${value} makes supervisord exit when it runs as ${u.name} ("Can't drop privilege as nonroot user"); remove it`,
  dropChown: (file: string, value: string, u: RuntimeUser) => `${file}: [unix_http_server] chown=${value} cannot be done by ${u.name}; remove it so the socket stays the user's own`,
  addPid: (file: string, cwd: string) => `${file}: no pidfile set, so supervisord would write supervisord.pid in its working folder ${cwd}, which the user cannot write; set it to ${RUN_DIR}/supervisord.pid`,
  addLog: (file: string, cwd: string) => `${file}: no logfile set, so supervisord would write supervisord.log in its working folder ${cwd}, which the user cannot write; set it to ${LOG_DIR}/supervisord.log`,
  sed: (file: string) => `supervisor's packaged ${file} puts its socket and pid file in root-owned /var/run, where a non-root supervisord cannot create them (EACCES); move them to ${RUN_DIR}`,
  sedComment: `supervisord cannot create its socket and pid file in root-owned /var/run as non-root: move them to ${RUN_DIR}`,
  rootOnly: (where: string, section: string, program: string, alternative: string) => `${where}: [${section}] starts ${program}, which must start as root, so supervisord must too; ${alternative}, or pass --force`,
  manyUsers: (users: string[]) =>
    `supervisord starts its programs as different users (${users.join(', ')}): that separation needs a root supervisord, and one user for all would let each program read and signal the others; left alone — run each program in a container of its own with its own USER, or pass --force`,
  selfDrop: (where: string, text: string, program: string, value: string, u: RuntimeUser) =>
    `${where}: '${text}' makes ${program} switch to ${value} itself, which needs root: hardened anyway (--force), as ${u.name} it exits with PermissionError; remove the setting`,
  selfDropSkip: (where: string, text: string, program: string, value: string) =>
    `${where}: '${text}' makes ${program} switch to ${value} itself, which needs root, so supervisord must start as root too; left alone — remove the setting so the image's USER decides who it runs as, or pass --force`,
  noConfig: (where: string) => `supervisord runs (${where}) but its config is not in the build context or a known package: check that its log, pid file and socket are writable by the user`,
  unreadable: (rel: string) => `supervisor config ${rel} is copied in but cannot be read from the build context: its write paths were not checked`,
  systemFolder: (evidence: string) => `${evidence}: a system or application folder cannot be handed to the user; point it at a folder of its own`,
  unresolved: (where: string, source: string) => `${where}: cannot resolve ${source}; make sure the user can write it`,
  evidence: (where: string, e: IniEntry) => `${where} line ${e.line + 1}: ${e.source}`,
  defaultEvidence: (where: string, key: string, value: string) => `${where}: ${key}=${value} (supervisor's default)`,
};

/** Where a config file in the image comes from: the build context, a heredoc, or the package that installs it. */
type Source = ContextFile | { kind: 'packaged'; instr: Instr; text: string };

interface Config {
  imagePath: string;
  /** How messages name it: the context path, `Dockerfile line N heredoc`, or the packaged path. */
  label: string;
  text: string;
  sections: IniSection[];
  source: Source;
}

/** A change to one config file, in offsets of that file's text. */
interface ConfigChange {
  start: number;
  end: number;
  text: string;
  reason: string;
  entry?: IniEntry;
}

interface Found {
  paths: WritePath[];
  notes: Note[];
  changes: Map<Config, ConfigChange[]>;
  /** A program that must start as root (crond, sshd): the file is left alone with this reason. */
  skip?: string;
}

export const supervisor: Detector = {
  name,
  description,
  detect({ analysis, plan }): DetectorResult {
    const user = plan.user;
    if (!user || !mayUseSupervisor(analysis)) return { paths: [] };
    const image = imageFiles(analysis);
    const run = supervisordCommand(analysis, image);
    if (!image.installedBy && !run) return { paths: [] };

    const cwd = image.workdir;
    const mainPath = run?.config ?? defaultConfigPath(image, cwd, run?.program);
    const found: Found = { paths: [], notes: [], changes: new Map() };
    const main = mainPath !== undefined ? loadConfig(analysis, mainPath, image.files.get(mainPath), found) : undefined;
    if (!main) {
      if (run) found.notes.push({ level: 'warn', message: reasons.noConfig(run?.where ?? 'installed') });
      return { paths: [], notes: found.notes };
    }
    const configs = [main, ...includedConfigs(analysis, main, image, found)];
    inspect(analysis, configs, user, cwd, appFolders(analysis), found);
    if (found.skip && !analysis.options.force) return { paths: [], skip: found.skip };
    return { paths: dedupe(found.paths), edits: toEdits(analysis, found.changes), notes: found.notes };
  },
};

/**
 * A cheap gate before asking the image model for its context files (which reads and lists the build context): supervisor is
 * named in the Dockerfile (installed, configured, run), or in a shell script it copies in (an entrypoint).
 */
function mayUseSupervisor(analysis: Analysis): boolean {
  if (/supervisor/i.test(analysis.text)) return true;
  for (const stage of analysis.runtimeChain) {
    for (const instr of stage.instructions) {
      if (instr.keyword !== 'COPY' && instr.keyword !== 'ADD') continue;
      for (const word of instr.args.split(/\s+/)) {
        if (!/\.(sh|bash)$/.test(word) || word.startsWith('--')) continue;
        if (/supervisord/.test(analysis.readContextFile(unquote(word).replace(/^\.\//, '')) ?? '')) return true;
      }
    }
  }
  return false;
}

interface ImageView {
  /** Config-like files by their path in the image. */
  files: Map<string, Source>;
  /** The final working folder (supervisord's cwd). */
  workdir: string;
  installedBy?: { manager: string; instr: Instr };
}

/** The image's config-like files (from the model) with the packaged configs laid over them in build order, and the final WORKDIR. */
function imageFiles(analysis: Analysis): ImageView {
  const files = new Map<string, Source>(imageModel(analysis).contextFiles());
  let installedBy: ImageView['installedBy'];
  const seds: { instr: Instr; file: string; expressions: string[]; extended: boolean }[] = [];
  for (const instr of runtimeInstructions(analysis)) {
    if (instr.keyword !== 'RUN') continue;
    const commands = splitCommands(analysis.resolve(instr.args, instr));
    const manager = commands.map(installsSupervisor).find((m) => m !== undefined);
    if (manager) {
      installedBy = { manager, instr };
      for (const row of packagedSupervisorConfigs) {
        // A file copied in after the install replaces the packaged one.
        const copied = files.get(row.path);
        if (row.managers.includes(manager) && !(copied && copied.instr.start > instr.start)) files.set(row.path, { kind: 'packaged', instr, text: row.text });
      }
    }
    for (const words of commands) {
      const cmd = commandName(words);
      const sed = cmd?.name === 'sed' ? readSedWords(words.slice(cmd.index + 1)) : undefined;
      const file = sed?.files.at(-1);
      if (sed && file) seds.push({ instr, file, expressions: sed.expressions, extended: sed.extended });
    }
  }
  // Edits the Dockerfile already makes to a packaged config (such as this detector's own sed).
  for (const sed of seds) {
    const source = files.get(sed.file);
    if (source?.kind === 'packaged' && source.instr.start < sed.instr.start) {
      files.set(sed.file, { ...source, text: applySubstitutions(source.text, [sed]) });
    }
  }
  return { files, workdir: workdirs(analysis).at(-1)?.path ?? '/', installedBy };
}

/** The package manager of a command that installs supervisor, if it does. */
function installsSupervisor(words: string[]): string | undefined {
  const cmd = commandName(words);
  if (!cmd) return undefined;
  let manager = cmd.name;
  let rest = words.slice(cmd.index + 1);
  if (/^python[\d.]*$/.test(manager) && rest[0] === '-m') {
    manager = rest[1] ?? '';
    rest = rest.slice(2);
  }
  const verbs = INSTALLERS[manager];
  if (!verbs || !rest.some((w) => verbs.includes(w))) return undefined;
  return rest.some((w) => /^supervisor([=<>~!].*)?$/.test(w)) ? manager : undefined;
}

/** How supervisord is started: from CMD/ENTRYPOINT or from a script they run that was copied from the context. */
function supervisordCommand(analysis: Analysis, image: ImageView): { where: string; program: string; config?: string } | undefined {
  const starts: Instr[] = [];
  for (const stage of analysis.runtimeChain) for (const instr of stage.instructions) if (instr.keyword === 'CMD' || instr.keyword === 'ENTRYPOINT') starts.push(instr);
  const entrypoint = starts.filter((i) => i.keyword === 'ENTRYPOINT').pop();
  const cmd = starts.filter((i) => i.keyword === 'CMD').pop();
  for (const instr of [entrypoint, cmd]) {
    if (!instr) continue;
    const args = analysis.resolve(instr.args, instr).trim();
    const argv = args.startsWith('[') ? jsonWords(args) : undefined;
    // Exec form runs argv as is; an element with spaces is a script for `sh -c`.
    const commands = argv ? [argv, ...argv.filter((w) => /\s/.test(w)).flatMap((w) => splitCommands(w))] : splitCommands(args);
    const found = supervisordIn(commands, image.workdir);
    if (found) return { where: `line ${instr.startLine + 1}`, ...found };
    for (const word of commands.flat()) {
      const source = image.files.get(path.posix.resolve(image.workdir, word));
      if (source?.kind !== 'context') continue;
      const script = analysis.readContextFile(source.rel);
      const inScript = script !== undefined ? supervisordIn(splitCommands(script), image.workdir) : undefined;
      if (inScript) return { where: `${source.rel}, run by line ${instr.startLine + 1}`, ...inScript };
    }
  }
  return undefined;
}

/** The first command that runs supervisord, and the config its `-c` names. */
function supervisordIn(commands: string[][], workdir: string): { program: string; config?: string } | undefined {
  for (const words of commands) {
    const at = words.findIndex((w) => path.posix.basename(w) === 'supervisord');
    if (at < 0) continue;
    let config: string | undefined;
    for (let i = at + 1; i < words.length; i++) {
      const w = words[i];
      if (w === '-c' || w === '--configuration') config = words[++i];
      else if (w.startsWith('--configuration=')) config = w.slice('--configuration='.length);
      else if (/^-c./.test(w)) config = w.slice(2);
    }
    return { program: words[at], config: config === undefined ? undefined : path.posix.resolve(workdir, config) };
  }
  return undefined;
}

/** supervisord's own search order when no -c is given (supervisor/options.py searchpaths). */
function defaultConfigPath(image: ImageView, cwd: string, program?: string): string | undefined {
  const heres = program?.startsWith('/') ? [path.posix.dirname(path.posix.dirname(program))] : ['/usr', '/usr/local'];
  const candidates = [
    ...heres.flatMap((here) => [path.posix.join(here, 'etc/supervisord.conf'), path.posix.join(here, 'supervisord.conf')]),
    path.posix.join(cwd, 'supervisord.conf'),
    path.posix.join(cwd, 'etc/supervisord.conf'),
    '/etc/supervisord.conf',
    '/etc/supervisor/supervisord.conf',
  ];
  return candidates.find((c) => image.files.has(c));
}

function loadConfig(analysis: Analysis, imagePath: string, source: Source | undefined, found: Found): Config | undefined {
  if (!source) return undefined;
  let text: string | undefined;
  let label: string;
  if (source.kind === 'context') {
    text = analysis.readContextFile(source.rel);
    label = source.rel;
    if (text === undefined) {
      found.notes.push({ level: 'warn', message: reasons.unreadable(source.rel), line: source.instr.startLine + 1 });
      return undefined;
    }
  } else if (source.kind === 'heredoc') {
    text = source.body;
    label = `Dockerfile heredoc ${imagePath}`;
  } else {
    text = source.text;
    label = imagePath;
  }
  return { imagePath, label, text, sections: parseIni(text), source };
}

/** Files named by [include] files= (globs relative to the including file), in the order supervisord reads them. */
function includedConfigs(analysis: Analysis, main: Config, image: ImageView, found: Found): Config[] {
  const out: Config[] = [];
  const here = path.posix.dirname(main.imagePath);
  for (const section of main.sections.filter((s) => s.name === 'include')) {
    for (const entry of section.entries.filter((e) => e.key === 'files')) {
      for (const pattern of entry.value.split(/\s+/).filter((p) => p !== '')) {
        const full = path.posix.resolve(here, pattern.replace(/%\(here\)s/g, here));
        const regex = globRegex(full);
        const matches = [...image.files.keys()].filter((p) => regex.test(p)).sort();
        for (const p of matches) {
          const config = loadConfig(analysis, p, image.files.get(p), found);
          if (config) out.push(config);
        }
      }
    }
  }
  return out;
}

/** Folders the Dockerfile fills with application files (COPY destinations, WORKDIR): never handed over whole. */
function appFolders(analysis: Analysis): Set<string> {
  const out = new Set(workdirs(analysis).map((w) => w.path));
  for (const c of copiesInto(analysis)) out.add(c.destIsDir ? c.dest : path.posix.dirname(c.dest));
  return out;
}

/** A log file (appended to, may be pre-created), a file supervisord creates or replaces, or a folder it writes into. */
type PathRole = 'log' | 'created' | 'dir';

/** Read every config: the paths supervisord writes, and the changes it needs to run as the user. */
function inspect(analysis: Analysis, configs: Config[], user: RuntimeUser, cwd: string, apps: Set<string>, found: Found): void {
  const moved = new Map<string, string>();
  const programUsers: { user: string; where: string }[] = [];
  let selfDropSkip: string | undefined;
  const change = (config: Config, c: ConfigChange) => found.changes.set(config, [...(found.changes.get(config) ?? []), c]);
  const where = (config: Config, line?: number) => dockerfileLine(analysis, config, line);

  const handle = (config: Config, entry: IniEntry | undefined, raw: string, role: PathRole, what: string, vars: Record<string, string>) => {
    const evidence = entry ? reasons.evidence(config.label, entry) : reasons.defaultEvidence(config.label, what, raw);
    const value = expand(raw, config, analysis, vars);
    if (value === undefined || /%\(/.test(path.posix.dirname(value))) {
      found.notes.push({ level: 'warn', message: reasons.unresolved(config.label, evidence) });
      return;
    }
    const full = path.posix.resolve(cwd, value);
    const dir = role === 'dir' ? full : path.posix.dirname(full);
    if (WORLD_WRITABLE.some((w) => dir === w || dir.startsWith(`${w}/`))) return;
    const rootOwned = SYSTEM_DIRS.has(dir) || apps.has(dir);
    if (rootOwned && role === 'dir') {
      found.notes.push({ level: 'warn', message: reasons.systemFolder(evidence) });
    } else if (!rootOwned) {
      found.paths.push({ path: dir, evidence, kind: 'dir', line: where(config, entry?.line) });
    } else if (role === 'log') {
      found.paths.push({ path: full, evidence, kind: 'file', line: where(config, entry?.line) });
    } else if (entry) {
      const to = path.posix.join(RUN_DIR, path.posix.basename(full));
      moved.set(full, to);
      change(config, { start: entry.valueStart, end: entry.valueEnd, text: to, reason: reasons.move(config.label, what, full, to), entry });
      found.paths.push({ path: RUN_DIR, evidence, kind: 'dir', line: where(config, entry.line) });
    }
  };

  // Sections of the same name in included files merge into one, later values winning (configparser).
  const effective = (sectionName: string, key: string) => {
    let last: { config: Config; section: IniSection; entry: IniEntry } | undefined;
    for (const config of configs) {
      for (const section of config.sections.filter((s) => s.name === sectionName)) {
        for (const entry of section.entries.filter((e) => e.key === key)) last = { config, section, entry };
      }
    }
    return last;
  };
  const mainSection = configs.flatMap((config) => config.sections.filter((s) => s.name === 'supervisord').map((section) => ({ config, section })))[0];
  if (mainSection) {
    for (const [key, role, what] of [['logfile', 'log', 'log file'], ['pidfile', 'created', 'pid file']] as const) {
      const set = effective('supervisord', key);
      if (set) {
        if (!NOT_A_FILE.test(set.entry.value)) handle(set.config, set.entry, set.entry.value, role, what, {});
      } else if (!WORLD_WRITABLE.includes(cwd)) {
        const { config, section } = mainSection;
        const value = key === 'pidfile' ? `${RUN_DIR}/supervisord.pid` : `${LOG_DIR}/supervisord.log`;
        const reason = key === 'pidfile' ? reasons.addPid(config.label, cwd) : reasons.addLog(config.label, cwd);
        change(config, { start: section.headerEnd, end: section.headerEnd, text: `${key}=${value}${eolOf(config.text)}`, reason });
        found.paths.push({ path: path.posix.dirname(value), evidence: reason, kind: 'dir', line: where(config, section.line) });
      }
    }
  }
  const childlogdir = effective('supervisord', 'childlogdir');
  if (childlogdir) handle(childlogdir.config, childlogdir.entry, childlogdir.entry.value, 'dir', 'child log folder', {});
  const socket = effective('unix_http_server', 'file');
  if (socket) handle(socket.config, socket.entry, socket.entry.value, 'created', 'socket', {});

  for (const config of configs) {
    for (const section of config.sections) {
      const get = (key: string) => section.entries.filter((e) => e.key === key).pop();
      if (section.name === 'supervisord') {
        dropForeignUser(config, section, get('user'), user, change);
      } else if (section.name === 'unix_http_server') {
        const chown = get('chown');
        if (chown && !isUser(chown.value.split(':')[0], user)) {
          change(config, { start: chown.lineStart, end: chown.lineEnd, text: '', reason: reasons.dropChown(config.label, chown.value, user), entry: chown });
        }
      } else {
        const process = PROCESS_SECTION.exec(section.name);
        if (!process) continue;
        const vars = { program_name: process[2], group_name: process[2] };
        const command = get('command');
        const program = command && rootOnlyProgram(command.value);
        if (program && !found.skip) found.skip = reasons.rootOnly(`${config.label}:${command.line + 1}`, section.name, program.command, program.alternative);
        const runAs = get('user');
        if (runAs) programUsers.push({ user: runAs.value, where: `[${section.name}] user=${runAs.value} at ${config.label}:${runAs.line + 1}` });
        const switches = command ? selfDropSettings(analysis, splitCommands(command.value)[0] ?? [], cwd) : [];
        // The user setting (`user`, `-u`, `--user`) says whom the program runs as; its group goes with it.
        const drop = switches.find((d) => d.key === 'user' || d.key === 'u');
        if (drop) programUsers.push({ user: drop.value, where: `[${section.name}] ${drop.program} switches to ${drop.value} at ${drop.where ?? `${config.label}:${command!.line + 1}`}` });
        // supervisord's own user= lines are removed; a program switching user itself fails as anyone else: skipped, or a risk under --force.
        for (const d of switches.filter((x) => !isUser(x.value, user))) {
          const at = `[${section.name}] ${d.where ?? `${config.label}:${command!.line + 1}`}`;
          selfDropSkip ??= reasons.selfDropSkip(at, d.text, d.program, d.value);
          found.notes.push({ level: 'warn', risk: true, message: reasons.selfDrop(at, d.text, d.program, d.value, user) });
        }
        for (const key of ['stdout_logfile', 'stderr_logfile']) {
          const entry = get(key);
          if (entry && !NOT_A_FILE.test(entry.value)) handle(config, entry, entry.value, 'log', key, vars);
        }
        dropForeignUser(config, section, get('user'), user, change);
      }
    }
  }

  // Programs run as two or more users: privilege separation by design, which only a root supervisord gives.
  if (new Set(programUsers.map((p) => p.user)).size > 1 && !found.skip) found.skip = reasons.manyUsers(programUsers.map((p) => p.where));
  if (selfDropSkip && !found.skip) found.skip = selfDropSkip;

  // supervisorctl must follow a socket that moved, in whichever file it is set.
  for (const config of configs) {
    for (const section of config.sections.filter((s) => s.name === 'supervisorctl')) {
      for (const entry of section.entries.filter((e) => e.key === 'serverurl')) {
        const m = /^unix:\/\/(.+)$/.exec(entry.value);
        const to = m && moved.get(path.posix.resolve(cwd, expand(m[1], config, analysis, {}) ?? m[1]));
        if (to) change(config, { start: entry.valueStart, end: entry.valueEnd, text: `unix://${to}`, reason: reasons.serverurl(config.label, to), entry });
      }
    }
  }
}

/** The root-only program (cron, sshd…) a supervisor command starts, by the command's own name. */
function rootOnlyProgram(command: string): (typeof ROOT_ONLY_PROGRAMS)[number] | undefined {
  const words = splitCommands(command)[0] ?? [];
  const cmd = commandName(words);
  return cmd && ROOT_ONLY_PROGRAMS.find((p) => p.command === cmd.name);
}

function dropForeignUser(config: Config, section: IniSection, entry: IniEntry | undefined, user: RuntimeUser, change: (config: Config, c: ConfigChange) => void): void {
  if (!entry || isUser(entry.value, user)) return;
  change(config, { start: entry.lineStart, end: entry.lineEnd, text: '', reason: reasons.dropUser(config.label, section.name, entry.value, user), entry });
}

function isUser(value: string, user: RuntimeUser): boolean {
  return value === user.name || value === String(user.uid);
}

/** supervisor's `%(name)s` expansions: here, ENV_X from the image's ENV, and the section's own names. */
function expand(value: string, config: Config, analysis: Analysis, vars: Record<string, string>): string | undefined {
  let unknown = false;
  const out = value.replace(/%\(([A-Za-z0-9_]+)\)[-#0 +]*\d*[sd]/g, (whole, key: string) => {
    if (key === 'here') return path.posix.dirname(config.imagePath);
    if (key.startsWith('ENV_')) {
      const env = analysis.env.get(key.slice(4));
      if (env === undefined) unknown = true;
      return env ?? whole;
    }
    return vars[key] ?? whole;
  });
  return unknown ? undefined : out;
}

function eolOf(text: string): string {
  return /\r\n/.test(text) ? '\r\n' : '\n';
}

/** 1-based Dockerfile line that shows a config line: inside a heredoc, else the COPY or install that brings the file. */
function dockerfileLine(analysis: Analysis, config: Config, line?: number): number {
  const source = config.source;
  if (source.kind === 'heredoc' && line !== undefined) return analysis.lineOf(source.bodyStart) + line + 1;
  return source.instr.startLine + 1;
}

function dedupe(paths: WritePath[]): WritePath[] {
  const seen = new Set<string>();
  return paths.filter((p) => {
    const key = `${p.kind} ${p.path}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Config changes as splices: into the copied file, into the Dockerfile's heredoc, or as a sed on the packaged file. */
function toEdits(analysis: Analysis, changes: Map<Config, ConfigChange[]>): ReasonedEdit[] {
  const edits: ReasonedEdit[] = [];
  for (const [config, list] of changes) {
    const source = config.source;
    if (source.kind === 'context') {
      for (const c of list) edits.push({ start: c.start, end: c.end, text: c.text, reason: c.reason, file: source.rel });
    } else if (source.kind === 'heredoc') {
      for (const c of list) edits.push({ start: source.bodyStart + c.start, end: source.bodyStart + c.end, text: c.text, reason: c.reason });
    } else {
      const sed = sedEdit(analysis, config, list);
      if (sed) edits.push(sed);
    }
  }
  return edits;
}

/** One `RUN sed -i` on the packaged config, inserted with the other root work. */
function sedEdit(analysis: Analysis, config: Config, list: ConfigChange[]): ReasonedEdit | undefined {
  const expressions: string[] = [];
  for (const c of list) {
    if (!c.entry) continue;
    const prefix = config.text.slice(c.entry.lineStart, c.entry.valueEnd);
    if (c.text === '') expressions.push(`/^${escapeBasic(prefix)}/d`);
    else expressions.push(`s|^${escapeBasic(prefix)}|${escapeReplacement(config.text.slice(c.entry.lineStart, c.entry.valueStart) + c.text)}|`);
  }
  if (expressions.length === 0) return undefined;
  const { offset, after, next } = rootWorkOffset(analysis);
  const indent = indentNear(next, after);
  const cont = ` ${analysis.escape}`;
  const lines = [
    ...commentLines(analysis, indent, reasons.sedComment),
    `${indent}${keyword(analysis, 'RUN')} sed -i${cont}`,
    ...expressions.map((e) => `${indent}    -e '${e}'${cont}`),
    `${indent}    ${config.imagePath}`,
  ];
  return { ...insertLines(analysis, offset, lines), reason: reasons.sed(config.imagePath) };
}

function escapeBasic(text: string): string {
  return text.replace(/[\\.*[\]^$|]/g, (c) => `\\${c}`);
}

function escapeReplacement(text: string): string {
  return text.replace(/[\\&|]/g, (c) => `\\${c}`);
}
