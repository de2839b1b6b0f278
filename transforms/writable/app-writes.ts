// Detector: what the application's own code writes — files and folders its Python or Node code opens for
// writing, sqlite databases, celery beat's schedule, upload folders — read from the files the container runs.
import path from 'node:path';
import { appCode } from '../../src/app-code.js';
import { deployEnv } from '../../src/deploy-config.js';
import { IMPLICIT_WRITERS, WRITE_CALLS, WRITE_SETTINGS, WRITE_URLS, type WriteCall } from '../../src/data/app-writes.js';
import { callArguments, evalPath, leadingExpression, logicalLines, normaliseName, pythonBindings, stringValue, type ExprContext, type PathValue } from '../../src/path-expr.js';
import { PYTHON_ASSIGN, pythonParamBindings } from '../../src/py-params.js';
import { commandWrites, readScript, type ScriptCommand, type ScriptWrite } from '../../src/scripts.js';
import { commandName, splitCommands } from '../../src/shell.js';
import type { Analysis, Detector, DetectorResult, Note, PassContext, WritePath } from '../../src/types.js';
import { appCodePaths, cleanPath, copiesInto, isWithin, lineOf, mkdirTargets, PathIndex, userHome } from './shared.js';

export const name = 'app-writes';
export const description = "What the app's own code writes: open(…, 'w'), makedirs, sqlite, logging files, pandas/matplotlib/torch saves, uploads, celery beat's schedule";

const reasons = {
  unknown: (file: string, lines: number[]) =>
    `${file} writes to paths computed at run time (line${lines.length > 1 ? 's' : ''} ${lines.slice(0, 5).join(', ')}${lines.length > 5 ? ', …' : ''}): the tool cannot tell where; if they are not under /tmp or a folder handed over here, pass --writable PATH`,
  unpinned: (where: string, writer: string, below: { package: string; major: number; otherwise: string; off: string }, path: string) =>
    `${where} uses ${writer}: ${below.package} below ${below.major} creates ${path} as the app starts, and the build pins no version below ${below.major}; ${below.otherwise}; pin ${below.package}<${below.major}, pass ${below.off}, or pass --writable ${path}`,
  unread: (file: string) => `the container runs ${file}, which is not in the build context: what it writes is not known; check it, or pass --writable PATH for each folder it writes`,
  notCopied: (file: string, rel: string) =>
    `the container runs ${file}, which is not copied into the image (the build context has ${rel}, but no COPY or bind mount of the services that build this stage puts it there): what it writes is not known; check it, or pass --writable PATH for each folder it writes`,
};

/** Names of module constants that hold where a program writes its results (OUTPUT_DIR, SAVE_PATH, LOG_FOLDER). */
const OUTPUT_CONSTANT = /^(?:[A-Z0-9_]*_)?(?:OUTPUTS?|OUT|RESULTS?|SAVE|LOGS?|CHECKPOINTS?|EXPORTS?|REPORTS?)(?:_(?:DIR|PATH|FOLDER|ROOT))?$/;

const DJANGO_SQLITE = WRITE_SETTINGS.find((s) => s.name.test("'NAME'"))!;

const CODE_FILE = /\.(py|js|mjs|cjs|ts|rb|php|sh|pl)$/;

/** Folders the user can write already, or that are not the image's. */
const NOT_OURS = /^\/(tmp|var\/tmp|dev|proc|sys)(\/|$)/;

interface Found {
  path: string;
  kind: 'file' | 'dir';
  siblings: boolean;
  evidence: string;
  partial: boolean;
  /** An sqlite database file. */
  database?: boolean;
}

export const appWrites: Detector = {
  name,
  description,
  detect(ctx: PassContext): DetectorResult {
    const { analysis, plan } = ctx;
    const code = appCode(analysis);
    const notes: Note[] = [];
    const found: Found[] = [];
    const unresolved: string[] = [];
    const envReads = new Map<string, string>();
    const globals = new Map<string, PathValue | undefined>();

    for (const file of code.files) {
      if (file.language === 'shell') {
        for (const m of file.text.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)) if (!envReads.has(m[1])) envReads.set(m[1], file.contextPath);
        continue;
      }
      const unknownLines: number[] = [];
      const firstFound = found.length;
      // Module-level constants named for output (OUTPUT_DIR = '/app/output'): where the computed writes most likely go.
      const outputConstants: Found[] = [];
      const reads = new Set<string>();
      const scope = new Map<string, PathValue | undefined>(globals);
      const exprCtx: ExprContext = { file: file.runtimePath, workdir: file.cwd, env: (n) => analysis.env.get(n), scope, envReads: reads };
      const djangoSqlite = /django\.db\.backends\.sqlite3/.test(file.text);
      const lines = logicalLines(file.text, file.language);
      // A function's parameters take what the calls in the file pass (`load_data(df, output_file)`).
      const params = file.language === 'python' ? pythonParamBindings(lines, (s) => ({ ...exprCtx, scope: s, envReads: new Set() }), scope) : new Map();
      // Writes still computed after that (`open(output_path, 'w')` in JS, or a call the bindings could not agree on), tried again through the calls of that function once the file is read.
      const computed: { row: WriteCall; argText: string; line: number; where: string }[] = [];
      for (const { text, line } of lines) {
        const where = `${file.contextPath}:${line}`;
        for (const [name, value] of params.get(line) ?? []) scope.set(name, value);
        if (file.language === 'python') for (const b of pythonBindings(text)) scope.set(b.name, b.expr === undefined ? undefined : evalPath(b.expr, exprCtx));
        const assign = PYTHON_ASSIGN.exec(text) ?? /^(?:export\s+)?(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*(?::\s*[^=]+?)?\s*=(?!=)\s*(.+?);?$/.exec(text);
        if (assign) {
          const key = normaliseName(assign[1]);
          const value = evalPath(assign[2], exprCtx);
          scope.set(key, value);
          if (!/^\s/.test(text)) globals.set(key, value);
          if (!/^\s/.test(text) && OUTPUT_CONSTANT.test(key) && value && !value.partial && !value.home && !value.temp) {
            // feedbacks.csv is a file the program writes, not a folder to create.
            const isFile = /\.[A-Za-z0-9]{1,8}$/.test(path.posix.basename(value.path));
            outputConstants.push({ path: value.path, kind: isFile ? 'file' : 'dir', siblings: !isFile, evidence: `${where} ${assign[1]} = ${assign[2].trim()}, a module constant named for output, in a file that writes to computed paths`, partial: false });
          }
          const setting = WRITE_SETTINGS.find((s) => s.name.test(key));
          if (setting && value && setting !== DJANGO_SQLITE) found.push(...target(value, setting.target, !!setting.siblings, `${where} ${assign[1]} = ${assign[2].trim()} (${setting.source})`));
        }
        if (djangoSqlite) {
          const at = /['"]NAME['"]\s*:\s*/.exec(text);
          const expr = at ? leadingExpression(text.slice(at.index + at[0].length)) : undefined;
          const value = expr ? evalPath(expr, exprCtx) : undefined;
          // Other settings have a NAME too (AUTH_PASSWORD_VALIDATORS): only a database file's name counts.
          if (value && !value.partial && (value.path.startsWith('/') || /\.(sqlite3?|db)$/.test(value.path))) found.push(...target(value, 'file', true, `${where} DATABASES NAME ${expr} (${DJANGO_SQLITE.source})`, true));
        }
        for (const url of text.matchAll(/['"`]sqlite(?:\+\w+)?:\/\/\/([^'"`?]+)/g)) {
          found.push(...target({ path: url[1] }, 'file', true, `${where} sqlite:///${url[1]} (sqlite keeps its journal beside the database)`, true));
        }
        if (file.language === 'python') {
          const shell = shellCommandWrites(text, exprCtx);
          if (shell.unknown) unknownLines.push(line);
          for (const w of shell.writes) found.push({ path: w.path, kind: w.kind, siblings: w.kind === 'dir', evidence: `${where} ${shell.call}: ${w.what}${w.source ? ` (${w.source})` : ''}`, partial: false });
        }
        let placed = false;
        const lineComputed: typeof computed = [];
        for (const row of WRITE_CALLS) {
          if (row.language !== file.language) continue;
          const m = row.pattern.exec(text);
          if (!m) continue;
          const value = callTarget(row, m[1], exprCtx);
          if (value === 'read') continue;
          if (value === undefined) {
            lineComputed.push({ row, argText: m[1], line, where });
            continue;
          }
          placed = true;
          found.push(...target(value, row.target, !!row.siblings, `${where} ${row.name} (${row.source})`, row.name === 'sqlite3.connect()'));
        }
        // Every write whose path is computed at run time is named, whatever the call; a line a more specific
        // row placed (torch.save, which the generic .save() row also matches) is not.
        if (!placed) computed.push(...lineComputed);
      }
      for (const c of computed) {
        const viaCalls = throughCalls(c, file.text, lines, exprCtx);
        if (viaCalls) found.push(...viaCalls.flatMap(({ value, callLine }) => target(value, c.row.target, !!c.row.siblings, `${c.where} ${c.row.name} (${c.row.source}), its path passed by the call on line ${callLine}`, c.row.name === 'sqlite3.connect()')));
        else if (!unknownLines.includes(c.line)) unknownLines.push(c.line);
      }
      unknownLines.sort((a, b) => a - b);
      for (const r of reads) if (!envReads.has(r)) envReads.set(r, file.contextPath);
      for (const w of IMPLICIT_WRITERS) {
        const use = w.uses.exec(file.text);
        if (!use || w.unless.test(file.text) || w.unless.test([...analysis.env.keys()].join(' '))) continue;
        const line = file.text.slice(0, use.index).split('\n').length;
        if (w.below && !pinnedBelow(analysis, w.below.package, w.below.major)) {
          const where = absolute(w.path, file.cwd);
          notes.push({ level: 'warn', risk: true, message: reasons.unpinned(`${file.contextPath}:${line}`, w.name, w.below, where) });
          continue;
        }
        found.push({ path: w.path, kind: 'dir', siblings: true, evidence: `${file.contextPath}:${line} uses ${w.name} (${w.source})`, partial: false });
      }
      if (unknownLines.length > 0) found.push(...outputConstants);
      // Relative paths are the program's: resolved against the folder it runs in.
      for (const f of found.slice(firstFound)) if (!f.path.startsWith('/')) f.path = absolute(f.path, file.cwd);
      if (unknownLines.length > 0) {
        notes.push({ level: 'warn', risk: true, message: reasons.unknown(file.contextPath, unknownLines) });
        unresolved.push(`${file.contextPath} line${unknownLines.length > 1 ? 's' : ''} ${unknownLines.join(', ')}`);
      }
    }
    for (const u of code.unread) if (/\.(py|js|mjs|cjs)$/.test(u)) notes.push({ level: 'warn', risk: true, message: code.notCopied.has(u) ? reasons.notCopied(u, code.notCopied.get(u)!) : reasons.unread(u) });

    found.push(...celeryBeat(code.commands, code.workdir));
    found.push(...commandSqlite(code.commands, code.workdir));
    const variables = [...[...analysis.env].map(([name, value]) => ({ name, value, where: 'ENV' })), ...deployEnv(analysis)];
    for (const { name, value, where } of variables) {
      for (const row of WRITE_URLS) {
        const m = row.pattern.exec(value);
        const at = m?.[1].replace(/^\/+/, '/');
        if (at) found.push({ path: at, kind: row.target, siblings: row.target === 'file', evidence: `${where} ${name}=${value} (${row.source})`, partial: false, database: row.database });
      }
    }

    const home = userHome(analysis, plan.user);
    const paths = toWritePaths(analysis, found, code.workdir, home);
    paths.push(...envFolders(analysis, envReads));
    return { paths, notes, unresolved };
  },
};

/** A function's header: `def name(params):` or `function name(params) {`, with the names of its parameters. */
const FUNCTION_HEADER = /^(?:async\s+)?def\s+([A-Za-z_]\w*)\s*\((.*)\)\s*(?:->.*)?:$|^(?:export\s+)?(?:default\s+)?(?:async\s+)?function\s*\*?\s*([A-Za-z_$][\w$]*)\s*(?:<[^(]*>)?\s*\((.*?)\)\s*(?::[^{]*)?\{?$/;

/**
 * A write whose path is a parameter of the function around it, resolved through every call of that function
 * in the same file (`create_output_json(…, output_json_path)` with `output_json_path = os.path.join(OUTPUT_DIR, …)`);
 * undefined unless each call names a path.
 */
function throughCalls(
  c: { row: WriteCall; argText: string; line: number },
  text: string,
  lines: { text: string; line: number }[],
  ctx: ExprContext,
): { value: PathValue; callLine: number }[] | undefined {
  const raw = text.split(/\r?\n/);
  const indent = (line: number) => /^[ \t]*/.exec(raw[line - 1] ?? '')![0].length;
  const at = indent(c.line);
  // The nearest header above with less indentation, with no statement in between that is back at its level.
  let header: { name: string; params: string[]; line: number } | undefined;
  for (let i = lines.findIndex((l) => l.line === c.line) - 1; i >= 0; i--) {
    const l = lines[i];
    const own = indent(l.line);
    if (own >= at) continue;
    const m = FUNCTION_HEADER.exec(l.text);
    if (m) header = { name: m[1] ?? m[3], params: parameterNames(m[2] ?? m[4]), line: l.line };
    break;
  }
  if (!header || header.params.length === 0) return undefined;
  const call = new RegExp(`(?<![\\w.$])${header.name.replace(/\$/g, '\\$')}\\s*\\(`);
  const out: { value: PathValue; callLine: number }[] = [];
  for (const l of lines) {
    if (l.line === header.line) continue;
    const m = call.exec(l.text);
    if (!m) continue;
    const args = callArguments(l.text.slice(m.index + m[0].length - 1));
    const scope = new Map(ctx.scope);
    header.params.forEach((p, i) => {
      const expr = args.keyword.get(p) ?? args.positional[i];
      scope.set(p, expr === undefined ? undefined : evalPath(expr, ctx));
    });
    const value = callTarget(c.row, c.argText, { ...ctx, scope });
    if (value === undefined) return undefined;
    if (value !== 'read') out.push({ value, callLine: l.line });
  }
  return out.length > 0 ? out : undefined;
}

/** The names of a parameter list: `a, b=1, *args, out: str = None` → a, b, args, out. */
function parameterNames(list: string): string[] {
  const names: string[] = [];
  for (let rest = list.trim(); rest; ) {
    const part = leadingExpression(rest);
    if (!part) break;
    names.push(/^[*.]*\s*([A-Za-z_$][\w$]*)/.exec(part)?.[1] ?? '');
    rest = rest.slice(rest.indexOf(part) + part.length).replace(/^\s*,/, '').trim();
  }
  return names;
}

/** The path a matched call writes, 'read' when its mode only reads or its target is no file (io.BytesIO, sys.stdout), undefined when computed at run time. */
function callTarget(row: WriteCall, argText: string, ctx: ExprContext): PathValue | 'read' | undefined {
  const value = callTargetValue(row, argText, ctx);
  return value !== 'read' && value?.memory ? 'read' : value;
}

function callTargetValue(row: WriteCall, argText: string, ctx: ExprContext): PathValue | 'read' | undefined {
  if (row.receiver) return evalPath(argText, ctx);
  const args = argText.startsWith('(') ? callArguments(argText) : { positional: [argText], keyword: new Map<string, string>() };
  if (row.when && !row.when.value.test(args.keyword.get(row.when.keyword)?.trim() ?? '')) return 'read';
  if (row.modeArg !== undefined) {
    const modeExpr = args.keyword.get('mode') ?? args.positional[row.modeArg];
    const mode = modeExpr === undefined ? 'r' : stringValue(modeExpr)?.text;
    if (mode === undefined || !/[wax+]/.test(mode)) return 'read';
  }
  const keywords = row.keyword?.split('|') ?? [];
  const expr = keywords.map((k) => args.keyword.get(k)).find((v) => v !== undefined) ?? (row.arg >= 0 ? args.positional[row.arg] : undefined);
  // No path argument at all (`form.save()`, `logging.basicConfig(level=…)`): nothing written that a path names.
  if (expr === undefined) return 'read';
  return evalPath(expr, ctx);
}

/** Python calls that run a shell command or a program: the command is the first argument (or `args=`). */
const SHELL_CALL = /\b(os\.system|os\.popen|subprocess\.(?:run|call|check_call|check_output|Popen|getoutput|getstatusoutput))\s*(\(.*)/;
/** Stands for a part of a command computed at run time; a write whose path holds it is a write the tool cannot place. */
const COMPUTED = '__computed_at_run_time__';

/**
 * What a shell command run from Python writes (`os.system(f'curl -k {url} -O')`, `subprocess.run(['wget', '-P', 'data', url])`),
 * read by the same rules as a start script's commands, relative to the folder the program runs in.
 */
function shellCommandWrites(text: string, ctx: ExprContext): { call: string; writes: ScriptWrite[]; unknown: boolean } {
  const m = SHELL_CALL.exec(text);
  if (!m) return { call: '', writes: [], unknown: false };
  const args = callArguments(m[2]);
  const first = (args.keyword.get('args') ?? args.keyword.get('cmd') ?? args.positional[0])?.trim();
  if (first === undefined) return { call: m[1], writes: [], unknown: false };
  let commands: ScriptCommand[];
  if (first.startsWith('[')) {
    const words = callArguments(first).positional.map((w) => commandText(w, ctx) ?? COMPUTED);
    commands = [{ words, text: words.join(' '), redirects: [], line: 0, errexit: false, guarded: false, chained: false, background: false, rootOnlyBranch: false, last: true }];
  } else {
    const shellText = commandText(first, ctx);
    // A command held in a variable or built at run time: what it writes is not known.
    if (shellText === undefined) return { call: m[1], writes: [], unknown: false };
    commands = readScript(shellText, new Map());
  }
  const writes = commands.flatMap((c) => commandWrites(c, ctx.workdir));
  return { call: m[1], writes: writes.filter((w) => !w.path.includes(COMPUTED)), unknown: writes.some((w) => w.path.includes(COMPUTED)) };
}

/** The text of a string or f-string literal, each `{expr}` replaced by the path it names or by COMPUTED. */
function commandText(expr: string, ctx: ExprContext): string | undefined {
  const m = /^([rRbBuUfF]{0,2})(['"])((?:\\.|(?!\2).)*)\2$/s.exec(expr.trim());
  if (!m) return undefined;
  if (!/f/i.test(m[1])) return m[3];
  return m[3].replace(/\{\{|\}\}|\{([^{}]*)\}/g, (all, inner: string | undefined) => {
    if (inner === undefined) return all[0];
    const value = evalPath(inner.replace(/![rsa]$|:[^:]*$/, ''), ctx);
    return value && !value.partial ? value.path : COMPUTED;
  });
}

function target(value: PathValue, kind: 'file' | 'dir', siblings: boolean, evidence: string, database = false): Found[] {
  if (value.home || value.temp || value.memory) return [];
  if (value.partial) {
    // Only the leading part is known: the folder it names (up to its last slash) takes the writes.
    const cut = value.path.lastIndexOf('/');
    const dir = cut < 0 ? '.' : value.path.slice(0, cut) || '/';
    return [{ path: dir, kind: 'dir', siblings: true, evidence, partial: true }];
  }
  return [{ path: value.path, kind, siblings, evidence, partial: false, database }];
}

/**
 * Whether every version of a Python package the build installs is pinned below a major version: the words of
 * `pip install` and the requirements files it names (read from the context by their name). False when none is found.
 */
function pinnedBelow(analysis: Analysis, pkg: string, major: number): boolean {
  const specs: string[] = [];
  const line = new RegExp(`^${pkg}(?![\\w-])\\s*(?:\\[[^\\]]*\\])?\\s*(.*)$`, 'i');
  const take = (text: string) => {
    const m = line.exec(text.replace(/#.*/, '').trim());
    if (m) specs.push(m[1].replace(/;.*/, '').trim());
  };
  for (const instr of analysis.runtimeChain.flatMap((s) => s.instructions)) {
    if (instr.keyword !== 'RUN') continue;
    for (const words of splitCommands(instr.args)) {
      if (!words.includes('install') || !words.some((w) => /(?:^|\/)(?:pip3?(?:\.\d+)?|python3?(?:\.\d+)?)$/.test(w))) continue;
      for (let i = 0; i < words.length; i++) {
        if ((words[i] === '-r' || words[i] === '--requirement') && words[i + 1]) {
          const name = words[i + 1].replace(/^\.\//, '');
          const text = analysis.readContextFile(name) ?? analysis.readContextFile(path.posix.basename(name));
          for (const l of text?.split(/\r?\n/) ?? []) take(l);
        } else take(words[i]);
      }
    }
  }
  return specs.length > 0 && specs.every((spec) => versionBelow(spec, major));
}

/** Whether a requirement specifier (`==3.38.0`, `~=3.1`, `<4`, `>=3,<4.0`) allows only versions below the major. */
function versionBelow(spec: string, major: number): boolean {
  const clauses = spec.split(',').map((c) => c.trim());
  return clauses.some((c) => {
    const m = /^(==|~=|<=|<|===)\s*(\d+)(?:\.(\d+))?/.exec(c);
    if (!m) return false;
    const n = Number(m[2]);
    if (m[1] === '<') return n < major || (n === major && !m[3]) || (n === major && Number(m[3]) === 0);
    return n < major;
  });
}

/** `celery … beat` (or a worker with -B) keeps its schedule in the working folder unless -s/--schedule moves it. */
function celeryBeat(commands: { words: string[]; where: string }[], workdir: string): Found[] {
  const out: Found[] = [];
  for (const { words, where } of commands) {
    const c = commandName(words);
    if (!c) continue;
    // `celery …` or `python -m celery …`
    const at0 = c.name === 'celery' ? c.index : words[c.index + 1] === '-m' && words[c.index + 2] === 'celery' ? c.index + 2 : -1;
    if (at0 < 0) continue;
    const rest = words.slice(at0 + 1);
    if (!rest.includes('beat') && !rest.some((w) => w === '-B' || w === '--beat')) continue;
    const at = rest.findIndex((w) => w === '-s' || w === '--schedule' || w.startsWith('--schedule=') || /^-s\S/.test(w));
    const value = at < 0 ? 'celerybeat-schedule' : rest[at].startsWith('--schedule=') ? rest[at].slice(11) : /^-s\S/.test(rest[at]) ? rest[at].slice(2) : rest[at + 1];
    if (!value) continue;
    out.push({ path: absolute(value, workdir), kind: 'file', siblings: true, evidence: `${where}: celery beat writes its schedule ${value} (celery docs, beat: --schedule defaults to celerybeat-schedule in the working folder, a shelve database)`, partial: false });
  }
  return out;
}

/** A sqlite URL passed to the program (`mlflow server --backend-store-uri sqlite:////app/mlruns.db`). */
function commandSqlite(commands: { words: string[]; where: string }[], workdir: string): Found[] {
  const out: Found[] = [];
  for (const { words, where } of commands) {
    for (const w of words) {
      const m = /sqlite(?:\+\w+)?:\/\/\/([^?]+)/.exec(w);
      if (m) out.push({ path: absolute(m[1], workdir), kind: 'file', siblings: true, evidence: `${where}: ${m[0]} (sqlite keeps its journal beside the database)`, partial: false, database: true });
    }
  }
  return out;
}

function absolute(p: string, workdir: string): string {
  return cleanPath(p.startsWith('/') ? p : path.posix.join(workdir, p));
}

/**
 * Turn what the code writes into write paths with least privilege: a folder of its own is handed over; a
 * file in a system folder is handed over alone; new files directly in the code folder make that folder
 * group-writable with the sticky bit (the code stays root's); a file the image already ships is handed over too.
 */
function toWritePaths(analysis: Analysis, found: Found[], workdir: string, home: string | undefined): WritePath[] {
  if (found.length === 0) return [];
  const copies = copiesInto(analysis);
  const codeDirs = appCodePaths(analysis, copies);
  const code = new PathIndex(codeDirs.map((c) => [c, c] as const));
  const out: WritePath[] = [];
  for (const f of found) {
    const p = absolute(f.path, workdir);
    if (NOT_OURS.test(p) || (home && isWithin(p, home))) continue;
    const inCode = (dir: string) => code.hasWithin(dir);
    const underCode = (dir: string) => codeDirs.some((c) => isWithin(dir, c));
    // A folder of the code copied in (site/ under /code holds manage.py) is code as much as /code itself.
    const codeFolder = (dir: string) => inCode(dir) || (underCode(dir) && holdsCode(analysis, dir));
    if (f.kind === 'dir') {
      // `os.makedirs(x, exist_ok=True)` on a folder copied in with the code creates nothing.
      if (underCode(p) && f.evidence.includes('makedirs') && shipsFolder(analysis, p)) continue;
      if (codeFolder(p)) out.push({ path: p, kind: 'shared-dir', evidence: f.evidence });
      // A data folder copied in with the app (a Chroma store with its sqlite file) is written whole: its files too.
      else out.push({ path: p, kind: 'dir', evidence: f.evidence, recursive: underCode(p) && shipsFolder(analysis, p) });
      continue;
    }
    const dir = path.posix.dirname(p);
    const shipped = shipsFile(analysis, p);
    // A database the build itself may have made as root (RUN python init_db.py) must be the user's too.
    if (f.database && !shipped && !codeFolder(dir)) out.push({ path: p, kind: 'file', evidence: f.evidence, installed: true });
    // The shipped file is handed over itself, even where its folder is too (a chown of the folder does not reach it).
    if (shipped) out.push({ path: p, kind: 'file', evidence: `${f.evidence}; the image ships ${p}`, installed: true });
    if (shipped && !f.siblings) continue;
    if (codeFolder(dir)) {
      out.push({ path: dir, kind: 'shared-dir', evidence: f.evidence });
    } else if (!f.siblings && !shipped && dir !== '/' && isSystemish(dir)) {
      out.push({ path: p, kind: 'file', evidence: f.evidence });
    } else {
      out.push({ path: dir, kind: 'dir', evidence: f.evidence });
    }
  }
  return out;
}

/** Shared FHS folders where a single file is handed over rather than the folder (a log in /var/log). */
function isSystemish(dir: string): boolean {
  return /^\/(var\/log|var\/lib|var\/cache|var\/run|run|etc|usr|opt|srv)(\/|$)/.test(dir) && dir.split('/').length <= 3;
}

/** The files of a folder the image has from the build context (templates/ or a vector store copied with the code), or undefined. */
function copiedFolderFiles(analysis: Analysis, runtimePath: string): string[] | undefined {
  for (const c of copiesInto(analysis)) {
    if (c.from || !isWithin(runtimePath, c.dest) || runtimePath === c.dest) continue;
    const rel = runtimePath.slice(c.dest === '/' ? 1 : c.dest.length + 1);
    for (const s of c.sources) {
      const files = analysis.listContextFiles(path.posix.join(s.replace(/^\.\//, '').replace(/\/+$/, '') || '.', rel));
      if (files !== undefined) return files;
    }
  }
  return undefined;
}

function shipsFolder(analysis: Analysis, runtimePath: string): boolean {
  return copiedFolderFiles(analysis, runtimePath) !== undefined;
}

/** Whether a folder copied in has code files of its own (not only data such as a vector store). */
function holdsCode(analysis: Analysis, runtimePath: string): boolean {
  return copiedFolderFiles(analysis, runtimePath)?.some((f) => !f.includes('/') && CODE_FILE.test(f)) ?? false;
}

/** Whether the image already has this file from the build context (a db.sqlite3 copied in with the code). */
function shipsFile(analysis: Analysis, runtimePath: string): boolean {
  for (const c of copiesInto(analysis)) {
    if (c.from) continue;
    if (!isWithin(runtimePath, c.dest)) continue;
    const rel = runtimePath === c.dest ? '' : runtimePath.slice(c.dest === '/' ? 1 : c.dest.length + 1);
    for (const s of c.sources) {
      const src = s.replace(/^\.\//, '').replace(/\/+$/, '') || '.';
      const candidates = rel ? [path.posix.join(src, rel), ...(path.posix.basename(src) === rel ? [src] : [])] : [src];
      if (candidates.some((cand) => analysis.hasContextFile(cand))) return true;
    }
  }
  return false;
}

/**
 * A variable the Dockerfile sets to a folder it also creates, read by the code the container runs: the
 * program works there, whatever the variable is called.
 */
function envFolders(analysis: Analysis, reads: Map<string, string>): WritePath[] {
  const out: WritePath[] = [];
  const made = mkdirTargets(analysis).map((m) => ({ path: m.path, line: lineOf(m.instr) }));
  for (const [name, file] of reads) {
    const value = analysis.env.get(name);
    if (!value?.startsWith('/') || /\s|:/.test(value)) continue;
    const p = cleanPath(value);
    const creation = made.find((m) => m.path === p);
    if (!creation) continue;
    out.push({ path: p, kind: 'dir', evidence: `ENV ${name}=${value}, created on line ${creation.line}, is read by ${file}` });
  }
  return out;
}
