// Project settings: .harden-dockerfile.json or package.json's "harden-dockerfile" key, found upwards from the current folder.
import fs from 'node:fs';
import path from 'node:path';
import { writeFilesAtomically } from './files.js';
import type { Learned, LearnedWrite } from './types.js';

export const CONFIG_FILE = '.harden-dockerfile.json';
export const PACKAGE_KEY = 'harden-dockerfile';

const MAX_ID = 2 ** 31 - 1;
const NAME_RE = /^[a-z_][a-z0-9_-]{0,30}\$?$/;

/** Settings a config may give, for all files or for the files an override names. */
export interface Settings {
  uid?: number;
  gid?: number;
  user?: string;
  group?: string;
  writable?: string[];
  /** What `--learn` saw this file's image write (per file only: never from the top level or an override). */
  learned?: Learned;
}

export interface Override extends Settings {
  files: string[];
}

export interface Config extends Settings {
  /** The file the settings came from (package.json or .harden-dockerfile.json), absolute. */
  source: string;
  /** Patterns are relative to this folder. */
  dir: string;
  skip: string[];
  overrides: Override[];
  /** What `--learn` saw, by Dockerfile path relative to `dir` (forward slashes). */
  learnedFiles: Record<string, Learned>;
}

/** A config that cannot be used; the message names the file. */
export class ConfigError extends Error {}

/** The nearest config from `cwd` upwards, or undefined when there is none. */
export function findConfig(cwd: string): Config | undefined {
  let dir = path.resolve(cwd);
  for (;;) {
    const own = path.join(dir, CONFIG_FILE);
    if (fs.existsSync(own)) return parseConfig(readJson(own), own);
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg)) {
      const json = readJson(pkg);
      if (json && typeof json === 'object' && PACKAGE_KEY in json) return parseConfig((json as Record<string, unknown>)[PACKAGE_KEY], pkg, `"${PACKAGE_KEY}" in `);
    }
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(`${file}: cannot read: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new ConfigError(`${file}: not valid JSON: ${(err as Error).message}`);
  }
}

const SETTING_KEYS = ['uid', 'gid', 'user', 'group', 'writable'];
const TOP_KEYS = [...SETTING_KEYS, 'skip', 'overrides', 'learned', '$schema'];
const OVERRIDE_KEYS = [...SETTING_KEYS, 'files'];

/** Validate a config object strictly: unknown keys and bad values are refused, naming the file. */
export function parseConfig(value: unknown, source: string, where = ''): Config {
  const fail = (msg: string): never => {
    throw new ConfigError(`${where}${source}: ${msg}`);
  };
  if (!isObject(value)) return fail('the config must be a JSON object');
  checkKeys(value, TOP_KEYS, '', fail);
  const overrides = value.overrides === undefined ? [] : Array.isArray(value.overrides) ? value.overrides : fail('"overrides" must be an array');
  return {
    ...settings(value, '', fail),
    source,
    dir: path.dirname(source),
    skip: value.skip === undefined ? [] : stringList(value.skip, 'skip', fail),
    overrides: overrides.map((o, i) => {
      const at = `overrides[${i}].`;
      if (!isObject(o)) return fail(`"overrides[${i}]" must be an object`);
      checkKeys(o, OVERRIDE_KEYS, at, fail);
      if (o.files === undefined) fail(`"${at}files" is required (a path or glob, or a list of them)`);
      const files = typeof o.files === 'string' ? [o.files] : stringList(o.files, `${at}files`, fail);
      return { ...settings(o, at, fail), files };
    }),
    learnedFiles: value.learned === undefined ? {} : learnedSection(value.learned, fail),
  };
}

function learnedSection(v: unknown, fail: (msg: string) => never): Record<string, Learned> {
  if (!isObject(v)) return fail('"learned" must be an object keyed by Dockerfile path');
  const out: Record<string, Learned> = {};
  for (const [file, entry] of Object.entries(v)) {
    const at = `learned["${file}"]`;
    if (!isObject(entry) || !Array.isArray(entry.writes)) return fail(`"${at}" must be an object with a "writes" list (written by --learn)`);
    const writes: LearnedWrite[] = entry.writes.map((w, i) => {
      if (!isObject(w) || typeof w.path !== 'string' || !w.path.startsWith('/') || (w.type !== 'file' && w.type !== 'dir') || (w.change !== 'new' && w.change !== 'modified')) {
        return fail(`"${at}.writes[${i}]" must be {"path": "/abs", "type": "file"|"dir", "change": "new"|"modified"}`);
      }
      return { path: w.path, type: w.type, change: w.change };
    });
    const learned: Learned = { writes };
    if (typeof entry.command === 'string') learned.command = entry.command;
    if (typeof entry.exitCode === 'number') learned.exitCode = entry.exitCode;
    if (typeof entry.smoke === 'string') learned.smoke = entry.smoke;
    if (typeof entry.at === 'string') learned.at = entry.at;
    out[file.replace(/^\.\//, '')] = learned;
  }
  return out;
}

function settings(o: Record<string, unknown>, at: string, fail: (msg: string) => never): Settings {
  const out: Settings = {};
  if (o.uid !== undefined) out.uid = id(o.uid, `${at}uid`, false, fail);
  if (o.gid !== undefined) out.gid = id(o.gid, `${at}gid`, true, fail);
  if (o.user !== undefined) out.user = linuxName(o.user, `${at}user`, fail);
  if (o.group !== undefined) out.group = linuxName(o.group, `${at}group`, fail);
  if (o.writable !== undefined) {
    out.writable = stringList(o.writable, `${at}writable`, fail);
    for (const p of out.writable) if (!p.startsWith('/')) fail(`"${at}writable" takes absolute paths inside the image, got '${p}'`);
  }
  return out;
}

function id(v: unknown, key: string, allowZero: boolean, fail: (msg: string) => never): number {
  const n = typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > MAX_ID) return fail(`"${key}" must be a whole number from ${allowZero ? 0 : 1} to ${MAX_ID}, got ${JSON.stringify(v)}`);
  if (n === 0 && !allowZero) return fail(`"${key}" 0 is root: choose an unprivileged id such as 1001`);
  return n;
}

function linuxName(v: unknown, key: string, fail: (msg: string) => never): string {
  if (typeof v !== 'string' || !NAME_RE.test(v)) return fail(`"${key}" must be a valid Linux name (lower case letters, digits, _ and -), got ${JSON.stringify(v)}`);
  if (v === 'root') return fail(`"${key}" root is the superuser: choose an unprivileged name`);
  return v;
}

function stringList(v: unknown, key: string, fail: (msg: string) => never): string[] {
  if (!Array.isArray(v) || v.some((s) => typeof s !== 'string' || s === '')) return fail(`"${key}" must be a list of non-empty strings`);
  return v as string[];
}

function checkKeys(o: Record<string, unknown>, allowed: string[], at: string, fail: (msg: string) => never): void {
  for (const key of Object.keys(o)) if (!allowed.includes(key)) fail(`unknown setting "${at}${key}" (known: ${allowed.filter((k) => k !== '$schema').join(', ')})`);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Path of a file relative to the config's folder, with forward slashes, for matching patterns. */
function relativeToConfig(config: Config, absFile: string): string {
  return path.relative(config.dir, absFile).split(path.sep).join('/');
}

/**
 * Whether a pattern matches a path: `*` and `?` stay within a folder, `**` crosses folders, and a
 * pattern without `/` matches the file name in any folder (as in .gitignore).
 */
export function matchesPattern(pattern: string, rel: string): boolean {
  const p = pattern.replace(/^\.\//, '').replace(/\/$/, '/**');
  const target = p.includes('/') ? rel : rel.split('/').pop() ?? rel;
  let re = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '*' && p[i + 1] === '*') {
      const slash = p[i + 2] === '/';
      re += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`).test(target);
}

/** The skip pattern that matches a file, when one does. */
export function skipPattern(config: Config, absFile: string): string | undefined {
  const rel = relativeToConfig(config, absFile);
  return config.skip.find((p) => matchesPattern(p, rel));
}

/** Settings for one file: the config's own, then each matching override in order (later wins). */
export function settingsFor(config: Config | undefined, absFile: string): Settings {
  if (!config) return {};
  const { uid, gid, user, group, writable } = config;
  let out: Settings = strip({ uid, gid, user, group, writable });
  const rel = relativeToConfig(config, absFile);
  for (const o of config.overrides) {
    if (!o.files.some((p) => matchesPattern(p, rel))) continue;
    const { files: _files, ...rest } = o;
    out = { ...out, ...strip(rest) };
  }
  const learned = config.learnedFiles[rel];
  if (learned) out.learned = learned;
  return out;
}

/**
 * Keep what `--learn` saw for one Dockerfile in the nearest config (a new .harden-dockerfile.json in `cwd`
 * when there is none), replacing only that file's entry: every other setting, and the file's indentation, stay.
 * Written atomically (a temp file beside it, then a rename). Returns the config file written.
 */
export function saveLearned(cwd: string, absDockerfile: string, learned: Learned): string {
  const found = findConfig(cwd);
  const source = found?.source ?? path.join(path.resolve(cwd), CONFIG_FILE);
  const inPackage = path.basename(source) === 'package.json';
  let text = '';
  try {
    text = fs.readFileSync(source, 'utf8');
  } catch {
    // No config yet: a new one holds only the learned section.
  }
  const bom = text.startsWith('\uFEFF') ? '\uFEFF' : '';
  const doc = (text.trim() ? JSON.parse(text.slice(bom.length)) : {}) as Record<string, unknown>;
  const settingsObj = (inPackage ? doc[PACKAGE_KEY] : doc) as Record<string, unknown>;
  const section = isObject(settingsObj.learned) ? settingsObj.learned : (settingsObj.learned = {});
  const rel = path.relative(path.dirname(source), absDockerfile).split(path.sep).join('/');
  section[rel] = learned;
  const indent = /^[ \t]+(?=")/m.exec(text)?.[0] ?? '  ';
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const out = bom + JSON.stringify(doc, null, indent).replace(/\n/g, eol) + eol;
  writeFilesAtomically([{ path: source, text: out }], diffName(cwd, source));
  return source;
}

function diffName(cwd: string, file: string): string {
  return path.relative(cwd, file) || file;
}

function strip(s: Settings): Settings {
  return Object.fromEntries(Object.entries(s).filter(([, v]) => v !== undefined)) as Settings;
}
