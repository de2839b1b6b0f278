// The application code the container runs, read from the build context: the files CMD/ENTRYPOINT start
// (a Python script or module, a WSGI/ASGI app, a celery app, a Node script, the scripts a start script
// runs) and the local modules they import. Only files the container runs are read, each up to a cap.
import path from 'node:path';
import { workdirs } from '../transforms/writable/shared.js';
import { composeFile } from './compose.js';
import { imageModel } from './image-model.js';
import { oncePerFile } from './memo.js';
import { instructionCommandText } from './scripts.js';
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
  const workdir = workdirs(analysis).at(-1)?.path ?? '/';
  const files: AppFile[] = [];
  const unread: string[] = [];
  const commands: AppCode['commands'] = [];
  const seen = new Set<string>();
  const queue: { runtimePath: string; language: AppFile['language']; cwd: string }[] = [];
  const want = (runtimePath: string, language: AppFile['language'], cwd: string) => {
    if (!seen.has(runtimePath)) {
      seen.add(runtimePath);
      queue.push({ runtimePath, language, cwd });
    }
  };
  // What the container starts, each as the files it may be (app.py or app/__init__.py): unread when none is found.
  const entries: string[][] = [];
  // Streamlit runs the pages/ folder beside its main script as pages of the same app.
  const withPages = new Set<string>();
  const start = (targets: { path: string; language: AppFile['language']; script?: boolean; pages?: boolean }[], cwd: string) => {
    // A module name may be an installed package; only a script named by its file must be in the context.
    if (targets.some((t) => t.script)) entries.push(targets.map((t) => t.path));
    for (const t of targets) {
      if (t.pages) withPages.add(t.path);
      want(t.path, t.language, cwd);
    }
  };

  const entrypoint = [...chain].reverse().find((i) => i.keyword === 'ENTRYPOINT');
  const cmd = [...chain].reverse().find((i) => i.keyword === 'CMD');
  // An exec-form ENTRYPOINT takes the exec-form CMD as its arguments: `ENTRYPOINT ["python3"]` + `CMD ["manage.py", …]` is one command.
  const execWords = (instr: Instr | undefined) => (instr && instr.args.trim().startsWith('[') ? commandsOf(analysis.resolve(instr.args, instr)) : undefined);
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
  startAll(commands.map((c) => c.words), workdir, env, start);

  while (queue.length > 0 && files.length < APP_FILE_LIMIT) {
    const next = queue.shift()!;
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
      startAll(scriptCommands, workdir, env, start);
    }
  }
  const read = new Set(files.map((f) => f.runtimePath));
  for (const candidates of entries) if (!candidates.some((c) => read.has(c))) unread.push(candidates[0]);
  return { files, workdir, commands, unread: [...new Set(unread)] };
}

/** The files each command starts, following `cd` from one command to the next (`cd src && python main.py`). */
function startAll(
  commands: string[][],
  workdir: string,
  env: (name: string) => string | undefined,
  start: (targets: ReturnType<typeof entryTargets>, cwd: string) => void,
): void {
  let cwd = workdir;
  for (const words of commands) {
    const c = commandName(words);
    if (c?.name === 'cd' && words[c.index + 1] && !words[c.index + 1].startsWith('$')) {
      cwd = path.posix.resolve(cwd, words[c.index + 1]);
      continue;
    }
    start(entryTargets(words, cwd, env), cwd);
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


/** Simple commands of a CMD/ENTRYPOINT: exec form (with `sh -c` unfolded) or shell form. */
function commandsOf(args: string): string[][] {
  return instructionCommandText(args).flatMap((text) => splitCommands(text));
}

/** The files a command starts: a script, a module, an app object's module, a start script. */
function entryTargets(words: string[], workdir: string, env: (name: string) => string | undefined): { path: string; language: AppFile['language']; script?: boolean; pages?: boolean }[] {
  const c = commandName(words);
  if (!c) return [];
  const rest = words.slice(c.index + 1);
  // `npx nodemon index.js` runs the tool it names.
  if (c.name === 'npx' && rest.length > 0) return entryTargets(rest.filter((w, i) => !(i === 0 && w.startsWith('-'))), workdir, env);
  const abs = (p: string) => path.posix.normalize(p.startsWith('/') ? p : path.posix.join(workdir, p));
  const module = (m: string) => [`${abs(m.replace(/\./g, '/'))}.py`, `${abs(m.replace(/\./g, '/'))}/__init__.py`];
  const out: { path: string; language: AppFile['language']; script?: boolean; pages?: boolean }[] = [];
  const py = (p: string, script = false) => out.push({ path: p, language: 'python', script });
  if (PYTHON.test(c.name)) {
    for (let i = 0; i < rest.length; i++) {
      const w = rest[i];
      if (w === '-m' && rest[i + 1]) {
        const m = rest[i + 1];
        // `python -m celery -A tasks beat` runs a tool as a module: read it as the tool's own command.
        if (RUNNERS.has(m)) return entryTargets([m, ...rest.slice(i + 2)], workdir, env);
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
  if (c.name === 'node' || c.name === 'nodemon') {
    const script = rest.find((w) => !w.startsWith('-'));
    if (script) out.push({ path: abs(/\.[cm]?js$/.test(script) ? script : `${script}.js`), language: 'node', script: true });
  }
  if (SHELLS.has(c.name)) {
    const script = rest.find((w) => !w.startsWith('-'));
    if (script && rest[0] !== '-c') out.push({ path: abs(script), language: 'shell' });
  } else if (/\.sh$/.test(words[c.index])) {
    out.push({ path: abs(words[c.index]), language: 'shell' });
  }
  return out;
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

/** Relative modules a Node file requires or imports. */
function nodeImports(file: AppFile): string[] {
  const dir = path.posix.dirname(file.runtimePath);
  const out: string[] = [];
  for (const m of file.text.matchAll(/(?:require\s*\(\s*|from\s+|import\s+)['"](\.{1,2}\/[^'"]+)['"]/g)) {
    const p = path.posix.join(dir, m[1]);
    out.push(/\.[cm]?js$/.test(p) ? p : `${p}.js`, `${p}/index.js`);
  }
  return out;
}

/** A runtime path's text from the build context, through the COPY/ADD instructions that put it there. */
function readFromContext(analysis: Analysis, runtimePath: string): { contextPath: string; text: string } | undefined {
  for (const candidate of imageModel(analysis).contextSourcesAt(runtimePath, analysis.text.length)) {
    const text = analysis.readContextFile(candidate);
    if (text !== undefined && text.length <= APP_FILE_CAP) return { contextPath: candidate, text };
  }
  return undefined;
}
