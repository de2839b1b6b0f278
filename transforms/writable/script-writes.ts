// Detector: what the container's start scripts write (redirections, tee, touch, mkdir, sed -i, cp/mv/ln targets).
import { RENDERED_CONFIG, ROOT_OWNED_FOLDERS } from '../../src/data/entrypoints.js';
import { commandWrites, startDir, startScripts, whereIs } from '../../src/scripts.js';
import { commandName } from '../../src/shell.js';
import type { Detector, DetectorResult, PassContext, WritePath } from '../../src/types.js';

/** The longest command text evidence quotes. */
const QUOTE_LIMIT = 60;

export const scriptWrites: Detector = {
  name: 'script-writes',
  description: 'Paths the ENTRYPOINT/CMD scripts copied from the build context write when the container starts',
  detect(ctx: PassContext): DetectorResult {
    const { analysis } = ctx;
    const paths: WritePath[] = [];
    const cwd = startDir(analysis);
    for (const script of startScripts(analysis)) {
      for (const command of script.commands) {
        // A branch that runs only as root writes nothing once the container starts as the user.
        if (command.rootOnlyBranch) continue;
        const line = script.instr ? command.line : undefined;
        const { text } = command;
        const evidence = `${whereIs(script, command)}: ${text.length > QUOTE_LIMIT ? `${text.slice(0, QUOTE_LIMIT - 1)}…` : text}`;
        for (const w of commandWrites(command, cwd)) {
          // Files under /etc are root work, which the privilege-drop pass reports, except a program's config
          // rendered whole at start: that one file is the user's (the folder and every other file stay root's).
          const rendered = w.rendered === true && RENDERED_CONFIG.test(w.path);
          if (!rendered && ROOT_OWNED_FOLDERS.some((f) => w.path === f.folder || w.path.startsWith(f.folder + '/'))) continue;
          paths.push({ path: w.path, kind: w.kind, line, evidence: rendered ? `${evidence}; the config is rendered whole at start, so only that file is handed over` : evidence });
        }
        // A chown the user cannot do names a folder the script means to be written: offered, not handed over.
        const cmd = commandName(command.words);
        if (cmd?.name === 'chown' || cmd?.name === 'chgrp') {
          const targets = command.words.slice(cmd.index + 1).filter((a) => !a.startsWith('-')).slice(1);
          for (const t of targets) if (t.startsWith('/') && !t.includes('$')) paths.push({ path: t, kind: 'dir', line, evidence, reportOnly: true });
        }
      }
    }
    return { paths };
  },
};
