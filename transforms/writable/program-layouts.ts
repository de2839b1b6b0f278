// Detector: programs whose own run-time layout fails as non-root (nginx, apache2/httpd, php-fpm), from the table in src/data/programs.ts.
import path from 'node:path';
import { commentLines, indentNear, insertLines, keyword } from '../../src/edits.js';
import { BUILT_LAYOUTS, LISTEN_CONFIGS, PROGRAM_LAYOUTS, type BuiltLayout, type ConfigureFlag, type LayoutFamily, type ProgramLayout } from '../../src/data/programs.js';
import { imageModel } from '../../src/image-model.js';
import { rootWorkOffset } from '../../src/placement.js';
import { applySubstitutions, readSedWords, type SedEdit } from '../../src/sed.js';
import { commandName, splitCommands } from '../../src/shell.js';
import type { Analysis, BaseFamily, Detector, DetectorResult, Instr, Note, PassContext, ReasonedEdit, RuntimeUser, WritePath } from '../../src/types.js';
import { copiesInto, instructionWords, isSystemFolder, isWithin, lineOf, runtimeInstructions } from './shared.js';

const reasons = {
  pid: (program: string, config: string, to: string) => `${program} writes its pid file into root-owned /run (the ${config} pid line, or the compiled-in default when there is none); set pid ${to} instead of handing /run to the user`,
  pidComment: (program: string) => `${program} keeps its pid file in root-owned /run by default: set it where the unprivileged user can write`,
  runUser: (file: string, variables: string[], u: RuntimeUser) => `${file}: ${variables.join('/')} name the user the start script makes its run and lock folders for, and it aborts when they are not owned by that user; set them to ${u.name}`,
  runUserComment: (program: string) => `${program}'s start script checks its run and lock folders belong to this user: name the unprivileged one`,
  socketOwnerSed: (file: string, keys: string[]) => `${file}: ${keys.join('/')} make${keys.length === 1 ? 's' : ''} php-fpm chown its socket, which fails as non-root ("failed to chown() the socket"); comment ${keys.length === 1 ? 'it' : 'them'} out so the socket stays the user's own`,
  socketOwnerComment: 'php-fpm chowns its socket to listen.owner/listen.group, which fails as non-root: leave the socket the user\'s own',
  socketOwnerLine: (file: string, line: number, key: string) => `${file} line ${line}: ${key} makes php-fpm chown its socket, which fails as non-root ("failed to chown() the socket"); commented out so the socket stays the user's own`,
  socketMoved: (file: string, line: number, socket: string, moved: string) =>
    `${file} line ${line}: listen = ${socket} makes php-fpm create its socket in root-owned ${path.posix.dirname(socket)}, which fails as non-root; moved to ${moved}, in a folder the user owns`,
  socketReference: (file: string, line: number, socket: string, moved: string) => `${file} line ${line}: connects to the php-fpm socket ${socket}, now ${moved}`,
  socketMovedBySed: (file: string, socket: string, moved: string) =>
    `${file}: listen = ${socket} makes php-fpm create its socket in root-owned ${path.posix.dirname(socket)}, which fails as non-root; moved to ${moved}, in a folder the user owns`,
  socketMovedComment: "php-fpm can neither create its socket in root-owned /run nor chown it to listen.owner as non-root: keep it the user's own, in a folder the user owns",
  defaultErrorLog: (where: string, config: string, log: string) => `${where} starts php-fpm with ${config} as its whole config, which sets no error_log, so php-fpm opens ${log} at start`,
  socketReferenceBySed: (files: string, line: number, socket: string, moved: string) => `${files} (the sed on line ${line}) connects to the php-fpm socket ${socket}, now ${moved}`,
  socketUnsafe: (file: string, socket: string) => `${file}: listen = ${socket} puts php-fpm's socket in root-owned ${path.posix.dirname(socket)}, which fails as non-root, and the path holds characters a sed line would read specially: move it to a folder the user owns by hand`,
  socketUnreferenced: (socket: string, moved: string) => `the php-fpm socket moved from ${socket} to ${moved}, but no copied config names unix:${socket}; point the web server's fastcgi_pass (or proxy) at ${moved}`,
  unreadable: (file: string, program: string) => `${file} is copied in but cannot be read from the build context: check that it sets no listen.owner/listen.group and no socket in root-owned /run for ${program}`,
  port: (program: string, port: number, where: string) =>
    `${program} listens on port ${port} (${where}): fine under Docker 20.10+ (unprivileged ports start at 0 there), but elsewhere (podman without that sysctl, many Kubernetes runtimes) binding it as non-root fails with Permission denied; listen on ${8000 + port} and point the published port at it (compose ports, Kubernetes targetPort, fly internal_port)`,
  unknownFamily: (pkg: string, line: number, family: string) => `line ${line} installs ${pkg}, whose ${family} layout (pid file, logs, sockets) the tool does not know; check what it writes as non-root and pass --writable for each folder`,
};

/** Folders anyone may write: a socket or pid file there needs nothing handed over. */
const WORLD_WRITABLE = /^\/(tmp|dev\/shm|var\/tmp)(\/|$)/;

function layoutFamily(family: BaseFamily | undefined): LayoutFamily | undefined {
  if (family === 'debian' || family === 'ubuntu') return 'debian';
  if (family === 'alpine') return 'alpine';
  if (family === 'rhel' || family === 'ubi-minimal') return 'rhel';
  return undefined;
}

export const programLayouts: Detector = {
  name: 'program-layouts',
  description: "Programs' own run-time layouts per distro family: nginx, apache2/httpd and php-fpm pid files, logs, temp folders and sockets",
  detect(ctx: PassContext): DetectorResult {
    const { analysis, plan } = ctx;
    const paths: WritePath[] = [];
    const edits: ReasonedEdit[] = [];
    const notes: Note[] = [];
    const user = plan.user;
    if (!user) return { paths };
    const base = analysis.runtimeChain[0]?.image ?? '';
    const family = layoutFamily(plan.base?.family);
    const installs = installedPackages(analysis);
    const imageRows = PROGRAM_LAYOUTS.filter((r) => 'image' in r.found && r.found.image.test(base));
    const matched: { row: ProgramLayout; version: string; evidence: string; line?: number }[] = imageRows.map((row) => ({ row, version: '', evidence: `base image ${base}` }));
    for (const [pkg, line] of installs) {
      const rows = PROGRAM_LAYOUTS.filter((r) => 'packages' in r.found && r.found.packages.test(pkg));
      if (rows.length === 0) continue;
      const row = rows.find((r) => 'packages' in r.found && r.found.family === family);
      if (!row) {
        notes.push({ level: 'warn', line, message: reasons.unknownFamily(pkg, line, plan.base?.family ?? 'unknown') });
        continue;
      }
      if (imageRows.some((r) => r.program === row.program) || matched.some((m) => m.row === row)) continue;
      const version = ('packages' in row.found ? row.found.packages.exec(pkg)?.[1] : undefined) ?? '';
      matched.push({ row, version, evidence: `line ${line} installs ${pkg}`, line });
    }

    for (const { row, version, evidence, line } of matched) {
      const at = (p: string) => p.replaceAll('{version}', version);
      const because = `${evidence} (${row.source})`;
      // A package's folders may exist already (RHEL's /var/lib/nginx/tmp under /var/lib/nginx): each is handed over itself.
      for (const d of row.dirs ?? []) paths.push({ path: at(d), kind: 'dir', line, evidence: because, installed: true });
      for (const f of row.installedFiles ?? []) paths.push({ path: at(f), kind: 'file', line, evidence: because, installed: true });
      for (const f of row.files ?? []) paths.push({ path: at(f), kind: 'file', line, evidence: because });
      if (row.port && !exposesOnlyHighPorts(analysis)) notes.push(...portRisks(analysis, row.program, row.port, line));
      if (!plan.base?.hasShell) continue;
      if (row.pid) {
        const edit = pidEdit(analysis, row.program, row.pid);
        if (edit) edits.push(edit);
      }
      if (row.runUserVariables) {
        const edit = runUserEdit(analysis, row.program, row.runUserVariables, user);
        if (edit) edits.push(edit);
      }
      if (row.socketOwner) {
        const owner = { dir: at(row.socketOwner.dir), packaged: row.socketOwner.packaged && at(row.socketOwner.packaged), keys: row.socketOwner.keys, packagedLines: row.socketOwner.packagedLines?.map(at) };
        const found = socketOwnerEdits(analysis, row, owner);
        edits.push(...found.edits);
        notes.push(...found.notes);
        paths.push(...found.paths);
        if (row.defaultErrorLog) paths.push(...defaultErrorLogs(analysis, row.defaultErrorLog, owner));
      }
    }
    for (const built of builtPrograms(analysis)) {
      if (matched.some((m) => m.row.program === built.row.program)) continue;
      paths.push(...built.paths);
      if (built.row.port && !exposesOnlyHighPorts(analysis)) notes.push(...portRisks(analysis, built.row.program, built.row.port, built.line));
      if (!plan.base?.hasShell || !built.pid) continue;
      const edit = pidEdit(analysis, built.row.program, built.pid);
      if (edit) edits.push(edit);
    }
    return { paths, edits, notes };
  },
};

/**
 * Programs built from source in the runtime chain: the `./configure` flags of the RUN that builds them are their
 * layout, and a directive of the config copied to --conf-path wins over the compiled-in value.
 */
function builtPrograms(analysis: Analysis): { row: BuiltLayout; line: number; paths: WritePath[]; pid?: { config: string; to: string } }[] {
  const found: { row: BuiltLayout; line: number; paths: WritePath[]; pid?: { config: string; to: string } }[] = [];
  for (const row of BUILT_LAYOUTS) {
    const instr = runtimeInstructions(analysis).filter((i) => i.keyword === 'RUN' && i.args.includes('./configure') && row.built.test(i.args)).pop();
    if (!instr) continue;
    const text = analysis.resolve(instr.args, instr);
    const line = lineOf(instr);
    const flag = (name: string) => new RegExp(`(?:^|\\s)${name}=["']?([^\\s"'\\\\]+)`).exec(text)?.[1];
    const prefix = flag('--prefix') ?? row.prefix;
    const value = (f: ConfigureFlag) => {
      const v = flag(f.flag) ?? f.default;
      return v.startsWith('/') ? v : path.posix.join(prefix, v);
    };
    const config = value(row.flags.find((f) => f.kind === 'config') ?? { flag: '--conf-path', default: 'conf/nginx.conf', kind: 'config' });
    const copied = copiesInto(analysis).filter((c) => !c.from && c.dest === config).pop();
    const own = copied ? analysis.readContextFile(copied.sources[copied.sources.length - 1] ?? '') : undefined;
    const paths: WritePath[] = [];
    let pid: { config: string; to: string } | undefined;
    for (const f of row.flags) {
      const directive = f.directive && own !== undefined ? new RegExp(`^\\s*${f.directive}\\s+([^;\\s]+)`, 'm').exec(own)?.[1] : undefined;
      const at = directive ? (directive.startsWith('/') ? directive : path.posix.join(prefix, directive)) : value(f);
      const evidence = directive ? `${copied?.sources.at(-1)}: ${f.directive} ${directive}` : `line ${line} builds ${row.program} with ${flag(f.flag) ? `${f.flag}=${flag(f.flag)}` : `the default ${f.flag} ${at}`} (${row.source})`;
      if (WORLD_WRITABLE.test(at)) continue;
      if (f.kind === 'dir') paths.push({ path: at, kind: 'dir', line, evidence });
      if (f.kind === 'log') {
        const folder = path.posix.dirname(at);
        if (isSystemFolder(folder)) paths.push({ path: at, kind: 'file', line, evidence });
        else if (!paths.some((p) => p.path === folder)) paths.push({ path: folder, kind: 'dir', line, evidence });
      }
      if (f.kind === 'pid') pid = { config, to: `/tmp/${path.posix.basename(at)}` };
    }
    found.push({ row, line, paths, pid });
  }
  return found;
}

/** The final stage EXPOSEs ports and none below 1024: the config was moved off the packaged port already. */
/**
 * A port below 1024 the server will listen on: from the configs the build copies into its config folder when they
 * say (`listen ${PORT}` says nothing known), else the packaged config's.
 */
function portRisks(analysis: Analysis, program: string, packaged: number, line: number | undefined): Note[] {
  const at = LISTEN_CONFIGS[program];
  let said = false;
  // The lines of each copied file that listen on each low port: `listen 80;` and `listen [::]:80;` are one risk.
  const low = new Map<string, { port: number; file: string; lines: number[] }>();
  for (const [imagePath, file] of at ? imageModel(analysis).contextFiles() : []) {
    if (!isWithin(imagePath, at!.root)) continue;
    const text = file.kind === 'context' ? analysis.readContextFile(file.rel) : file.body;
    const name = file.kind === 'context' ? file.rel : imagePath;
    text?.split('\n').forEach((l, n) => {
      const m = at!.directive.exec(l);
      if (!m) return;
      said = true;
      const port = m[1].includes('$') ? undefined : /^(?:.*:)?(\d{1,5})$/.exec(m[1])?.[1];
      if (port === undefined || Number(port) >= 1024) return;
      const entry = low.get(`${port} ${name}`) ?? { port: Number(port), file: name, lines: [] };
      entry.lines.push(n + 1);
      low.set(`${port} ${name}`, entry);
    });
  }
  if (!said) return [{ level: 'warn', risk: true, line, message: reasons.port(program, packaged, 'its packaged config') }];
  return [...low.values()].map((l) => ({ level: 'warn', risk: true, message: reasons.port(program, l.port, `${l.file}:${l.lines.join(',')}`) }));
}

function exposesOnlyHighPorts(analysis: Analysis): boolean {
  const ports = analysis.finalStage.instructions.filter((i) => i.keyword === 'EXPOSE').flatMap((i) => analysis.resolve(i.args, i).split(/\s+/).filter(Boolean));
  return ports.length > 0 && ports.every((p) => Number(p.split('/')[0]) >= 1024);
}

/** A RUN line at the end of the root work, with its comment. */
function rootRun(analysis: Analysis, comment: string, command: string): ReturnType<typeof insertLines> {
  const { offset, after, next } = rootWorkOffset(analysis);
  const indent = indentNear(next, after);
  return insertLines(analysis, offset, [...commentLines(analysis, indent, comment), `${indent}${keyword(analysis, 'RUN')} ${command}`]);
}

/**
 * Drop any pid line and put one at the top: a sed on an existing line changes nothing in a config without one, where
 * the compiled-in /run path still applies. Nothing when the Dockerfile already names the new place or sets its own.
 */
function pidEdit(analysis: Analysis, program: string, pid: { config: string; to: string }): ReasonedEdit | undefined {
  if (analysis.text.includes(pid.to)) return undefined;
  const runs = programArguments(analysis, program);
  if (runs.some((words) => words.some((w, i) => words[i - 1] === '-g' && /(^|;)\s*pid\s/.test(w)))) return undefined;
  const config = runs.map((words) => words[words.indexOf('-c') + 1]).find((c) => c?.startsWith('/')) ?? pid.config;
  const copied = copiesInto(analysis).filter((c) => !c.from && c.dest === config).pop();
  const text = copied ? analysis.readContextFile(copied.sources[copied.sources.length - 1] ?? '') : undefined;
  const own = text === undefined ? undefined : /^\s*pid\s+([^;\s]+)\s*;/m.exec(text)?.[1];
  if (own && WORLD_WRITABLE.test(own)) return undefined;
  const sed = `sed -i -e '/^[[:space:]]*pid[[:space:]]/d' -e '1i pid ${pid.to};' ${config}`;
  return { ...rootRun(analysis, reasons.pidComment(program), sed), reason: reasons.pid(program, config, pid.to) };
}

/** The words after the program in CMD/ENTRYPOINT lines of the final stage that run it. */
function programArguments(analysis: Analysis, program: string): string[][] {
  return analysis.finalStage.instructions
    .filter((i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT')
    .map((i) => instructionWords(i))
    .flatMap((words) => {
      const at = words.findIndex((w) => path.posix.basename(w) === program);
      return at < 0 ? [] : [words.slice(at + 1)];
    });
}

function runUserEdit(analysis: Analysis, program: string, vars: { file: string; variables: string[] }, user: RuntimeUser): ReasonedEdit | undefined {
  const names: Record<string, string> = { USER: user.name, GROUP: user.group };
  const value = (v: string) => names[v.split('_').pop() ?? ''] ?? user.name;
  if (vars.variables.every((v) => analysis.text.includes(`${v}=${value(v)}`))) return undefined;
  const sed = `sed -i ${vars.variables.map((v) => `-e 's/^export ${v}=.*/export ${v}=${value(v)}/'`).join(' ')} ${vars.file}`;
  return { ...rootRun(analysis, reasons.runUserComment(program), sed), reason: reasons.runUser(vars.file, vars.variables, user) };
}

/**
 * Pool configs copied from the build context get the socket-owner lines commented out where they are; the packaged
 * pool gets a sed. A socket in a folder of its own is handed over; one in root-owned /run itself is named in a warning.
 */
function socketOwnerEdits(analysis: Analysis, row: ProgramLayout, owner: { dir: string; packaged?: string; keys: string[]; packagedLines?: string[] }): { edits: ReasonedEdit[]; notes: Note[]; paths: WritePath[] } {
  const edits: ReasonedEdit[] = [];
  const notes: Note[] = [];
  const paths: WritePath[] = [];
  const replaced = new Set<string>();
  for (const copy of copiesInto(analysis)) {
    if (copy.from || !(copy.dest === owner.dir || copy.dest.startsWith(owner.dir + '/'))) continue;
    for (const { rel, dest } of copiedFiles(analysis, copy.sources, copy.dest, owner.dir)) {
      if (!dest.endsWith('.conf')) continue;
      replaced.add(dest);
      const text = analysis.readContextFile(rel);
      if (text === undefined) {
        notes.push({ level: 'warn', line: lineOf(copy.instr), message: reasons.unreadable(rel, row.program) });
        continue;
      }
      let offset = 0;
      text.split('\n').forEach((line, n) => {
        const key = new RegExp(`^(\\s*)(${owner.keys.map((k) => k.replaceAll('.', '\\.')).join('|')})\\s*=`).exec(line);
        if (key) edits.push({ start: offset + key[1].length, end: offset + key[1].length, text: ';', file: rel, reason: reasons.socketOwnerLine(rel, n + 1, key[2]) });
        const listen = /^(\s*listen\s*=\s*)(\/[^\s;]+)/.exec(line);
        const socket = listen?.[2];
        if (listen && socket && !WORLD_WRITABLE.test(socket)) {
          let folder = path.posix.dirname(socket);
          if (isSystemFolder(folder)) {
            folder = path.posix.join(folder, row.program);
            const moved = path.posix.join(folder, path.posix.basename(socket));
            const start = offset + listen[1].length;
            edits.push({ start, end: start + socket.length, text: moved, file: rel, reason: reasons.socketMoved(rel, n + 1, socket, moved) });
            edits.push(...socketReferences(analysis, socket, moved, notes, lineOf(copy.instr)));
          }
          paths.push({ path: folder, kind: 'dir', line: lineOf(copy.instr), evidence: `${rel} line ${n + 1}: listen = ${socket}` });
        }
        offset += line.length + 1;
      });
    }
  }
  if (owner.packaged && !replaced.has(owner.packaged)) {
    const found = packagedPoolEdits(analysis, row, { ...owner, packaged: owner.packaged });
    edits.push(...found.edits);
    notes.push(...found.notes);
    paths.push(...found.paths);
  }
  return { edits, notes, paths };
}

/**
 * The packaged pool as the Dockerfile's own `sed -i` lines leave it: socket-owner keys still set get commented out and
 * a socket in root-owned /run moves to a folder of its own, by one sed appended after the root work (the user's sed
 * stays as written). Anything connecting to the old socket, in copied files or the Dockerfile's seds, follows it.
 */
function packagedPoolEdits(analysis: Analysis, row: ProgramLayout, owner: { packaged: string; keys: string[]; packagedLines?: string[] }): { edits: ReasonedEdit[]; notes: Note[]; paths: WritePath[] } {
  const edits: ReasonedEdit[] = [];
  const notes: Note[] = [];
  const paths: WritePath[] = [];
  const ownerSed = owner.keys.map((k) => `-e 's/^[[:space:]]*${k.replaceAll('.', '\\.')}[[:space:]]*=/;&/'`);
  const seds = sedEditsOf(analysis);
  const onPool = seds.filter((s) => s.files.includes(owner.packaged));
  // Our own sed is among them on a second run, so what it already commented out or moved asks for nothing more.
  const pool = applySubstitutions((owner.packagedLines ?? []).join('\n'), onPool).split('\n');
  const expressions: string[] = [];
  const commands: string[] = [];
  const why: string[] = [];
  const active = owner.keys.filter((k) => pool.some((l) => new RegExp(`^\\s*${k.replaceAll('.', '\\.')}\\s*=`).test(l)));
  if (active.length > 0) {
    expressions.push(...ownerSed);
    why.push(reasons.socketOwnerSed(owner.packaged, active));
  }
  const socket = pool.map((l) => /^\s*listen\s*=\s*(\/[^\s;]+)/.exec(l)?.[1]).filter((p): p is string => p !== undefined).pop();
  let moved = false;
  if (socket && !WORLD_WRITABLE.test(socket)) {
    const setter = onPool.filter((s) => s.expressions.some((e) => unescapeSlashes(e).includes(socket))).pop();
    const line = setter ? lineOf(setter.instr) : undefined;
    const evidence = `${owner.packaged}: listen = ${socket}${line ? ` (the sed on line ${line})` : ''}`;
    let folder = path.posix.dirname(socket);
    if (isSystemFolder(folder) && !SAFE_SOCKET.test(socket)) {
      notes.push({ level: 'warn', risk: true, line, message: reasons.socketUnsafe(owner.packaged, socket) });
    } else if (isSystemFolder(folder)) {
      folder = path.posix.join(folder, row.program);
      const to = path.posix.join(folder, path.posix.basename(socket));
      moved = true;
      expressions.push(`-e 's#^\\([[:space:]]*listen[[:space:]]*=[[:space:]]*\\)${socket.replaceAll('.', '\\.')}[[:space:]]*$#\\1${to}#'`);
      why.push(reasons.socketMovedBySed(owner.packaged, socket, to));
      const referencing = seds.filter((s) => !s.files.includes(owner.packaged) && s.expressions.some((e) => unescapeSlashes(e).includes(`unix:${socket}`)));
      for (const s of referencing) {
        // Only the whole path (unix:/run/php.sock2 names another socket); no \| alternation, which busybox sed lacks.
        const old = `unix:${socket.replaceAll('.', '\\.')}`;
        commands.push(`sed -i -e 's#${old}\\([^[:alnum:]._/-]\\)#unix:${to}\\1#g' -e 's#${old}$#unix:${to}#' ${s.files.join(' ')}`);
        why.push(reasons.socketReferenceBySed(s.files.join(' '), lineOf(s.instr), socket, to));
      }
      const referenceNotes: Note[] = [];
      edits.push(...socketReferences(analysis, socket, to, referenceNotes, line ?? 0));
      if (referencing.length === 0) notes.push(...referenceNotes.map((n) => ({ ...n, line })));
    }
    paths.push({ path: folder, kind: 'dir', line, evidence });
  }
  if (expressions.length > 0) {
    const sed = [`sed -i ${expressions.join(' ')} ${owner.packaged}`, ...commands].join(' && ');
    edits.push({ ...rootRun(analysis, moved ? reasons.socketMovedComment : reasons.socketOwnerComment, sed), reason: why.join('; ') });
  }
  return { edits, notes, paths };
}

/**
 * php-fpm started on a pool file (`--fpm-config /…/php-fpm.d/www.conf`) reads no [global] section, so its error_log is the
 * compiled-in one. Found in the final stage's commands and in the copied files that start it (supervisor configs, scripts).
 */
function defaultErrorLogs(analysis: Analysis, log: { options: string[]; file: string }, pool: { dir: string; packaged?: string; packagedLines?: string[] }): WritePath[] {
  const found: WritePath[] = [];
  const option = new RegExp(`\\bphp-fpm[\\w.-]*\\s.*?(?:^|\\s)(?:${log.options.join('|')})(?:=|\\s+)["']?([^\\s"';]+)`);
  const sources: { where: string; text: string; line?: number }[] = analysis.finalStage.instructions
    .filter((i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT')
    .map((i) => ({ where: `line ${lineOf(i)}`, text: instructionWords(i).join(' '), line: lineOf(i) }));
  for (const copy of copiesInto(analysis)) {
    if (copy.from) continue;
    for (const { rel } of copiedFiles(analysis, copy.sources, copy.dest, copy.dest)) {
      const text = analysis.readContextFile(rel);
      if (text?.includes('php-fpm')) text.split('\n').forEach((t, n) => sources.push({ where: `${rel}:${n + 1}`, text: t }));
    }
  }
  for (const { where, text, line } of sources) {
    const config = option.exec(text)?.[1];
    if (!config || !config.startsWith(pool.dir + '/')) continue;
    const copied = copiesInto(analysis).filter((c) => !c.from && c.dest === config).pop();
    const body = copied
      ? analysis.readContextFile(copied.sources[copied.sources.length - 1] ?? '')
      : config === pool.packaged && pool.packagedLines
        ? applySubstitutions(pool.packagedLines.join('\n'), sedEditsOf(analysis).filter((s) => s.files.includes(config)))
        : undefined;
    if (body === undefined || /^\s*error_log\s*=/m.test(body)) continue;
    found.push({ path: log.file, kind: 'file', line, evidence: reasons.defaultErrorLog(where, config, log.file) });
  }
  return found;
}

/** Socket paths written into a sed line as they are: nothing sed or the shell would read specially. */
const SAFE_SOCKET = /^\/[A-Za-z0-9_.\/-]+$/;

/** `\/` in a sed expression is a slash. */
function unescapeSlashes(expression: string): string {
  return expression.replaceAll('\\/', '/');
}

/** Every in-place sed of the runtime chain, its variables resolved, in build order. */
function sedEditsOf(analysis: Analysis): (SedEdit & { instr: Instr })[] {
  const found: (SedEdit & { instr: Instr })[] = [];
  for (const instr of runtimeInstructions(analysis)) {
    if (instr.keyword !== 'RUN' || !instr.args.includes('sed')) continue;
    for (const words of splitCommands(analysis.resolve(instr.args, instr))) {
      const cmd = commandName(words);
      const sed = cmd?.name === 'sed' ? readSedWords(words.slice(cmd.index + 1)) : undefined;
      if (sed) found.push({ ...sed, instr });
    }
  }
  return found;
}

/** Copied context files that connect to the socket (nginx `fastcgi_pass unix:…`, apache `proxy:unix:…`): pointed at its new place. */
function socketReferences(analysis: Analysis, socket: string, moved: string, notes: Note[], line: number): ReasonedEdit[] {
  const edits: ReasonedEdit[] = [];
  const seen = new Set<string>();
  for (const copy of copiesInto(analysis)) {
    if (copy.from) continue;
    for (const { rel } of copiedFiles(analysis, copy.sources, copy.dest, copy.dest)) {
      const text = seen.has(rel) ? undefined : analysis.readContextFile(rel);
      seen.add(rel);
      if (text === undefined) continue;
      const needle = `unix:${socket}`;
      for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length)) {
        // Only the whole path: unix:/var/run/php-fpm.sock2 names another socket.
        if (/[\w.\-/]/.test(text[at + needle.length] ?? '')) continue;
        const start = at + 'unix:'.length;
        const lineNo = text.slice(0, at).split('\n').length;
        edits.push({ start, end: start + socket.length, text: moved, file: rel, reason: reasons.socketReference(rel, lineNo, socket, moved) });
      }
    }
  }
  if (edits.length === 0) notes.push({ level: 'warn', line, message: reasons.socketUnreferenced(socket, moved) });
  return edits;
}

/** The context files a COPY lays into `dir`, with where each lands. */
function copiedFiles(analysis: Analysis, sources: string[], dest: string, dir: string): { rel: string; dest: string }[] {
  const out: { rel: string; dest: string }[] = [];
  for (const src of sources) {
    const rel = path.posix.normalize(src.replace(/^\/+/, '')).replace(/^\.\//, '');
    const listed = analysis.readContextFile(rel) === undefined ? analysis.listContextFiles(rel) : undefined;
    if (listed) for (const f of listed) out.push({ rel: path.posix.join(rel, f), dest: path.posix.join(dest, f) });
    else out.push({ rel, dest: dest === dir ? path.posix.join(dir, path.posix.basename(rel)) : dest });
  }
  return out;
}

/** Packages installed by apt-get / apk / dnf in the runtime chain, with the 1-based line. */
export function installedPackages(analysis: Analysis): Map<string, number> {
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
