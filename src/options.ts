// Command-line options: their types, and turning them into the engine's options for one file.
import type { ColorMode } from './color.js';
import type { Settings } from './config.js';
import type { Engine } from './verify.js';
import { defaultOptions, type HardenOptions } from './types.js';

const MAX_ID = 2 ** 31 - 1;
const NAME_RE = /^[a-z_][a-z0-9_-]{0,30}\$?$/;

export type Format = 'diff' | 'json' | 'sarif' | 'github';

export interface Args {
  paths: string[];
  write: boolean;
  check: boolean;
  uid?: string;
  gid?: string;
  user?: string;
  group?: string;
  writable: string[];
  target?: string;
  'build-arg': string[];
  context?: string;
  comments: boolean;
  force: boolean;
  format: Format;
  color: ColorMode;
  verify: boolean;
  engine?: Engine;
  'verify-timeout': number;
  learn?: boolean;
  'learn-cmd'?: string;
  'learn-timeout'?: number;
  jobs?: number;
}

export class UsageError extends Error {}

function parseId(value: string, flag: string, allowZero: boolean): number {
  if (!/^\d+$/.test(String(value))) throw new UsageError(`${flag} must be a whole number, got '${value}'`);
  const id = Number(value);
  if (id > MAX_ID) throw new UsageError(`${flag} must be at most ${MAX_ID}, got ${value}`);
  if (id === 0 && !allowZero) throw new UsageError(`${flag} 0 is root: choose an unprivileged id such as 1001`);
  return id;
}

function parseName(value: string, flag: string): string {
  if (!NAME_RE.test(value)) throw new UsageError(`${flag} '${value}' is not a valid Linux name (lower case letters, digits, _ and -, starting with a letter or _)`);
  if (value === 'root') throw new UsageError(`${flag} root is the superuser: choose an unprivileged name`);
  return value;
}

export function parseBuildArgs(pairs: string[]): Record<string, string> {
  const buildArgs: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--build-arg takes NAME=VALUE, got '${pair}'`);
    buildArgs[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return buildArgs;
}

/** Options for one file: flags win over the config's settings, which win over the defaults. */
export function optionsFromArgs(args: Args, settings: Settings = {}): HardenOptions {
  if (args.write && args.check) throw new UsageError('--write and --check cannot be used together');
  const uid = args.uid !== undefined ? parseId(args.uid, '--uid', false) : settings.uid ?? defaultOptions.uid;
  const buildArgs = parseBuildArgs(args['build-arg']);
  for (const p of args.writable) {
    if (!p.startsWith('/')) throw new UsageError(`--writable takes absolute paths inside the image, got '${p}'`);
  }
  const user = args.user !== undefined ? parseName(args.user, '--user') : settings.user ?? defaultOptions.user;
  return {
    ...defaultOptions,
    uid,
    gid: args.gid !== undefined ? parseId(args.gid, '--gid', true) : settings.gid ?? uid,
    user,
    group: args.group !== undefined ? parseName(args.group, '--group') : settings.group ?? user,
    writable: [...(settings.writable ?? []), ...args.writable],
    target: args.target,
    buildArgs,
    comments: args.comments,
    force: args.force,
    ...(settings.learned ? { learned: settings.learned } : {}),
  };
}
