// Finding Dockerfiles, reading them strictly, and writing them atomically.
import fs from 'node:fs';
import path from 'node:path';
import { threadId } from 'node:worker_threads';
import { HardenError } from './errors.js';

/** Files under a folder, relative to it, sorted; undefined when the path is not a folder. */
/** Whether a path is a folder; false for a missing path or one that goes through a file (ENOTDIR). */
function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p, { throwIfNoEntry: false })?.isDirectory() ?? false;
  } catch {
    return false;
  }
}

/** Whether a path is a regular file (following links); false when it cannot be reached. */
export function isFile(p: string): boolean {
  try {
    return fs.statSync(p, { throwIfNoEntry: false })?.isFile() ?? false;
  } catch {
    return false;
  }
}

export function listFilesUnder(dir: string): string[] | undefined {
  if (!isDirectory(dir)) return undefined;
  const found: string[] = [];
  const walk = (current: string, prefix: string) => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(path.join(current, entry.name), rel);
      else found.push(rel);
    }
  };
  walk(dir, '');
  return found;
}

const SKIP_DIRS = new Set(['node_modules', '.git']);

/** Dockerfile, Dockerfile.*, *.Dockerfile, Containerfile (and Containerfile.*), any case. */
export function isDockerfileName(name: string): boolean {
  return /^(docker|container)file(\..+)?$/i.test(name) || /.\.(docker|container)file$/i.test(name);
}

/**
 * The Dockerfiles under a folder, sorted, skipping node_modules and .git. `onFolder` gets the entries of
 * each folder that holds one, so its other files can be looked up later without asking the disk again.
 */
export function findDockerfiles(dir: string, onFolder?: (dir: string, entries: fs.Dirent[]) => void): string[] {
  const found: string[] = [];
  const walk = (current: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(current, { withFileTypes: true });
    } catch (err) {
      throw new HardenError(`cannot read folder: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, current);
    }
    let holdsOne = false;
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name)) walk(full);
      } else if ((entry.isFile() || entry.isSymbolicLink()) && isDockerfileName(entry.name)) {
        found.push(full);
        holdsOne = true;
      }
    }
    if (holdsOne) onFolder?.(current, entries);
  };
  walk(dir);
  return found;
}

const BOM = '\uFEFF';

export interface ReadText {
  text: string;
  bom: boolean;
}

/** Decode strictly: binary and non-UTF-8 files are refused rather than rewritten. */
export function decodeDockerfile(buffer: Buffer, file: string): ReadText {
  if (buffer.includes(0)) throw new HardenError('binary file (contains NUL bytes): not a Dockerfile', file);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(buffer);
  } catch {
    throw new HardenError('not valid UTF-8: refusing to rewrite it', file);
  }
  const bom = text.startsWith(BOM);
  return { text: bom ? text.slice(1) : text, bom };
}

/** Read `file`; errors name it as `reportAs` (the path the user gave). */
export function readDockerfile(file: string, reportAs = file): ReadText {
  try {
    // Node's own UTF-8 read is the fast path; it turns bad bytes into U+FFFD, so only a text holding one
    // (or a NUL) is read again as bytes and decoded strictly, to refuse it with the right reason.
    const text = fs.readFileSync(file, 'utf8');
    if (!text.includes('\uFFFD') && !text.includes('\0')) {
      const bom = text.startsWith(BOM);
      return { text: bom ? text.slice(1) : text, bom };
    }
    return decodeDockerfile(fs.readFileSync(file), reportAs);
  } catch (err) {
    if (err instanceof HardenError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new HardenError(code === 'ENOENT' ? 'no such file or folder' : code === 'EISDIR' ? 'is a folder' : `cannot read: ${code ?? String(err)}`, reportAs);
  }
}

/**
 * Refuse a read-only file or folder. Write bits cleared means read only, even for root, who could
 * otherwise replace it anyway. `stat` is the target's, when it exists.
 */
function refuseReadOnly(target: string, stat: fs.Stats | undefined, what: 'file' | 'folder', reportAs: string): void {
  // A file that does not exist yet is created; a folder that cannot be looked at cannot be written to.
  if (!stat && what === 'file') return;
  let readOnly = !stat || (stat.mode & 0o222) === 0;
  if (!readOnly) {
    try {
      fs.accessSync(target, fs.constants.W_OK);
    } catch {
      readOnly = true;
    }
  }
  if (readOnly) throw new HardenError(`cannot write: the ${what} ${path.relative(process.cwd(), target) || '.'} is read only; nothing changed`, reportAs);
}

export function withBom(text: string, bom: boolean): string {
  return bom ? BOM + text : text;
}

/**
 * Replace files so each is either fully old or fully new: write temp files beside the real targets
 * (following symlinks), keep their modes, then rename them all into place. Returns the real paths written.
 */
export function writeFilesAtomically(files: { path: string; text: string }[], reportAs: string): string[] {
  const staged: { temp: string; target: string }[] = [];
  try {
    for (const f of files) {
      let target: string;
      try {
        // One system call, where the JavaScript realpath walks every folder of the path.
        target = fs.realpathSync.native(f.path);
      } catch {
        target = f.path;
      }
      const stat = fs.statSync(target, { throwIfNoEntry: false });
      refuseReadOnly(target, stat, 'file', reportAs);
      const dir = path.dirname(target);
      refuseReadOnly(dir, fs.statSync(dir, { throwIfNoEntry: false }), 'folder', reportAs);
      const mode = stat ? stat.mode & 0o7777 : 0o644;
      const temp = path.join(dir, `.${path.basename(target)}.harden-${process.pid}-${threadId}-${staged.length}.tmp`);
      staged.push({ temp, target });
      fs.writeFileSync(temp, f.text, { mode, flag: 'wx' });
      // The mode given at creation is narrowed by the umask: set it exactly.
      fs.chmodSync(temp, mode);
    }
    for (const s of staged) fs.renameSync(s.temp, s.target);
  } catch (err) {
    for (const s of staged) fs.rmSync(s.temp, { force: true });
    if (err instanceof HardenError) throw err;
    const e = err as NodeJS.ErrnoException;
    throw new HardenError(`cannot write: ${e.code ?? e.message}${e.path ? ` (${e.path})` : ''}; nothing changed`, reportAs);
  }
  return staged.map((s) => s.target);
}
