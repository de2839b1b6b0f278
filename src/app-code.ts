// The application code the container runs, read from the build context: the files CMD/ENTRYPOINT start
// (a Python script or module, a WSGI/ASGI app, a celery app, a Node script, the scripts a start script
// runs) and the local modules they import. Only files the container runs are read, each up to a cap.
import path from 'node:path';
import { isExecForm, isWithin } from '../transforms/writable/shared.js';
import { composeFile, mountedContextSources } from './compose.js';
import { imageModel } from './image-model.js';
import { oncePerFile } from './memo.js';
import { instructionCommandText, startDir } from './scripts.js';
import { commandName, splitCommands } from './shell.js';
import type { Analysis, Instr } from './types.js';

/**
 * Files over this size are not read: an entry module or settings file is a few kilobytes, and what is
 * larger is generated or vendored code (bundles, notebooks turned to scripts) whose writes are not the app's.
 */
export const APP_FILE_CAP = 256 * 1024;
/** At most this many files per Dockerfile: the entry points and the local modules they import, breadth first. */
export const APP_FILE_LIMIT = 40;

export interface AppFile {
  /** Where the file is in the image. */
  runtimePath: string;
  /** Where it is in the build context. */
  contextPath: string;
  text: string;
  language: 'python' | 'node' | 'shell';
  /** The folder the program runs in: WORKDIR, or where a start command `cd`s first. */
  cwd: string;
}

export interface AppCode {
  files: AppFile[];
  /** The folder the program starts in (the last WORKDIR, else /). */
  workdir: string;
  /** Programs the container starts, as words (after `sh -c` and start scripts are unfolded). */
  commands: { words: string[]; where: string }[];
  /** Files the container runs that the context does not have (copied from another stage, or not in the context). */
  unread: string[];
  /** Of `unread`, those the context has where the working folder would take them from, though nothing puts them in the image: runtime path to context path. */
  notCopied: Map<string, string>;
}

const PYTHON = /^python(\d(\.\d+)?)?$/;
const ASGI_WSGI = new Set(['gunicorn', 'uvicorn', 'hypercorn', 'daphne', 'waitress-serve', 'granian']);
const SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh']);
/** Tools that run the app and are started as `python -m <tool>` as often as by name. */
const RUNNERS = new Set(['celery', 'gunicorn', 'uvicorn', 'hypercorn', 'flask', 'streamlit', 'daphne']);

/** The app code the container runs, read once per Dockerfile. */
export const appCode: (analysis: Analysis) => AppCode = oncePerFile(readAppCode);

function readAppCode(analysis: Analysis): AppCode {
  const chain = analysis.runtimeChain.flatMap((s) => s.instructions);
  const workdir = startDir(analysis);
  const files: AppFile[] = [];
  const unread: string[] = [];
  const commands: AppCode['commands'] = [];
  const seen = new Set<string>();
  const queue: { runtimePath: string; language: AppFile['language']; cwd: string; fallbackFor?: string }[] = [];
  const want = (runtimePath: string, language: AppFile['language'], cwd: string, fallbackFor?: string) => {
    if (!seen.has(runtimePath)) {
      seen.add(runtimePath);
      queue.push({ runtimePath, language, cwd, fallbackFor });
    }
  };
  // package.json and tsconfig.json say which file `npm start` runs and where its TypeScript source is; they count against the cap too.
  const configs = new Map<string, string | undefined>();
  const readConfig = (runtimePath: string): string | undefined => {
    if (!configs.has(runtimePath)) configs.set(runtimePath, files.length + configs.size < APP_FILE_LIMIT ? readFromContext(analysis, runtimePath)?.text : undefined);
    return configs.get(runtimePath);
  };
  const countedConfigs = () => [...configs.values()].filter((t) => t !== undefined).length;
  // What the container starts, each as the files it may be (app.py or app/__init__.py): unread when none is found.
  const entries: string[][] = [];
  // Streamlit runs the pages/ folder beside its main script as pages of the same app.
  const withPages = new Set<string>();
  const start = (targets: EntryTarget[], cwd: string) => {
    // A module name may be an installed package; only a script named by its file must be in the context.
    if (targets.some((t) => t.script)) entries.push(targets.map((t) => t.path));
    for (const t of targets) {
      if (t.pages) withPages.add(t.path);
      want(t.path, t.language, cwd, t.fallbackFor);
    }
  };

  const entrypoint = [...chain].reverse().find((i) => i.keyword === 'ENTRYPOINT');
  const cmd = [...chain].reverse().find((i) => i.keyword === 'CMD');
  // An exec-form ENTRYPOINT takes the exec-form CMD as its arguments: `ENTRYPOINT ["python3"]` + `CMD ["manage.py", …]` is one command.
  const execWords = (instr: Instr | undefined) => (instr && isExecForm(instr) ? commandsOf(analysis.resolve(instr.args, instr)) : undefined);
  const joined = execWords(entrypoint);
  const cmdWords = execWords(cmd);
  if (joined?.length === 1 && cmdWords?.length === 1 && joined[0].length > 0 && !SHELLS.has(path.posix.basename(joined[0][0]))) {
    commands.push({ words: [...joined[0], ...cmdWords[0]], where: `line ${entrypoint!.startLine + 1}` });
  } else {
    for (const instr of [entrypoint, cmd]) {
      if (!instr) continue;
      for (const words of commandsOf(analysis.resolve(instr.args, instr))) commands.push({ words, where: `line ${instr.startLine + 1}` });
    }
  }
  // With no CMD or ENTRYPOINT, the compose service that builds the image says what it runs.
  if (!entrypoint && !cmd) commands.push(...composeCommands(analysis));
  const env = (name: string) => analysis.env.get(name);
  startAll(commands.map((c) => c.words), workdir, env, readConfig, start);

  while (queue.length > 0 && files.length + countedConfigs() < APP_FILE_LIMIT) {
    const next = queue.shift()!;
    // The TypeScript source stands in for compiled JavaScript only when the context does not have the JavaScript itself.
    if (next.fallbackFor && files.some((f) => f.runtimePath === next.fallbackFor)) continue;
    const found = readFromContext(analysis, next.runtimePath);
    if (!found) continue;
    const file: AppFile = { runtimePath: next.runtimePath, contextPath: found.contextPath, text: found.text, language: next.language, cwd: next.cwd };
    files.push(file);
    if (withPages.has(file.runtimePath)) {
      const pages = analysis.listContextFiles(path.posix.join(path.posix.dirname(file.contextPath), 'pages')) ?? [];
      for (const p of pages.filter((f) => !f.includes('/') && f.endsWith('.py'))) want(path.posix.join(path.posix.dirname(file.runtimePath), 'pages', p), 'python', next.cwd);
    }
    if (file.language === 'python') for (const m of pythonImports(file, next.cwd)) want(m, 'python', next.cwd);
    if (file.language === 'node') for (const m of nodeImports(file)) want(m, 'node', next.cwd);
    if (file.language === 'shell') {
      // A start script: what it execs or runs is the app.
      const scriptCommands = splitCommands(file.text);
      for (const words of scriptCommands) commands.push({ words, where: file.contextPath });
      startAll(scriptCommands, workdir, env, readConfig, start);
    }
  }
  const read = new Set(files.map((f) => f.runtimePath));
  for (const candidates of entries) if (!candidates.some((c) => read.has(c))) unread.push(candidates[0]);
  // `COPY requirements.txt .` then `python manage.py`: manage.py is in the context, just not copied into this stage.
  const notCopied = new Map<string, string>();
  for (const u of unread) {
    const rel = isWithin(u, workdir) && u !== workdir ? path.posix.relative(workdir, u) : undefined;
    if (rel !== undefined && analysis.readContextFile(rel) !== undefined) notCopied.set(u, rel);
  }
  return { files, workdir, commands, unread: [...new Set(unread)], notCopied };
}

/** The files each command starts, following `cd` from one command to the next (`cd src && python main.py`). */
function startAll(
  commands: string[][],
  workdir: string,
  env: (name: string) => string | undefined,
  readConfig: (runtimePath: string) => string | undefined,
  start: (targets: EntryTarget[], cwd: string) => void,
): void {
  let cwd = workdir;
  for (const words of commands) {
    const c = commandName(words);
    if (c?.name === 'cd' && words[c.index + 1] && !words[c.index + 1].startsWith('$')) {
      cwd = path.posix.resolve(cwd, words[c.index + 1]);
      continue;
    }
    start(entryTargets(words, cwd, env, readConfig), cwd);
  }
}

/** The `entrypoint` and `command` of the compose services built from this Dockerfile, as commands. */
function composeCommands(analysis: Analysis): { words: string[]; where: string }[] {
  const compose = composeFile(analysis);
  if (!compose || 'unreadable' in compose) return [];
  const out: { words: string[]; where: string }[] = [];
  for (const service of compose.services.filter((s) => s.buildsThis)) {
    const parts = [service.def.entrypoint, service.def.command].map((v) =>
      typeof v === 'string' ? commandsOf(v) : Array.isArray(v) && v.every((w) => typeof w === 'string') ? commandsOf(JSON.stringify(v)) : [],
    );
    const [entry, command] = parts;
    const where = `${compose.file} service '${service.name}'`;
    if (entry.length === 1 && command.length === 1 && Array.isArray(service.def.entrypoint)) out.push({ words: [...entry[0], ...command[0]], where });
    else for (const words of [...entry, ...command]) out.push({ words, where });
  }
  return out;
}


/** Simple commands of a CMD/ENTRYPOINT: exec form or shell form, with `sh -c '…'` unfolded in either. */
function commandsOf(args: string): string[][] {
  return instructionCommandText(args)
    .flatMap((text) => splitCommands(text))
    .flatMap((words) => {
      // compose's `command: sh -c "python manage.py migrate && python manage.py runserver"` runs the quoted commands.
      const c = commandName(words);
      const script = c && SHELLS.has(path.posix.basename(c.name)) && words[c.index + 1] === '-c' ? words[c.index + 2] : undefined;
      return script !== undefined ? splitCommands(script) : [words];
    });
}

interface EntryTarget {
  path: string;
  language: AppFile['language'];
  script?: boolean;
  pages?: boolean;
  /** Read only when this file (the compiled JavaScript it is the source of) is not in the context. */
  fallbackFor?: string;
}

/** Package managers whose `<tool> start` / `<tool> run <name>` runs a script of package.json. */
const PACKAGE_RUNNERS = new Set(['npm', 'yarn', 'pnpm']);
/** Runners that execute TypeScript sources directly. */
const TS_RUNNERS = new Set(['tsx', 'ts-node', 'ts-node-dev', 'ts-node-esm']);

/** The files a command starts: a script, a module, an app object's module, a start script. */
function entryTargets(words: string[], workdir: string, env: (name: string) => string | undefined, readConfig: (runtimePath: string) => string | undefined, depth = 0): EntryTarget[] {
  const c = commandName(words);
  if (!c || depth > 3) return [];
  const rest = words.slice(c.index + 1);
  // `npx nodemon index.js` runs the tool it names.
  if (c.name === 'npx' && rest.length > 0) return entryTargets(rest.filter((w, i) => !(i === 0 && w.startsWith('-'))), workdir, env, readConfig, depth + 1);
  if (PACKAGE_RUNNERS.has(c.name)) return packageScriptTargets(c.name, rest, workdir, env, readConfig, depth);
  const abs = (p: string) => path.posix.normalize(p.startsWith('/') ? p : path.posix.join(workdir, p));
  const module = (m: string) => [`${abs(m.replace(/\./g, '/'))}.py`, `${abs(m.replace(/\./g, '/'))}/__init__.py`];
  const out: EntryTarget[] = [];
  const py = (p: string, script = false) => out.push({ path: p, language: 'python', script });
  if (PYTHON.test(c.name)) {
    for (let i = 0; i < rest.length; i++) {
      const w = rest[i];
      if (w === '-m' && rest[i + 1]) {
        const m = rest[i + 1];
        // `python -m celery -A tasks beat` runs a tool as a module: read it as the tool's own command.
        if (RUNNERS.has(m)) return entryTargets([m, ...rest.slice(i + 2)], workdir, env, readConfig, depth + 1);
        for (const p of module(m)) py(p);
        py(`${abs(m.replace(/\./g, '/'))}/__main__.py`);
        return out;
      }
      if (w === '-c') return out;
      if (w.startsWith('-')) continue;
      // `python manage.py runserver`: the settings module manage.py names is read as one of its imports.
      py(abs(w), true);
      return out;
    }
    return out;
  }
  if (ASGI_WSGI.has(c.name)) {
    const app = rest.find((w) => /^[A-Za-z_][\w.]*:[A-Za-z_][\w.()]*$/.test(w));
    if (app) for (const p of module(app.split(':')[0])) py(p);
    return out;
  }
  if (c.name === 'streamlit' && rest[0] === 'run' && rest[1]) out.push({ path: abs(rest[1]), language: 'python', script: true, pages: true });
  if (c.name === 'flask') {
    const appArg = rest.find((w, i) => rest[i - 1] === '--app' || w.startsWith('--app='));
    const named = appArg?.replace(/^--app=/, '') ?? env('FLASK_APP');
    if (named) {
      const file = named.split(':')[0];
      if (file.endsWith('.py')) py(abs(file), true);
      else for (const p of module(file)) py(p);
    } else {
      py(abs('app.py'));
      py(abs('wsgi.py'));
    }
  }
  if (c.name === 'celery') {
    const at = rest.findIndex((w) => w === '-A' || w === '--app' || w.startsWith('--app=') || /^-A\S/.test(w));
    if (at >= 0) {
      const w = rest[at];
      const value = w.startsWith('--app=') ? w.slice(6) : /^-A\S/.test(w) ? w.slice(2) : rest[at + 1];
      if (value) {
        const m = value.split(':')[0];
        for (const p of module(m)) py(p);
        py(`${abs(m.replace(/\./g, '/'))}/celery.py`);
      }
    }
  }
  if (c.name === 'node' || c.name === 'nodemon' || TS_RUNNERS.has(c.name)) {
    // `node --loader ts-node/esm x.ts` and `node -r ts-node/register x.ts`: the flag's value is not the script.
    const script = rest.find((w, i) => !w.startsWith('-') && !/^(?:-r|--require|--loader|--import|--experimental-loader)$/.test(rest[i - 1] ?? ''));
    if (script && TS_SOURCE.test(script)) out.push({ path: abs(script), language: 'node', script: true });
    else if (script) {
      const compiled = abs(/\.[cm]?js$/.test(script) ? script : `${script}.js`);
      out.push({ path: compiled, language: 'node', script: true });
      for (const source of typeScriptSources(compiled, workdir, readConfig)) out.push({ path: source, language: 'node', script: true, fallbackFor: compiled });
    }
  }
  if (SHELLS.has(c.name)) {
    const script = rest.find((w) => !w.startsWith('-'));
    if (script && rest[0] !== '-c') out.push({ path: abs(script), language: 'shell' });
  } else if (/\.sh$/.test(words[c.index])) {
    out.push({ path: abs(words[c.index]), language: 'shell' });
  }
  return out;
}

/** `npm start`, `npm run web`, `yarn serve`, `pnpm start`: the package.json script they run, as its own commands. */
function packageScriptTargets(
  tool: string,
  rest: string[],
  workdir: string,
  env: (name: string) => string | undefined,
  readConfig: (runtimePath: string) => string | undefined,
  depth: number,
): EntryTarget[] {
  const args = rest.filter((w) => !w.startsWith('-'));
  const runs = args[0] === 'run' || args[0] === 'run-script';
  const name = runs ? args[1] : args[0];
  // npm and pnpm need `run` for any script but start; yarn runs any script by name.
  if (!name || (!runs && name !== 'start' && tool !== 'yarn')) return [];
  const text = readConfig(path.posix.join(workdir, 'package.json'));
  let scripts: Record<string, unknown> = {};
  try {
    scripts = ((text ? JSON.parse(text) : {}) as { scripts?: Record<string, unknown> }).scripts ?? {};
  } catch {
    return [];
  }
  const script = scripts[name];
  // npm docs, npm start: with no start script, npm runs `node server.js`.
  const body = typeof script === 'string' ? script : name === 'start' && text !== undefined ? 'node server.js' : undefined;
  if (body === undefined) return [];
  const out: EntryTarget[] = [];
  let cwd = workdir;
  for (const words of splitCommands(body)) {
    const c = commandName(words);
    if (c?.name === 'cd' && words[c.index + 1] && !words[c.index + 1].startsWith('$')) {
      cwd = path.posix.resolve(cwd, words[c.index + 1]);
      continue;
    }
    out.push(...entryTargets(words, cwd, env, readConfig, depth + 1));
  }
  return out;
}

/** File names TypeScript compiles to JavaScript. */
const TS_SOURCE = /\.(?:[cm]?ts|tsx)$/;

/**
 * Where the TypeScript source of a compiled file is: through the outDir/rootDir of a tsconfig.json in a
 * folder above it, else the usual dist/ (or build/, lib/) beside src/ layout.
 */
function typeScriptSources(compiled: string, workdir: string, readConfig: (runtimePath: string) => string | undefined): string[] {
  const toSource = (p: string) => [p.replace(/\.js$/, '.ts').replace(/\.mjs$/, '.mts').replace(/\.cjs$/, '.cts'), p.replace(/\.js$/, '.tsx')];
  const out: string[] = [];
  // tsconfig.json in the compiled file's folders, nearest first, no higher than the working folder's root.
  for (let dir = path.posix.dirname(compiled); ; dir = path.posix.dirname(dir)) {
    const text = isWithin(dir, workdir) || isWithin(workdir, dir) ? readConfig(path.posix.join(dir, 'tsconfig.json')) : undefined;
    const options = text !== undefined ? compilerOptions(text) : undefined;
    if (options?.outDir) {
      const outDir = path.posix.join(dir, options.outDir);
      if (isWithin(compiled, outDir)) {
        const rel = path.posix.relative(outDir, compiled);
        for (const root of options.rootDir ? [options.rootDir] : ['src', '.']) out.push(...toSource(path.posix.join(dir, root, rel)));
        return [...new Set(out)];
      }
    }
    if (dir === '/' || dir === path.posix.dirname(workdir)) break;
  }
  const layout = /^(.*\/)(?:dist|build|lib|out)\/(.*)$/.exec(compiled);
  if (layout) out.push(...toSource(`${layout[1]}src/${layout[2]}`));
  return out;
}

/** outDir and rootDir of a tsconfig.json (JSON with comments and trailing commas, as tsc reads it). */
function compilerOptions(text: string): { outDir?: string; rootDir?: string } | undefined {
  const json = text.replace(/("(?:\\.|[^"\\])*")|\/\/[^\n]*|\/\*[\s\S]*?\*\//g, (_comment, str: string | undefined) => str ?? '').replace(/,(\s*[}\]])/g, '$1');
  try {
    const options = (JSON.parse(json) as { compilerOptions?: { outDir?: unknown; rootDir?: unknown } }).compilerOptions ?? {};
    return { outDir: typeof options.outDir === 'string' ? options.outDir : undefined, rootDir: typeof options.rootDir === 'string' ? options.rootDir : undefined };
  } catch {
    return undefined;
  }
}

/** Local modules a Python file imports (and the settings module a Django manage.py names). */
function pythonImports(file: AppFile, workdir: string): string[] {
  const dir = path.posix.dirname(file.runtimePath);
  const out: string[] = [];
  const add = (base: string, dotted: string) => {
    const rel = dotted.replace(/\./g, '/');
    out.push(`${path.posix.join(base, rel)}.py`, `${path.posix.join(base, rel)}/__init__.py`);
  };
  const roots = [...new Set([dir, workdir])];
  for (const m of file.text.matchAll(/^[ \t]*(?:from[ \t]+(\.*)([\w.]*)[ \t]+import[ \t]+\(?([\w ,]+)|import[ \t]+([\w.]+(?:[ \t]*,[ \t]*[\w.]+)*))/gm)) {
    const [, dots, fromModule, names, imported] = m;
    if (imported !== undefined) {
      for (const name of imported.split(',').map((s) => s.trim().split(/\s+/)[0])) for (const r of roots) add(r, name);
      continue;
    }
    const base = dots ? path.posix.resolve(dir, ...Array(dots.length - 1).fill('..')) : undefined;
    for (const r of base ? [base] : roots) {
      if (fromModule) add(r, fromModule);
      // `from pkg import sub`: sub may be a module of its own.
      for (const name of names.split(',').map((s) => s.trim().split(/\s+/)[0]).filter(Boolean)) add(r, fromModule ? `${fromModule}.${name}` : name);
    }
  }
  const settings = /DJANGO_SETTINGS_MODULE['"]\s*,\s*['"]([\w.]+)['"]/.exec(file.text);
  if (settings) for (const r of roots) add(r, settings[1]);
  return out;
}

/** Relative modules a Node file requires or imports; from TypeScript, their .ts sources (`./app.js` is `./app.ts` before tsc). */
function nodeImports(file: AppFile): string[] {
  const dir = path.posix.dirname(file.runtimePath);
  const typeScript = TS_SOURCE.test(file.runtimePath);
  const out: string[] = [];
  for (const m of file.text.matchAll(/(?:require\s*\(\s*|from\s+|import\s+)['"](\.{1,2}\/[^'"]+)['"]/g)) {
    // `import type` is erased by tsc: nothing of it runs.
    const lineStart = file.text.lastIndexOf('\n', m.index) + 1;
    if (typeScript && /^\s*(?:import|export)\s+type\b/.test(file.text.slice(lineStart, m.index + m[0].length))) continue;
    const p = path.posix.join(dir, m[1]);
    if (typeScript) {
      const stem = p.replace(/\.[cm]?js$/, '');
      out.push(`${stem}.ts`, `${stem}.tsx`, `${stem}/index.ts`);
    } else out.push(/\.[cm]?js$/.test(p) ? p : `${p}.js`, `${p}/index.js`);
  }
  return out;
}

/**
 * A runtime path's text from the build context, through the COPY/ADD instructions that put it there; when the image
 * does not provide it, through the compose bind mounts that put the checkout there at run time (`.:/app`).
 */
function readFromContext(analysis: Analysis, runtimePath: string): { contextPath: string; text: string } | undefined {
  const read = (candidates: string[]) => {
    for (const candidate of candidates) {
      const text = analysis.readContextFile(candidate);
      if (text !== undefined && text.length <= APP_FILE_CAP) return { contextPath: candidate, text };
    }
    return undefined;
  };
  return read(imageModel(analysis).contextSourcesAt(runtimePath, analysis.text.length)) ?? read(mountedContextSources(analysis, runtimePath));
}
