// Detector: files the container runs that only root may read or run, so the unprivileged user cannot start
// them: `ADD <url>` creates its file with mode 600, and `chmod 700` / `chmod 400` / `chmod u+x` keep others out.
import path from 'node:path';
import { startScripts } from '../../src/scripts.js';
import { commandName, splitCommands } from '../../src/shell.js';
import type { Detector, DetectorResult, Note, PassContext } from '../../src/types.js';
import { unquote } from '../../src/variables.js';
import { cleanPath, instructionWords, lineOf, runtimeInstructions } from './shared.js';

export const name = 'file-modes';
export const description = 'Files the container starts that only root can read or run (ADD <url> makes them 600; chmod 700/400/u+x keeps others out)';

const reasons = {
  cannotRun: (file: string, mode: string, why: string, user: string, gid: number) =>
    `${file} is root's with mode ${mode} (${why}) and the container runs it: ${user} cannot; make it 0755 in that step (ADD --chmod=755), or chgrp ${gid} and chmod g+rx to keep others out`,
  cannotRead: (file: string, mode: string, why: string, user: string, gid: number) =>
    `${file} is root's with mode ${mode} (${why}) and the container reads it: ${user} cannot; make it 0644 in that step, or chgrp ${gid} and chmod g+r to keep it from others`,
};

const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** Docker docs, ADD: "If <src> is a remote file URL, the destination will have permissions of 600." */
const REMOTE_ADD_MODE = 0o600;

export const fileModes: Detector = {
  name,
  description,
  detect({ analysis, plan }: PassContext): DetectorResult {
    if (!plan.user) return { paths: [] };
    const modes = new Map<string, { mode: number; why: string }>();
    let workdir = '/';
    for (const instr of runtimeInstructions(analysis)) {
      if (instr.keyword === 'WORKDIR') workdir = path.posix.resolve(workdir, analysis.resolve(unquote(instr.args.trim()), instr));
      if (instr.keyword === 'ADD' || instr.keyword === 'COPY') {
        const words = instructionWords(instr).map((w) => analysis.resolve(w, instr));
        const plain = words.filter((w) => !w.startsWith('--'));
        if (plain.length < 2) continue;
        const destRaw = plain[plain.length - 1];
        const chmod = words.find((w) => w.startsWith('--chmod='));
        for (const src of plain.slice(0, -1)) {
          const dest = cleanPath(path.posix.resolve(workdir, destRaw.endsWith('/') ? path.posix.join(destRaw, path.posix.basename(src)) : destRaw));
          if (chmod && /^[0-7]{3,4}$/.test(chmod.slice(8))) modes.set(dest, { mode: parseInt(chmod.slice(8), 8), why: `line ${lineOf(instr)}: --chmod` });
          else if (instr.keyword === 'ADD' && /^https?:\/\//.test(src)) modes.set(dest, { mode: REMOTE_ADD_MODE, why: `line ${lineOf(instr)}: ADD of a URL makes it 600` });
          else modes.delete(dest);
        }
      }
      if (instr.keyword !== 'RUN') continue;
      for (const words of splitCommands(analysis.resolve(instr.args, instr))) {
        const cmd = commandName(words);
        if (cmd?.name !== 'chmod') continue;
        const args = words.slice(cmd.index + 1).filter((w) => !/^-[A-Za-z]+$/.test(w));
        const [spec, ...targets] = args;
        if (!spec) continue;
        for (const t of targets) {
          const p = cleanPath(path.posix.resolve(workdir, t));
          const before = modes.get(p);
          const mode = applyMode(before?.mode, spec);
          if (mode === undefined) modes.delete(p);
          else modes.set(p, { mode, why: `line ${lineOf(instr)}: chmod ${spec}` });
        }
      }
    }

    const notes: Note[] = [];
    const started = startedPaths(analysis, workdir);
    for (const [p, { mode, why }] of modes) {
      // Others may read it: fine as a config; a program also needs others' execute bit.
      const othersRead = (mode & 0o004) !== 0;
      const othersRun = (mode & 0o001) !== 0;
      const run = started.run.has(p);
      const read = started.read.has(p);
      if ((run && othersRead && othersRun) || (!run && (!read || othersRead))) continue;
      const text = mode.toString(8).padStart(4, '0');
      const message = run ? reasons.cannotRun(p, text, why, plan.user.name, plan.user.gid) : reasons.cannotRead(p, text, why, plan.user.name, plan.user.gid);
      notes.push({ level: 'warn', risk: true, message });
    }
    return { paths: [], notes };
  },
};

/** A chmod mode applied to a known mode: numeric sets it, symbolic ([ugoa]*[+-=][rwx]*) changes it; undefined when unknown. */
export function applyMode(before: number | undefined, spec: string): number | undefined {
  if (/^[0-7]{3,4}$/.test(spec)) return parseInt(spec, 8) & 0o7777;
  if (before === undefined) return undefined;
  let mode = before;
  for (const clause of spec.split(',')) {
    const m = /^([ugoa]*)([-+=])([rwxX]*)$/.exec(clause);
    if (!m) return undefined;
    const who = m[1] === '' || m[1].includes('a') ? 'ugo' : m[1];
    let bits = 0;
    for (const w of who) {
      const shift = w === 'u' ? 6 : w === 'g' ? 3 : 0;
      for (const p of m[3]) bits |= (p === 'r' ? 4 : p === 'w' ? 2 : 1) << shift;
    }
    if (m[2] === '+') mode |= bits;
    else if (m[2] === '-') mode &= ~bits;
    else {
      let mask = 0;
      for (const w of who) mask |= 7 << (w === 'u' ? 6 : w === 'g' ? 3 : 0);
      mode = (mode & ~mask) | bits;
    }
  }
  return mode;
}

/** Paths the container runs (the program of each start command) and passes as arguments (configs it reads). */
function startedPaths(analysis: Parameters<typeof startScripts>[0], workdir: string): { run: Set<string>; read: Set<string> } {
  const run = new Set<string>();
  const read = new Set<string>();
  for (const script of startScripts(analysis)) {
    for (const command of script.commands) {
      const cmd = commandName(command.words);
      if (!cmd) continue;
      const program = command.words[cmd.index];
      if (program.includes('/')) run.add(cleanPath(path.posix.resolve(workdir, program)));
      // A bare name runs from PATH.
      else for (const dir of (analysis.env.get('PATH') ?? DEFAULT_PATH).split(':')) if (dir.startsWith('/')) run.add(path.posix.join(dir, program));
      for (const w of command.words.slice(cmd.index + 1)) {
        const value = w.includes('=') && w.startsWith('-') ? w.slice(w.indexOf('=') + 1) : w;
        // A path, or a config named relative to the working folder (`-c gunicorn.conf.py`).
        if (value.startsWith('/') || value.startsWith('./') || /^[\w.-]+\.(conf|cfg|ini|py|ya?ml|json|toml)$/.test(value)) read.add(cleanPath(path.posix.resolve(workdir, value)));
      }
    }
  }
  return { run, read };
}
