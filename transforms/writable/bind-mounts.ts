// Detector: bind mounts take their owner from the host folder, so print host-side steps, only for the folders the container writes.
import path from 'node:path';
import { composeFile, readBind } from '../../src/compose.js';
import type { Detector, DetectorResult, Note, PassContext, RuntimeUser, WritePath } from '../../src/types.js';
import { splitCommands } from '../../src/shell.js';
import { volumeTargets } from './app-state.js';
import { cleanPath, isSystemFolder, isWithin, lineOf, runtimeInstructions } from './shared.js';


/** Images whose service keeps its data in the folder it mounts, owned by the image's own uid; one row per image. */
export const DATABASE_IMAGES: { name: RegExp; what: string; source: string }[] = [
  { name: /^(.*\/)?postgres(ql)?(:|@|$)/, what: 'postgres', source: 'postgres image docs: PGDATA owned by the postgres user (999)' },
  { name: /^(.*\/)?mysql(:|@|$)/, what: 'mysql', source: 'mysql image docs: /var/lib/mysql owned by the mysql user (999)' },
  { name: /^(.*\/)?mariadb(:|@|$)/, what: 'mariadb', source: 'mariadb image docs: /var/lib/mysql owned by the mysql user (999)' },
  { name: /^(.*\/)?mongo(db)?(:|@|$)/, what: 'mongo', source: 'mongo image docs: /data/db owned by the mongodb user (999)' },
  { name: /^(.*\/)?redis(:|@|$)/, what: 'redis', source: 'redis image docs: /data owned by the redis user (999)' },
];

/** Mounts that are not folders: ownership of a socket or device is the host's business; one row per kind. */
const NOT_FOLDERS: { test: (p: string) => boolean; what: string }[] = [
  { test: (p) => /(^|\/)docker\.sock$/.test(p), what: 'the Docker socket' }, // Docker docs, "Docker daemon attack surface"
  { test: (p) => /\.sock(et)?$/.test(p) || /_socket$/.test(p), what: 'a unix socket' },
  { test: (p) => p === '/dev/log', what: 'the syslog socket' }, // syslog(3): /dev/log is the local syslog socket
  { test: (p) => isWithin(p, '/dev'), what: 'a device' }, // FHS: /dev holds device files and the syslog socket /dev/log
  { test: (p) => isWithin(p, '/run') || isWithin(p, '/var/run'), what: 'a run-time file of the host (sockets, pid files)' }, // FHS: /run
];

const reasons = {
  volume: (target: string, steps: string) => `VOLUME ${target}: a bind mount there keeps the host folder's owner; on the host run: ${steps}`,
  /** `docker run -v` also creates a missing host folder as root, which compose does not. */
  bind: (who: string, source: string, target: string, steps: string, narrower: string | undefined, run: boolean) =>
    `${who} bind-mounts ${source} on ${target}, which keeps the host folder's owner${run ? ' (and docker creates a missing one as root)' : ''}${narrower ? `; the container writes only ${narrower} there` : ''}; on the host run: ${steps}`,
  composeRoot: (file: string, service: string, value: string) =>
    `${file}: service '${service}' sets user: ${value}, which overrides the image's USER and runs it as root again: remove that line`,
  unreadable: (file: string) => `${file} could not be read as YAML; check its bind mounts by hand`,
  maybeWritten: (who: string, source: string, target: string, unresolved: string[], steps: string) =>
    `${who} bind-mounts ${source} on ${target}, which keeps the host folder's owner; the tool cannot tell whether the container writes there (the writes at ${unresolved.join('; ')} go to paths computed at run time): if it does, on the host run: ${steps}`,
  maybeWrittenProject: (who: string, source: string, target: string, unresolved: string[]) =>
    `${who} mounts ${source} (the project folder or above it) on ${target}; the tool cannot tell whether the container writes there (the writes at ${unresolved.join('; ')} go to paths computed at run time): if it does, do not chown your checkout; mount a folder of its own for what it writes and point the app there`,
  noWriteFound: (who: string, source: string, target: string, uid: number, gid: number) =>
    `${who} bind-mounts ${source} on ${target}, where the tool found nothing the container writes, so it gives no host step; if the container does write there, the mount hides the image's folder: give only the folder it writes to ${uid}:${gid} on the host`,
  dockerSocket: (who: string, uid: number, groupAdd = 'the service: group_add: ["<gid>"]') =>
    `${who} mounts the Docker socket, which gives the container root-equivalent control of the host: remove it if you can; never change the socket's owner; to let user ${uid} use it, add the host's docker group to ${groupAdd} with the gid from \`stat -c %g /var/run/docker.sock\` on the host`,
  notFolder: (who: string, source: string, what: string) =>
    `${who} mounts ${source}, ${what}: its ownership stays as the host has it; if the container needs it, add the owning group with group_add`,
  underRoot: (who: string, source: string, target: string) =>
    `${who} mounts ${source} on ${target}, under /root, which the unprivileged user cannot enter (mode 700): move the mount target out of /root (for example /data${target.slice('/root'.length)}) and point the app at it; changing the host folder's owner would not help`,
  wholeProject: (who: string, source: string, target: string, writes: string) =>
    `${who} mounts ${source} (the project folder or above it) on ${target}, where the container writes ${writes}: do not chown your checkout; mount a folder of its own for what it writes (./data:${target}/data) and point the app there`,
  systemFolder: (who: string, source: string) =>
    `${who} mounts the host's ${source}, a system folder: never change its owner; mount a folder of the app's own for what the container writes`,
  shared: (who: string, source: string, others: string) =>
    `${who} mounts ${source}, which ${others} also mount${others.includes(' and ') ? '' : 's'}: changing its owner would break ${others.includes(' and ') ? 'them' : 'it'}; give this service a folder of its own for what it writes`,
};

/** chown takes numeric ids, so no host account is needed (creating one fails where the id exists, and `&&` then skips the chown). */
export function hostSteps(u: RuntimeUser, hostPath: string): string {
  return `mkdir -p ${hostPath} && sudo chown -R ${u.uid}:${u.gid} ${hostPath}`;
}

interface Bind {
  file: string;
  service: string;
  source: string;
  target: string;
  readOnly: boolean;
  /** A `docker run` a README or script documents, rather than a compose service: its line and tool. */
  run?: { line: number; tool: string };
}

interface ComposeMounts {
  file: string;
  /** Binds of the services that build this Dockerfile. */
  own: Bind[];
  /** Binds of every service, with the service's image, to find folders two services share. */
  all: (Bind & { image?: string })[];
}

export const bindMounts: Detector = {
  name: 'bind-mounts',
  description: 'Host-side steps for the bind-mounted folders the container writes (never sockets, devices, read-only mounts, the project folder or a folder another service uses)',
  detect(ctx: PassContext): DetectorResult {
    const { analysis, plan } = ctx;
    const user = plan.user;
    if (!user) return { paths: [] };
    const notes: Note[] = [];
    // The findings of the detectors that ran before this one: only a folder the container writes needs a host step.
    const writes = plan.writePaths.filter((w) => (w.anywhereBelow || !w.reportOnly) && w.path.startsWith('/') && (w.anywhereBelow || !isSystemFolder(cleanPath(w.path))));
    const unresolved = plan.unresolvedWrites ?? [];
    const compose = composeMounts(ctx, notes);
    for (const b of compose?.own ?? []) {
      const note = composeNote(b, compose!, writes, user, unresolved);
      if (note) notes.push(note);
    }
    // The `docker run -v` a README or run script documents is a bind mount as much as a compose file's.
    const said = new Set<string>();
    for (const b of documentedRunMounts(analysis)) {
      if (compose?.own.some((c) => c.target === b.target && normalizeHost(c.source) === normalizeHost(b.source))) continue;
      // A README shows the same mount in many commands: one word per folder, at its first line.
      const key = `${b.file} ${normalizeHost(b.source)} ${b.target}`;
      if (said.has(key)) continue;
      said.add(key);
      const note = composeNote(b, { file: b.file, own: [], all: [] }, writes, user, unresolved);
      if (note) notes.push(note);
    }
    for (const instr of runtimeInstructions(analysis)) {
      if (instr.keyword !== 'VOLUME') continue;
      for (const target of volumeTargets(analysis, instr)) {
        if (compose?.own.some((b) => b.target === target)) continue;
        if (isWithin(target, '/root') || NOT_FOLDERS.some((k) => k.test(target)) || !writtenIn(target, writes).length) continue;
        notes.push({ level: 'info', line: lineOf(instr), message: reasons.volume(target, hostSteps(user, `<host folder for ${target}>`)) });
      }
    }
    return { paths: [], notes };
  },
};

/** What to tell about one bind mount of this Dockerfile's service; undefined when it needs no word. */
function composeNote(b: Bind, compose: ComposeMounts, writes: WritePath[], user: RuntimeUser, unresolved: string[]): Note | undefined {
  const { source, target } = b;
  const who = b.run ? `${b.file}:${b.run.line}: \`${b.run.tool} run\`` : `${b.file}: service '${b.service}'`;
  if (/(^|\/)docker\.sock$/.test(source) || /(^|\/)docker\.sock$/.test(target)) return { level: 'warn', risk: true, message: reasons.dockerSocket(who, user.uid, b.run ? `the command: --group-add <gid>` : undefined) };
  const notFolder = NOT_FOLDERS.find((k) => k.test(source) || k.test(target));
  if (notFolder) return { level: 'info', message: reasons.notFolder(who, source, notFolder.what) };
  if (isWithin(target, '/root')) return { level: 'warn', risk: true, message: reasons.underRoot(who, source, target) };
  if (b.readOnly) return undefined;
  // A file inside a written folder is covered by the folder's chown -R.
  const all = writtenIn(target, writes);
  const written = all.filter((w) => !all.some((o) => o !== w && isWithin(w, o)));
  if (written.length === 0) {
    // Writes the tool could not place may land in the mount: say so, with the host step, rather than "nothing".
    if (unresolved.length > 0) {
      if (isProjectOrAbove(normalizeHost(source))) return { level: 'warn', risk: true, message: reasons.maybeWrittenProject(who, source, target, unresolved) };
      return { level: 'warn', risk: true, message: reasons.maybeWritten(who, source, target, unresolved, hostSteps(user, source)) };
    }
    return { level: 'info', message: reasons.noWriteFound(who, source, target, user.uid, user.gid) };
  }
  // The narrowest host folders: the part of the mount the container writes, not the whole mount.
  const hostFolders = [...new Set(written.map((w) => (isWithin(w, target) && w !== target ? joinHost(source, path.posix.relative(target, w)) : source)))];
  const host = hostFolders.map((h) => normalizeHost(h));
  if (host.some((h) => isProjectOrAbove(h))) return { level: 'warn', risk: true, message: reasons.wholeProject(who, source, target, written.join(' ')) };
  if (host.some((h) => h.startsWith('/') && isSystemFolder(cleanPath(h))) || host.some((h) => h === '~')) return { level: 'warn', risk: true, message: reasons.systemFolder(who, source) };
  const others = compose.all.filter((o) => o.service !== b.service && sharesData(normalizeHost(o.source), normalizeHost(source), databaseOf(o.image) !== undefined));
  if (others.length) {
    const names = [...new Set(others.map((o) => `'${o.service}'${databaseOf(o.image) ? ` (${databaseOf(o.image)})` : ''}`))];
    return { level: 'warn', risk: true, message: reasons.shared(who, source, `service ${names.join(' and ')}`) };
  }
  const narrower = hostFolders.length === 1 && hostFolders[0] === source ? undefined : written.join(' ');
  return { level: 'info', message: reasons.bind(who, source, target, hostSteps(user, hostFolders.join(' ')), narrower, b.run !== undefined) };
}

/** The write paths at or under a mount target, or the target itself when the container writes a folder above it. */
function writtenIn(target: string, writes: WritePath[]): string[] {
  const found = writes.filter((w) => isWithin(w.path, target) && !(w.anywhereBelow && w.reportOnly)).map((w) => w.path);
  if (found.length === 0 && writes.some((w) => isWithin(target, w.path))) return [target];
  return [...new Set(found)];
}

function joinHost(source: string, rel: string): string {
  const joined = path.posix.join(source, rel);
  return /^[/~.]/.test(joined) ? joined : `./${joined}`;
}

/** A host path in one spelling: `./x/` and `x` are the same folder next to the compose file. */
function normalizeHost(p: string): string {
  if (p.startsWith('/') || p.startsWith('~')) return p === '~' || p === '~/' ? '~' : path.posix.normalize(p).replace(/(.)\/+$/, '$1');
  return path.posix.normalize(p).replace(/\/+$/, '') || '.';
}

/** The compose file's own folder, or a folder above it: the whole checkout. */
function isProjectOrAbove(host: string): boolean {
  return host === '.' || /^\.\.(\/\.\.)*$/.test(host);
}

/**
 * Whether another service's mount uses the same data: the same folder or one inside it. A service that mounts a
 * folder above it (the whole checkout, for its code) does not, unless it is a database, whose files those are.
 */
function sharesData(other: string, mine: string, otherIsDatabase: boolean): boolean {
  const within = (c: string, p: string) => c === p || p === '.' || c.startsWith(p + '/');
  return within(other, mine) || (otherIsDatabase && within(mine, other));
}

function databaseOf(image: string | undefined): string | undefined {
  return image ? DATABASE_IMAGES.find((d) => d.name.test(image.toLowerCase()))?.what : undefined;
}

/** The bind mounts of the compose file next to the Dockerfile: those of the services that build it, and all of them. */
function composeMounts({ analysis }: PassContext, notes: Note[]): ComposeMounts | undefined {
  const compose = composeFile(analysis);
  if (!compose) return undefined;
  const { file } = compose;
  if ('unreadable' in compose) {
    notes.push({ level: 'warn', message: reasons.unreadable(file) });
    return undefined;
  }
  const own: Bind[] = [];
  const all: (Bind & { image?: string })[] = [];
  for (const { name: service, def: s, buildsThis: builds } of compose.services) {
    // `user:` in compose wins over the image's USER: root there undoes the hardening.
    if (builds && (s.user === 'root' || s.user === 0 || /^(root|0)(:|$)/.test(String(s.user ?? '')))) notes.push({ level: 'warn', risk: true, message: reasons.composeRoot(file, service, String(s.user)) });
    for (const v of Array.isArray(s.volumes) ? s.volumes : []) {
      const bind = readBind(v);
      if (!bind) continue;
      all.push({ file, service, ...bind, image: typeof s.image === 'string' ? s.image : undefined });
      if (builds) own.push({ file, service, ...bind });
    }
  }
  return { file, own, all };
}

/** Files of the build context's top folder where a project documents how to run its image. */
const RUN_DOCS = /^(?:readme(?:\.(?:md|markdown|txt|rst))?|[\w.-]+\.sh|makefile)$/i;
/** At most this many such files, each up to this size: a README is a few kilobytes. */
const RUN_DOCS_LIMIT = 8;
const RUN_DOC_CAP = 256 * 1024;

/** Bind mounts (`-v ./out:/app/out`, `--mount type=bind,…`) of the `docker run` / `podman run` commands the README and run scripts show. */
function documentedRunMounts(analysis: PassContext['analysis']): Bind[] {
  const names = (analysis.listContextFiles('.') ?? []).filter((f) => !f.includes('/') && RUN_DOCS.test(f)).sort().slice(0, RUN_DOCS_LIMIT);
  const out: Bind[] = [];
  for (const file of names) {
    const text = analysis.readContextFile(file);
    if (text === undefined || text.length > RUN_DOC_CAP) continue;
    const lines = text.split(/\r?\n/);
    for (let i = 0; i < lines.length; i++) {
      const first = i;
      let joined = lines[i];
      // Continuation lines (`\` in shell, `^`/`` ` `` are Windows shells, not read) make one command.
      while (/\\\s*$/.test(joined) && i + 1 < lines.length) joined = `${joined.replace(/\\\s*$/, ' ')}${lines[++i]}`;
      const at = /\b(docker|podman)\s+(?:container\s+)?run\b/.exec(joined);
      if (!at) continue;
      // Inline code in prose ends at its backtick; the working folder's $(pwd) is the README's own folder, `.`.
      const command = joined.slice(at.index).split('`')[0].replace(/\$\(pwd\)|\$\{PWD\}|\$PWD\b/g, '.');
      const words = splitCommands(command)[0] ?? [];
      for (const bind of runBinds(words)) out.push({ file, service: '', ...bind, run: { line: first + 1, tool: at[1] } });
    }
  }
  return out;
}

/** The host-folder binds of one `docker run`: `-v`/`--volume SRC:DST[:ro]`, `--mount type=bind,source=…,target=…[,readonly]`. */
function runBinds(words: string[]): { source: string; target: string; readOnly: boolean }[] {
  const out: { source: string; target: string; readOnly: boolean }[] = [];
  for (let i = 2; i < words.length; i++) {
    const w = words[i];
    const volume = w === '-v' || w === '--volume' ? words[++i] : /^(?:-v|--volume=)(.+)$/.exec(w)?.[1];
    if (volume !== undefined) {
      const bind = readBind(volume);
      if (bind) out.push(bind);
      continue;
    }
    const mount = w === '--mount' ? words[++i] : /^--mount=(.+)$/.exec(w)?.[1];
    if (mount === undefined) continue;
    const fields = new Map(mount.split(',').map((f) => [f.split('=')[0], f.includes('=') ? f.slice(f.indexOf('=') + 1) : 'true'] as const));
    const source = fields.get('source') ?? fields.get('src');
    const target = fields.get('target') ?? fields.get('destination') ?? fields.get('dst');
    if (fields.get('type') !== 'bind' || !source || !target) continue;
    const ro = fields.get('readonly') ?? fields.get('ro');
    out.push({ source, target: cleanPath(target), readOnly: ro !== undefined && ro !== 'false' && ro !== '0' });
  }
  return out;
}
