// Detector: files the container runs that only root may read or run, so the unprivileged user cannot start
// them: `ADD <url>` creates its file with mode 600, and `chmod 700` / `chmod 400` / `chmod u+x` keep others out.
import path from 'node:path';
import { imageModel } from '../../src/image-model.js';
import { startScripts } from '../../src/scripts.js';
import { commandName } from '../../src/shell.js';
import type { Detector, DetectorResult, Note, PassContext } from '../../src/types.js';
import { cleanPath, workdirs } from './shared.js';

export const name = 'file-modes';
export const description = 'Files the container starts that only root can read or run (ADD <url> makes them 600; chmod 700/400/u+x keeps others out)';

const reasons = {
  cannotRun: (file: string, mode: string, why: string, user: string, gid: number) =>
    `${file} is root's with mode ${mode} (${why}) and the container runs it: ${user} cannot; make it 0755 in that step (ADD --chmod=755), or chgrp ${gid} and chmod g+rx to keep others out`,
  cannotRead: (file: string, mode: string, why: string, user: string, gid: number) =>
    `${file} is root's with mode ${mode} (${why}) and the container reads it: ${user} cannot; make it 0644 in that step, or chgrp ${gid} and chmod g+r to keep it from others`,
};

const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export const fileModes: Detector = {
  name,
  description,
  detect({ analysis, plan }: PassContext): DetectorResult {
    if (!plan.user) return { paths: [] };
    const modes = imageModel(analysis).finalModes();
    const workdir = workdirs(analysis).at(-1)?.path ?? '/';
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
