// `--learn` for the CLI: learn what each Dockerfile's image writes, and keep it in the config file so later
// runs (a CI dry run without an engine) use it.
import fs from 'node:fs';
import path from 'node:path';
import { saveLearned } from './config.js';
import type { Learned } from './types.js';
import type { Engine } from './verify.js';

export interface LearnRunOptions {
  engine?: Engine;
  timeoutSeconds: number;
  smoke?: string;
  target?: string;
  buildArgs: Record<string, string>;
  /** Build context for every file (--context), else each Dockerfile's folder. */
  context?: string;
  cwd: string;
  log: (line: string) => void;
}

/** 'failed': a one-line error was printed for a file (exit 2); 'no-engine' stops the run. */
export type LearnOutcome = 'learned' | 'failed' | 'no-engine';

export async function learnFiles(files: string[], options: LearnRunOptions): Promise<LearnOutcome> {
  const { learnDockerfile, LearnError, VerifyEngineError } = await import('./learn.js');
  let failed = false;
  for (const file of files) {
    const abs = path.resolve(options.cwd, file);
    let text: string;
    try {
      text = fs.readFileSync(abs, 'utf8').replace(/^\uFEFF/, '');
    } catch (err) {
      options.log(`harden-dockerfile: ${file}: --learn: cannot read: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
      failed = true;
      continue;
    }
    options.log(`${file}: learning what it writes (build the unhardened image, run its command once as root)`);
    try {
      const r = await learnDockerfile({
        dockerfileText: text,
        contextDir: options.context !== undefined ? path.resolve(options.cwd, options.context) : path.dirname(abs),
        engine: options.engine,
        timeoutSeconds: options.timeoutSeconds,
        smoke: options.smoke,
        target: options.target,
        buildArgs: options.buildArgs,
        log: (line) => options.log(`  ${line}`),
      });
      const still = r.exitCode === 124 || r.exitCode === 137;
      options.log(`  ${r.command}: ${still ? `still running after ${options.timeoutSeconds}s` : `exited ${r.exitCode}`}; ${r.writes.length} path${r.writes.length === 1 ? '' : 's'} created or changed (${r.seconds}s with ${r.engine})`);
      if (r.smoke !== undefined && r.smokeExit !== 0) options.log(`  warning: --learn-cmd exited ${r.smokeExit}: what it should have made the command write may be missing`);
      if (!still && r.exitCode !== 0) options.log(`  warning: the command exited ${r.exitCode} as root${r.output ? ` (${r.output})` : ''}: what it wrote before that is learned, but it may write more once it runs`);
      const learned: Learned = { writes: r.writes, command: r.command, exitCode: r.exitCode, ...(r.smoke !== undefined ? { smoke: r.smoke } : {}), at: new Date().toISOString() };
      const saved = saveLearned(options.cwd, abs, learned);
      options.log(`  kept in ${path.relative(options.cwd, saved) || saved}, so later runs use it without an engine`);
    } catch (err) {
      if (err instanceof VerifyEngineError) {
        options.log(`harden-dockerfile: ${err.message.replace(/^--verify\b/, '--learn')}`);
        return 'no-engine';
      }
      const message = err instanceof Error ? err.message.split('\n', 1)[0] : String(err);
      options.log(`harden-dockerfile: ${file}: --learn: ${err instanceof LearnError ? message : `failed: ${message}`}`);
      failed = true;
    }
  }
  return failed ? 'failed' : 'learned';
}
