// Programs that switch to another user on their own (gunicorn's user/group): read from their flags and the
// config file they load, so a pass can tell a start that needs root from one any user can make.
import path from 'node:path';
import { SELF_DROPPING_SETTINGS } from './data/entrypoints.js';
import { copiedSource } from './scripts.js';
import type { Analysis } from './types.js';

/** One setting that makes a program switch user: which program, the key, the user or group it names, and where. */
export interface SelfDrop {
  program: string;
  key: string;
  value: string;
  /** The setting as written: `user = "app"`, `--user=app`. */
  text: string;
  /** `gunicorn.conf.py:12` (build-context path) for a config line; undefined for a flag of the command itself. */
  where?: string;
}

/** The user/group switches a command asks of the program it runs; `cwd` resolves a relative config path. */
export function selfDropSettings(analysis: Analysis, words: string[], cwd: string): SelfDrop[] {
  const found: SelfDrop[] = [];
  for (const row of SELF_DROPPING_SETTINGS) {
    const at = words.findIndex((w) => path.posix.basename(w) === row.program);
    if (at < 0) continue;
    let config: string | undefined;
    const args = words.slice(at + 1);
    for (let i = 0; i < args.length; i++) {
      const { flag, value, next } = flagValue(args, i);
      if (flag === undefined) continue;
      const text = next ? `${args[i]} ${value ?? ''}`.trim() : args[i];
      if (next) i++;
      if (value === undefined) continue;
      if (row.flags.includes(flag)) found.push({ program: row.program, key: flag.replace(/^-+/, ''), value, text });
      else if (row.configFlags.includes(flag)) config = value;
    }
    // gunicorn's `python:module` config form names no file.
    const file = config ?? row.defaultConfig;
    if (file === undefined || file.startsWith('python:')) continue;
    const rel = copiedSource(analysis, path.posix.resolve(cwd, file), analysis.text.length);
    const text = rel === undefined ? undefined : analysis.readContextFile(rel);
    if (text === undefined) continue;
    text.split('\n').forEach((line, n) => {
      // A top-level assignment of a literal: `user = "app"`, `group = 1000`.
      const m = /^([A-Za-z_]\w*)\s*=\s*(?:(['"])([^'"\n]*)\2|(\d+))\s*(#.*)?\r?$/.exec(line);
      if (m && row.configKeys.includes(m[1])) found.push({ program: row.program, key: m[1], value: m[3] ?? m[4], text: line.replace(/\s*(#.*)?\r?$/, ''), where: `${rel}:${n + 1}` });
    });
  }
  return found;
}

/** The flag at `i` with its value: `--user=app`, `--user app`, `-uapp`, `-u app`; `next` when the value is the following word. */
function flagValue(args: string[], i: number): { flag?: string; value?: string; next: boolean } {
  const w = args[i];
  if (w.startsWith('--')) {
    const eq = w.indexOf('=');
    if (eq > 0) return { flag: w.slice(0, eq), value: w.slice(eq + 1), next: false };
    return { flag: w, value: args[i + 1], next: true };
  }
  if (/^-[A-Za-z]$/.test(w)) return { flag: w, value: args[i + 1], next: true };
  if (/^-[A-Za-z]./.test(w)) return { flag: w.slice(0, 2), value: w.slice(2), next: false };
  return { next: false };
}
