// Pass: leave alone images that must start as root — entrypoints that drop root themselves,
// programs that need root (cron, sshd, smbd, rsyslogd), start scripts whose root-only work would stop the
// container as a plain user, and parent images whose ONBUILD RUN triggers need it.
import path from 'node:path';
import { normaliseImage } from '../src/data/base-images.js';
import { DROPPING_ENTRYPOINT_IMAGES, PRIVILEGE_DROPPERS, ROOT_ONLY_PROGRAMS, DIRECT_START, RENDERED_CONFIG, ROOT_ONLY_WORK, ROOT_OWNED_FOLDERS, SERVICE_START_ACTIONS, SERVICE_STARTERS } from '../src/data/entrypoints.js';
import { commandWrites, startDir, startScripts, whereIs, type ScriptCommand, type StartScript } from '../src/scripts.js';
import { selfDropSettings, type SelfDrop } from '../src/self-drop.js';
import { commandName } from '../src/shell.js';
import type { Analysis, Note, Pass, PassResult } from '../src/types.js';
import { userStates } from '../src/users.js';
import { runtimeInstructions } from './writable/shared.js';

export const name = 'privilege-drop';
export const description = 'Skip images that must start as root: entrypoints that drop privileges themselves, cron/sshd/smbd/rsyslogd, start scripts doing root-only work, ONBUILD RUN triggers';

const reasons = {
  dropper: (where: string, command: string) => `${where} drops root itself with ${command}, so the container must start as root; left alone`,
  knownEntrypoint: (image: string, user: string, source: string) => `base image '${image}' starts as root and its docker-entrypoint.sh switches to '${user}' itself (${source}); left alone`,
  installsDropper: (line: number, command: string, script: string) =>
    `line ${line} installs ${command}, which entrypoints use to drop root themselves, and the start script ${script} is not in the build context to check; left alone (check it, or pass --force to harden anyway)`,
  rootOnly: (where: string, command: string, alternative: string) => `${where} starts ${command}, which must start as root; ${alternative}, or pass --force`,
  onbuild: (line: number) => `line ${line}: ONBUILD RUN runs in every child build as the user this image ends with, so a USER here would break it; harden the child Dockerfiles, or pass --force`,
  rootWork: (where: string, text: string, what: string, why: string, advice = 'do it at build time in a RUN before USER') =>
    `${where}: '${text}' ${what}, which needs root: as a plain user it fails and ${why}; ${advice}, or pass --force`,
  service: (where: string, text: string, service: string, direct: string | undefined, why: string) =>
    `${where}: '${text}' starts ${service} through its init script, which needs root: as a plain user it fails and ${why}; ${direct ? `start the daemon directly instead (${direct})` : "start the service's own program directly instead"}, or pass --force`,
  selfDrop: (where: string, d: SelfDrop) =>
    `${where}: '${d.text}' makes ${d.program} switch to ${d.value} itself, which needs root: as any other user it exits (PermissionError); left alone — remove the setting so the image's USER decides who it runs as, or pass --force`,
  forcedSelfDrop: (where: string, d: SelfDrop) =>
    `${where}: '${d.text}' makes ${d.program} switch to ${d.value} itself, which needs root: hardened anyway (--force), it exits with PermissionError unless the image's USER is ${d.value}; remove the setting`,
  rootWorkWarn: (where: string, text: string, what: string, advice = 'do it at build time in a RUN, or drop it') =>
    `${where}: '${text}' ${what}, which needs root: as a plain user it fails and the script goes on; ${advice}`,
};

/** The longest command text a message quotes. */
const QUOTE_LIMIT = 60;

export const privilegeDrop: Pass = {
  name,
  description,
  run({ analysis, plan }): PassResult {
    if (!plan.base || !userStates(analysis, plan.base).final.isRoot) return {};
    if (analysis.options.force) return { notes: forcedSelfDrops(analysis) };
    const chain = runtimeInstructions(analysis);

    const onbuild = chain.find((i) => i.keyword === 'ONBUILD' && /^RUN\b/i.test(i.args));
    if (onbuild) return { skip: reasons.onbuild(onbuild.startLine + 1) };

    const scripts = startScripts(analysis);
    for (const script of scripts) {
      for (const command of script.commands) {
        const { words } = command;
        const cmd = commandName(words);
        if (!cmd) continue;
        const program = startedProgram(words, cmd.index);
        if (program) return { skip: reasons.rootOnly(whereIs(script, command), program.command, program.alternative) };
        const dropper = PRIVILEGE_DROPPERS.find((d) => d.command === cmd.name && (!d.needs || d.needs.test(words.join(' '))));
        if (dropper) return { skip: reasons.dropper(script.source ?? whereIs(script, command), dropper.label ?? dropper.command) };
        const drop = selfDropSettings(analysis, words, startDir(analysis)).find((d) => !reusedNames(analysis).includes(d.value));
        if (drop) return { skip: reasons.selfDrop(drop.where ?? whereIs(script, command), drop) };
      }
    }
    const root = analysis.runtimeChain[0];
    const known = DROPPING_ENTRYPOINT_IMAGES.find((row) => row.pattern.test(normaliseImage(root.image)));
    const ownEntrypoint = chain.some((i) => i.keyword === 'ENTRYPOINT' && !/docker-entrypoint/.test(i.args));
    if (known && !ownEntrypoint) return { skip: reasons.knownEntrypoint(root.image, known.user, known.source) };

    // Installing gosu/su-exec says an entrypoint drops root, but only a start script that could not be read can be it.
    const unread = unreadStartScript(scripts);
    for (const instr of unread ? chain : []) {
      if (instr.keyword !== 'RUN') continue;
      const m = /(?:^|[\s/])(gosu|su-exec)(?=[\s;&|]|$)/.exec(instr.args);
      if (m) return { skip: reasons.installsDropper(instr.startLine + 1, m[1], unread!) };
    }
    const notes: Note[] = [];
    const cwd = startDir(analysis);
    for (const script of scripts) {
      for (const command of script.commands) {
        const work = command.rootOnlyBranch ? undefined : rootOnlyWork(command, cwd);
        if (!work) continue;
        const { what, advice } = work;
        const where = whereIs(script, command);
        const text = quote(command.text);
        const why = command.guarded || command.background ? undefined : command.errexit ? 'set -e stops the container' : command.chained ? 'the && after it skips the rest of the start' : command.last ? "its status is the container's exit status" : undefined;
        const service = serviceOf(command);
        if (why && service !== undefined) return { skip: reasons.service(where, text, service, DIRECT_START.find((d) => d.service.test(service))?.command(service), why), notes };
        if (why) return { skip: reasons.rootWork(where, text, what, why, advice), notes };
        notes.push({ level: 'warn', line: script.instr ? command.line : undefined, message: reasons.rootWorkWarn(where, text, what, advice) });
      }
    }
    return { notes };
  },
};

/** Under --force: each start command whose program switches to another user itself is a named risk. */
export function forcedSelfDrops(analysis: Analysis): Note[] {
  const notes: Note[] = [];
  for (const script of startScripts(analysis)) {
    for (const command of script.commands) {
      for (const d of selfDropSettings(analysis, command.words, startDir(analysis)).filter((x) => !reusedNames(analysis).includes(x.value))) {
        notes.push({ level: 'warn', risk: true, message: reasons.forcedSelfDrop(d.where ?? whereIs(script, command), d) });
      }
    }
  }
  return notes;
}

/**
 * The names and ids of the user the create-user pass reuses (the last one the Dockerfile creates) and of its group:
 * a program switching to them switches to itself, which any user may.
 */
export function reusedNames(analysis: Analysis): string[] {
  const declared = [...analysis.accounts].reverse().find((a) => a.kind === 'user' && a.name !== undefined && a.name !== 'root' && a.id !== 0);
  if (!declared?.name) return [];
  const names = [declared.name, declared.group ?? declared.name];
  if (declared.id !== undefined) names.push(String(declared.id));
  return names;
}

/** A program that must start as root, run directly (`cron -f`, `/usr/sbin/sshd -D &`) or through its init script (`service cron start`). */
function startedProgram(words: string[], index: number): (typeof ROOT_ONLY_PROGRAMS)[number] | undefined {
  const name = words[index].slice(words[index].lastIndexOf('/') + 1);
  const direct = ROOT_ONLY_PROGRAMS.find((p) => p.command === name);
  if (direct) return direct;
  const service = initScriptStarted(words, index);
  return service === undefined ? undefined : ROOT_ONLY_PROGRAMS.find((p) => p.services.includes(service));
}

/** The service an init-script command starts: `service NAME start`, `/etc/init.d/NAME start`. */
function initScriptStarted(words: string[], index: number): string | undefined {
  const program = words[index];
  const name = program.slice(program.lastIndexOf('/') + 1);
  if (program.startsWith('/etc/init.d/') && SERVICE_START_ACTIONS.includes(words[index + 1] ?? '')) return name;
  if (SERVICE_STARTERS.some((s) => s.command === name) && SERVICE_START_ACTIONS.includes(words[index + 2] ?? '')) return words[index + 1];
  return undefined;
}

/** What a start-script command does that needs root, in a few words, and what to do where the usual advice cannot work; undefined when it needs none. */
function rootOnlyWork(command: ScriptCommand, cwd: string): { what: string; advice?: string } | undefined {
  const cmd = commandName(command.words);
  if (cmd) {
    const args = command.words.slice(cmd.index + 1);
    const row = ROOT_ONLY_WORK.find((r) => r.commands.includes(cmd.name) && (!r.matches || r.matches(args)));
    if (row) return { what: row.what, advice: row.advice };
    const service = initScriptStarted(command.words, cmd.index);
    if (service !== undefined) return { what: `starts the ${service} service` };
  }
  // A program's config rendered whole at start is one file the user can own (script-writes hands it over).
  const write = commandWrites(command, cwd).find((w) => ROOT_OWNED_FOLDERS.some((f) => w.path === f.folder || w.path.startsWith(f.folder + '/')) && !(w.rendered && RENDERED_CONFIG.test(w.path)));
  return write && { what: write.what };
}

/** The service a start-script command starts through its init script, if it does. */
function serviceOf(command: ScriptCommand): string | undefined {
  const cmd = commandName(command.words);
  return cmd && initScriptStarted(command.words, cmd.index);
}

function quote(text: string): string {
  return text.length > QUOTE_LIMIT ? `${text.slice(0, QUOTE_LIMIT - 1)}…` : text;
}

/**
 * The start script the container runs that could not be read (not copied from the build context), by name:
 * the program of the CMD/ENTRYPOINT when it looks like a script (`*.sh`, `*entrypoint*`, `start*`, `run*`)
 * and no script of that name was read.
 */
function unreadStartScript(scripts: StartScript[]): string | undefined {
  const read = new Set(scripts.filter((s) => s.source).map((s) => path.posix.basename(s.source!)));
  for (const script of scripts.filter((s) => s.instr)) {
    for (const command of script.commands) {
      const cmd = commandName(command.words);
      if (!cmd) continue;
      const shell = ['sh', 'bash', 'ash', 'dash'].includes(cmd.name);
      const program = shell ? command.words.slice(cmd.index + 1).find((w) => !w.startsWith('-')) : command.words[cmd.index];
      if (!program) continue;
      const name = path.posix.basename(program);
      if (/\.(sh|bash)$|entrypoint|^(start|run|init|boot)/i.test(name) && !read.has(name)) return program;
    }
  }
  return undefined;
}
