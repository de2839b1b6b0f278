// Work out the path a Python or JavaScript expression names, where the code spells it out: literals,
// os.path.join, pathlib's `/`, __file__-relative folders, environment lookups with their defaults, and
// names assigned earlier, temporary folders, in-memory buffers. Anything computed at run time stays unknown.
import path from 'node:path';

/** A path an expression names; `partial` when only a leading part is known (an f-string, a join with an unknown tail). */
export interface PathValue {
  path: string;
  partial?: boolean;
  /** Under the user's home (`~`, Path.home()): the user owns it already. */
  home?: boolean;
  /** A temporary file or folder (tempfile): world-writable already. */
  temp?: boolean;
  /** Not a file at all: an in-memory buffer (io.BytesIO) or a standard stream (sys.stdout); writing to it writes nothing to disk. */
  memory?: boolean;
}

export interface ExprContext {
  /** The file's own path in the image, for `__file__`. */
  file: string;
  workdir: string;
  env: (name: string) => string | undefined;
  /** Names assigned earlier in the file (and module-level names of the files it imports). */
  scope: Map<string, PathValue | undefined>;
  /** Environment variables the code reads, as it reads them. */
  envReads: Set<string>;
}

/** Logical lines: comments dropped, lines joined while a bracket is open, with the 1-based line they start on. */
export function logicalLines(text: string, language: 'python' | 'node'): { text: string; line: number }[] {
  const out: { text: string; line: number }[] = [];
  const raw = text.split(/\r?\n/);
  let current = '';
  let start = 0;
  let depth = 0;
  // JavaScript/TypeScript: the brackets still open, a block's `{` as 'block', so a function or callback body splits into its statements.
  const open: ('bracket' | 'block')[] = [];
  const openInStatement = () => open.length - 1 - open.lastIndexOf('block');
  for (let i = 0; i < raw.length; i++) {
    const line = stripComment(raw[i], language);
    if (depth === 0) start = i + 1;
    current += (current ? ' ' : '') + line.trim();
    depth = language === 'node' ? (trackBrackets(line, open), openInStatement()) : Math.max(0, depth + bracketDelta(line));
    // A long unclosed call is given up on after 30 lines rather than swallowing the file.
    if (depth === 0 || i + 1 - start > 30) {
      if (current) out.push({ text: current, line: start });
      current = '';
      depth = 0;
      if (i + 1 - start > 30) open.length = 0;
    }
  }
  if (current) out.push({ text: current, line: start });
  return out;
}

/**
 * Walk the characters of code that are outside string literals, with the bracket depth before each; the
 * visitor returns true to stop. Returns the index it stopped at, or -1. Every scanner below is this walk.
 */
function walkCode(text: string, from: number, visit: (c: string, i: number, depth: number) => boolean | void, regexLiterals = false): number {
  let depth = 0;
  let quote = '';
  // The last character before this one that is not white space: a `/` after an operator starts a regex literal.
  let last = -1;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
      last = i;
      continue;
    }
    const before = last;
    if (c !== ' ' && c !== '\t') last = i;
    // A JavaScript regex literal (`/^([^\/]+)\//`) holds quotes, brackets and slashes that are not code.
    if (regexLiterals && c === '/' && text[i + 1] !== '/' && text[i + 1] !== '*' && (before < 0 || /[(,=:[!&|?{};]/.test(text[before]) || /(?:^|\W)return$/.test(text.slice(Math.max(from, before - 6), before + 1)))) {
      const end = regexEnd(text, i);
      if (end > 0) {
        i = end;
        last = i;
        continue;
      }
      // No closing slash on the rest of the text: none of the later ones closes either, so stop looking (linear time).
      regexLiterals = false;
    }
    if (c === '"' || c === "'" || c === '`') {
      quote = c;
      continue;
    }
    if (visit(c, i, depth)) return i;
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
  }
  return -1;
}

/** The index of the `/` that closes the regex literal opening at `open`, or -1 when the line has none. */
function regexEnd(text: string, open: number): number {
  let inClass = false;
  for (let i = open + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '[') inClass = true;
    else if (c === ']') inClass = false;
    else if (c === '/' && !inClass) return i;
  }
  return -1;
}

function stripComment(line: string, language: 'python' | 'node'): string {
  const at = walkCode(line, 0, (c, i) => (language === 'python' ? c === '#' : c === '/' && line[i + 1] === '/'), language === 'node');
  return at < 0 ? line : line.slice(0, at);
}

/**
 * Push and pop the brackets of one JavaScript/TypeScript line. A `{` that ends the line after `)`, `=>`, a
 * return type's `>` or `}`, or a keyword (`else`, `try`, `class X`) opens a block; after `=`, `(`, `,` or `:` it is an object.
 */
function trackBrackets(line: string, open: ('bracket' | 'block')[]): void {
  const last = line.trimEnd().length - 1;
  walkCode(line, 0, (c, i) => {
    if (c === '(' || c === '[') open.push('bracket');
    // Only a statement's own block splits: a callback's body inside a call's arguments (`diskStorage({ destination: function (…) {`) stays with the call.
    else if (c === '{') open.push(i === last && open.length - 1 === open.lastIndexOf('block') && /(?:[)>}\w$]|^)\s*$/.test(line.slice(0, i)) ? 'block' : 'bracket');
    else if (c === ')' || c === ']' || c === '}') open.pop();
  }, true);
}

function bracketDelta(line: string): number {
  let d = 0;
  walkCode(line, 0, (c) => {
    if (c === '(' || c === '[' || c === '{') d++;
    else if (c === ')' || c === ']' || c === '}') d--;
  });
  return d;
}

/** The top-level arguments of a call, from the text that starts at its `(`: positional and keyword. */
export function callArguments(text: string): { positional: string[]; keyword: Map<string, string> } {
  const positional: string[] = [];
  const keyword = new Map<string, string>();
  const push = (part: string) => {
    const p = part.trim();
    if (!p) return;
    const kw = /^([A-Za-z_]\w*)\s*=(?!=)\s*([\s\S]*)$/.exec(p);
    if (kw) keyword.set(kw[1], kw[2]);
    else positional.push(p);
  };
  let from = 1;
  const close = walkCode(text, 1, (c, i, depth) => {
    if (depth === 0 && (c === ')' || c === ']' || c === '}')) return true;
    if (depth === 0 && c === ',') {
      push(text.slice(from, i));
      from = i + 1;
    }
  });
  push(text.slice(from, close < 0 ? text.length : close));
  return { positional, keyword };
}

/**
 * The names a Python line binds other than by `name = value`, each with the expression it takes (undefined when
 * unknown): `with A as a, B as b:`, and `fd, name = tempfile.mkstemp()`, whose second name is the file's path.
 */
export function pythonBindings(text: string): { name: string; expr: string | undefined }[] {
  const withItems = /^(?:async\s+)?with\s+(.*):$/s.exec(text.trim());
  if (withItems) {
    let body = withItems[1].trim();
    if (body.startsWith('(') && matchingClose(body, 0) === body.length - 1) body = body.slice(1, -1);
    const out: { name: string; expr: string | undefined }[] = [];
    for (const item of callArguments(`(${body})`).positional) {
      const m = /^(.*)\s+as\s+([A-Za-z_]\w*)$/s.exec(item);
      if (m) out.push({ name: m[2], expr: m[1].trim() });
    }
    return out;
  }
  const mkstemp = /^\(?\s*([A-Za-z_]\w*)\s*,\s*([A-Za-z_]\w*)\s*\)?\s*=\s*((?:tempfile\.)?mkstemp\s*\(.*)$/s.exec(text.trim());
  if (mkstemp) return [{ name: mkstemp[1], expr: undefined }, { name: mkstemp[2], expr: mkstemp[3] }];
  return [];
}

/** The expression at the start of a text, up to the first top-level `,` or closing bracket. */
export function leadingExpression(text: string): string {
  const end = walkCode(text, 0, (c, _i, depth) => depth === 0 && (c === ',' || c === ')' || c === ']' || c === '}'));
  return (end < 0 ? text : text.slice(0, end)).trim();
}

/** Split at a top-level operator character (`/` for pathlib, `+` for concatenation). */
function splitTop(expr: string, op: string): string[] {
  const parts: string[] = [];
  let from = 0;
  walkCode(expr, 0, (c, i, depth) => {
    if (c === op && depth === 0 && expr[i + 1] !== op && expr[i - 1] !== op && expr[i + 1] !== '=') {
      parts.push(expr.slice(from, i));
      from = i + 1;
    }
  });
  parts.push(expr.slice(from));
  return parts.map((p) => p.trim());
}

const STRING = /^([rRbBuUfF]{0,2})(['"])((?:\\.|(?!\2).)*)\2$/s;
const TEMPLATE = /^`([^`]*)`$/s;

/** The literal text of a string expression, or undefined; `partial` when it interpolates. */
export function stringValue(expr: string): { text: string; partial: boolean } | undefined {
  const m = STRING.exec(expr.trim());
  if (m) {
    const body = m[3];
    if (/f/i.test(m[1])) {
      const brace = body.search(/\{(?!\{)/);
      return brace < 0 ? { text: body, partial: false } : { text: body.slice(0, brace), partial: true };
    }
    return { text: body, partial: false };
  }
  const t = TEMPLATE.exec(expr.trim());
  if (t) {
    const at = t[1].indexOf('${');
    return at < 0 ? { text: t[1], partial: false } : { text: t[1].slice(0, at), partial: true };
  }
  return undefined;
}

const ENV_LOOKUP = /^(?:os\.environ\.get|os\.getenv|environ\.get|getenv|env\.str|config)\s*\(/;

/** The path an expression names, or undefined when it is computed at run time. */
export function evalPath(expr: string, ctx: ExprContext, depth = 0): PathValue | undefined {
  if (depth > 12) return undefined;
  // `await fs.promises.mkdtemp(…)` names what the promise gives.
  let e = expr.trim().replace(/^await\s+/, '');
  // TypeScript's casts and non-null assertions are erased by tsc: `dir as string` and `dir!` are `dir`.
  if (/\.[cm]?tsx?$/.test(ctx.file)) e = e.replace(/(?:\s+as\s+[\w.$<>[\]| ]+|!)+$/, '').trim();
  while (e.startsWith('(') && matchingClose(e, 0) === e.length - 1) e = e.slice(1, -1).trim();
  if (!e) return undefined;

  const slashParts = splitTop(e, '/');
  if (slashParts.length > 1 && slashParts.every((p) => p !== '')) {
    let acc = evalPath(slashParts[0], ctx, depth + 1);
    for (const part of slashParts.slice(1)) {
      if (!acc || acc.partial) return acc;
      const next = evalPath(part, ctx, depth + 1);
      // An unknown part below a known folder: the folder is known whole, so it ends with a slash.
      if (!next) return { ...acc, path: `${acc.path.replace(/\/+$/, '')}/`, partial: true };
      acc = { ...acc, path: joinPath(acc.path, next.path), partial: next.partial, home: acc.home || next.home, temp: acc.temp || next.temp };
    }
    return acc;
  }
  const plusParts = splitTop(e, '+');
  if (plusParts.length > 1) {
    let text = '';
    for (const part of plusParts) {
      const v = evalPath(part, ctx, depth + 1);
      if (!v) return text ? { path: text, partial: true } : undefined;
      text += v.path;
      if (v.partial) return { path: text, partial: true };
    }
    return { path: text };
  }

  const s = stringValue(e);
  if (s) {
    if (s.text.startsWith('~')) return { path: s.text, home: true, partial: s.partial };
    return { path: s.text, partial: s.partial };
  }
  if (e === '__file__') return { path: ctx.file };
  if (e === '__dirname') return { path: path.posix.dirname(ctx.file) };
  // hydra's get_original_cwd() is the folder the program started in, before hydra changed into its run folder.
  if (/^(?:os\.getcwd\(\)|Path\.cwd\(\)|pathlib\.Path\.cwd\(\)|os\.curdir|process\.cwd\(\)|(?:hydra\.utils\.)?get_original_cwd\(\))$/.test(e)) return { path: ctx.workdir };
  if (/^(?:Path|pathlib\.Path)\.home\(\)$/.test(e) || e === "os.path.expanduser('~')" || e === 'os.path.expanduser("~")' || e === 'os.homedir()') return { path: '~', home: true };
  const temp = tempValue(e, ctx, depth);
  if (temp) return temp;
  if (MEMORY.test(e) && (!e.endsWith(')') || matchingClose(e, e.indexOf('(')) === e.length - 1)) return { path: '', memory: true };

  // Methods and attributes that keep the folder or walk up from it.
  const parent = /^(.*)\.parent$/s.exec(e);
  if (parent) {
    const v = evalPath(parent[1], ctx, depth + 1);
    return v && !v.partial ? { ...v, path: path.posix.dirname(v.path) } : undefined;
  }
  const parents = /^(.*)\.parents\[(\d+)\]$/s.exec(e);
  if (parents) {
    const v = evalPath(parents[1], ctx, depth + 1);
    if (!v || v.partial) return undefined;
    let p = v.path;
    for (let i = 0; i <= Number(parents[2]); i++) p = path.posix.dirname(p);
    return { ...v, path: p };
  }
  const keep = /^(.*)\.(?:resolve|absolute|expanduser)\(\s*\)$/s.exec(e);
  if (keep) return evalPath(keep[1], ctx, depth + 1);

  const call = /^([A-Za-z_][\w.]*)\s*\(/.exec(e);
  if (call && matchingClose(e, call[0].length - 1) === e.length - 1) {
    const fn = call[1];
    const args = callArguments(e.slice(call[0].length - 1));
    if (ENV_LOOKUP.test(e)) return envLookup(args, ctx, depth);
    // `join` and `resolve` imported by name from node:path (a method like arr.join has a receiver, so never matches).
    if (/^(?:os\.path\.join|path\.join|path\.resolve|join|resolve)$/.test(fn)) {
      let acc: PathValue | undefined;
      for (const a of args.positional) {
        const v = evalPath(a, ctx, depth + 1);
        if (!v) return acc ? { ...acc, path: `${acc.path.replace(/\/+$/, '')}/`, partial: true } : undefined;
        acc = acc ? { ...acc, path: joinPath(acc.path, v.path), partial: v.partial, home: acc.home || v.home } : v;
        if (v.partial) return acc;
      }
      return acc;
    }
    if (/^(?:os\.path\.dirname|path\.dirname|dirname)$/.test(fn)) {
      const v = args.positional[0] !== undefined ? evalPath(args.positional[0], ctx, depth + 1) : undefined;
      return v && !v.partial ? { ...v, path: path.posix.dirname(v.path) } : undefined;
    }
    if (/^(?:os\.path\.expanduser)$/.test(fn)) {
      const v = args.positional[0] !== undefined ? evalPath(args.positional[0], ctx, depth + 1) : undefined;
      return v && v.path.startsWith('~') ? { ...v, home: true } : v;
    }
    if (/^(?:Path|pathlib\.Path|PurePath|PosixPath|str|os\.fspath|os\.path\.abspath|os\.path\.realpath|os\.path\.normpath|os\.path\.join)$/.test(fn)) {
      if (args.positional.length === 0) return fn === 'Path' ? { path: '.' } : undefined;
      if (args.positional.length > 1) return evalPath(`os.path.join(${args.positional.join(', ')})`, ctx, depth + 1);
      return evalPath(args.positional[0], ctx, depth + 1);
    }
    return undefined;
  }

  const subscript = /^os\.environ\[\s*(['"])(\w+)\1\s*\]$/.exec(e) ?? /^process\.env\[\s*(['"])(\w+)\1\s*\]$/.exec(e);
  if (subscript) {
    ctx.envReads.add(subscript[2]);
    const v = ctx.env(subscript[2]);
    return v !== undefined ? { path: v } : undefined;
  }
  const nodeEnv = /^process\.env\.(\w+)(?:\s*(?:\|\||\?\?)\s*(.+))?$/s.exec(e);
  if (nodeEnv) {
    ctx.envReads.add(nodeEnv[1]);
    const v = ctx.env(nodeEnv[1]);
    if (v !== undefined) return { path: v };
    return nodeEnv[2] !== undefined ? evalPath(nodeEnv[2], ctx, depth + 1) : undefined;
  }
  // A NamedTemporaryFile's `.name` is its path.
  const fileName = /^(.+)\.name$/s.exec(e);
  const named = fileName ? evalPath(fileName[1], ctx, depth + 1) : undefined;
  if (named?.temp) return named;
  if (/^[A-Za-z_][\w.]*(?:\[\s*['"][^'"]+['"]\s*\])?$/.test(e)) {
    const key = normaliseName(e);
    if (ctx.scope.has(key)) return ctx.scope.get(key);
    const last = key.split('.').pop()!;
    if (ctx.scope.has(last)) return ctx.scope.get(last);
  }
  return undefined;
}

/** In-memory buffers and the standard streams: a write to them is no file (io docs, sys.stdout). */
const MEMORY = /^(?:(?:io\.)?(?:BytesIO|StringIO)\s*\(|sys\.(?:stdout|stderr|__stdout__|__stderr__)(?:\.buffer)?$)/;

/** Python's tempfile calls, taken from the module or imported by name. */
const PYTHON_TEMP = /^(?:tempfile\.)?(?:TemporaryDirectory|mkdtemp|mktemp|NamedTemporaryFile|TemporaryFile|SpooledTemporaryFile|mkstemp|gettempdir)\s*\(/;
/** Node's os.tmpdir() and fs.mkdtemp(prefix), from the module or imported by name. */
const NODE_TMPDIR = /^(?:os\.)?tmpdir\s*\(\s*\)$/;
const NODE_MKDTEMP = /^(?:(?:fs|fsp|fs\.promises)\.)?(?:mkdtemp|mkdtempSync)\s*\(/;

/**
 * A temporary file or folder: in the system's temporary folder unless the call names another (Python's `dir=`,
 * Node's mkdtemp prefix), then a new file in that folder, a write like any other.
 */
function tempValue(e: string, ctx: ExprContext, depth: number): PathValue | undefined {
  if (NODE_TMPDIR.test(e)) return { path: '/tmp', temp: true };
  const python = PYTHON_TEMP.exec(e);
  const node = python ? undefined : NODE_MKDTEMP.exec(e);
  const call = python ?? node;
  if (!call || matchingClose(e, call[0].length - 1) !== e.length - 1) return /^tempfile\./.test(e) ? { path: '/tmp', temp: true } : undefined;
  const args = callArguments(e.slice(call[0].length - 1));
  // Python docs, tempfile: dir= is where the file or folder is made; Node docs, fs.mkdtemp: the prefix is its path up to six random characters.
  const where = python ? args.keyword.get('dir') : args.positional[0];
  if (where === undefined || /^None$/.test(where.trim())) return python ? { path: '/tmp', temp: true } : undefined;
  const v = evalPath(where, ctx, depth + 1);
  if (!v || v.temp || v.home) return v;
  return { path: python && !v.partial ? `${v.path.replace(/\/+$/, '')}/` : v.path, partial: true };
}

function envLookup(args: { positional: string[]; keyword: Map<string, string> }, ctx: ExprContext, depth: number): PathValue | undefined {
  const name = args.positional[0] !== undefined ? stringValue(args.positional[0]) : undefined;
  if (!name || name.partial) return undefined;
  ctx.envReads.add(name.text);
  const set = ctx.env(name.text);
  if (set !== undefined) return { path: set };
  const fallback = args.positional[1] ?? args.keyword.get('default');
  return fallback !== undefined ? evalPath(fallback, ctx, depth + 1) : undefined;
}

/** `app.config["X"]` and `app.config['X']` are one name. */
export function normaliseName(name: string): string {
  return name.replace(/\s+/g, '').replace(/"/g, "'");
}

function joinPath(a: string, b: string): string {
  if (b.startsWith('/')) return b;
  return a === '' ? b : `${a.replace(/\/+$/, '')}/${b}`;
}

function matchingClose(text: string, open: number): number {
  return walkCode(text, open, (c, _i, depth) => depth === 1 && (c === ')' || c === ']' || c === '}'));
}
