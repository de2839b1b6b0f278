// Shared by the tests: the golden fixture pairs and a way to run the engine on them like the CLI does.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { hardenText } from '../src/engine.js';
import { listFilesUnder } from '../src/files.js';
import { defaultOptions, type FileResult, type HardenOptions } from '../src/types.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const fixturesRoot = path.join(repoRoot, '__fixtures__');

export interface GoldenCase {
  /** `<pass>/<case>` */
  id: string;
  input: string;
  output: string;
  /** Build context folder (`<case>.context/`), when the case has one. */
  context?: string;
  /** Expected versions of context files the tool edits (`<case>.context.output/`). */
  contextOutput?: string;
  /** Options for the case (`<case>.options.json`), over the defaults. */
  options: HardenOptions;
}

export function goldenCases(): GoldenCase[] {
  const cases: GoldenCase[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!entry.name.includes('.context')) walk(full);
        continue;
      }
      const m = /^(.*)\.input\.Dockerfile$/.exec(entry.name);
      if (!m) continue;
      const base = path.join(dir, m[1]);
      const optionsFile = `${base}.options.json`;
      const extra = fs.existsSync(optionsFile) ? (JSON.parse(fs.readFileSync(optionsFile, 'utf8')) as Partial<HardenOptions>) : {};
      cases.push({
        id: path.relative(fixturesRoot, base).split(path.sep).join('/'),
        input: full,
        output: `${base}.output.Dockerfile`,
        context: fs.existsSync(`${base}.context`) ? `${base}.context` : undefined,
        contextOutput: fs.existsSync(`${base}.context.output`) ? `${base}.context.output` : undefined,
        options: { ...defaultOptions, ...extra },
      });
    }
  };
  walk(fixturesRoot);
  return cases;
}

/** Harden a text as the CLI would, reading context files from a folder. */
export function hardenWithContext(file: string, text: string, options: HardenOptions, contextDir?: string): FileResult {
  return hardenText({
    file,
    text,
    options,
    contextDir: contextDir ?? path.dirname(file),
    readContextFile: (rel) => {
      if (!contextDir) return undefined;
      const full = path.join(contextDir, rel.replace(/^\/+/, ''));
      return fs.existsSync(full) && fs.statSync(full).isFile() ? fs.readFileSync(full, 'utf8') : undefined;
    },
    listContextFiles: (relDir) => (contextDir ? listFilesUnder(path.join(contextDir, relDir.replace(/^\/+/, ''))) : undefined),
  });
}

export function readBytes(file: string): string {
  return fs.readFileSync(file, 'utf8');
}

/** The executable users get: package.json's bin (the bundled CLI), built by `npm test` before jest runs. */
export const binPath = path.join(
  repoRoot,
  (JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { bin: Record<string, string> }).bin['harden-dockerfile'],
);

/** A build context held in memory (`{ 'app/main.py': '…' }`), as the engine reads one: files, and the files under a folder. */
export function memoryContext(files: Record<string, string>): { readContextFile: (rel: string) => string | undefined; listContextFiles: (dir: string) => string[] | undefined } {
  return {
    readContextFile: (rel) => files[rel],
    listContextFiles: (dir) => {
      const prefix = dir === '.' || dir === '' ? '' : `${dir.replace(/\/+$/, '')}/`;
      const found = Object.keys(files).filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length)).sort();
      return found.length > 0 && files[dir] === undefined ? found : undefined;
    },
  };
}
