// The values a Python function's parameters take, worked out from the calls to it in the same file:
// `def load_data(data, out)` called as `load_data(df, output_file)` after `output_file = 'out.csv'` binds
// `out` to 'out.csv'. Positional and keyword arguments and defaults; a parameter whose calls disagree, or
// any of whose calls passes something computed at run time, stays unknown. Bounded: a few levels of
// calls (a parameter passed on to another function), a few calls per function.
import { callArguments, evalPath, normaliseName, pythonBindings, type ExprContext, type PathValue } from './path-expr.js';

/** Parameters passed on through at most this many functions (main → etl → load). */
const MAX_LEVELS = 4;
/** A function called from more places than this is a helper used everywhere: its parameters stay unknown. */
const MAX_CALLS = 20;

/** The assignment a logical line makes (`name = value`, `self.x: T = value`), as the app-writes reader reads it. */
export const PYTHON_ASSIGN = /^([A-Za-z_][\w.]*(?:\[\s*['"][^'"]+['"]\s*\])?)\s*(?::\s*[\w.[\], ]+)?=(?!=)\s*(.+)$/;

const DEF = /^(?:async\s+)?def\s+([A-Za-z_]\w*)\s*(\(.*\))\s*(?:->[^:]*)?:/;

interface Param {
  name: string;
  default?: string;
  /** Taken only by keyword (after `*` or `*args`). */
  keywordOnly: boolean;
}

interface FunctionDef {
  name: string;
  line: number;
  params: Param[];
  /** A method: its first parameter (self, cls) is not passed in the call's arguments. */
  method: boolean;
}

/**
 * For each `def` line (1-based), the values of its parameters that the calls in the file agree on. A parameter
 * left unknown is not listed: a function called only from other files keeps what the reader knew before.
 */
export function pythonParamBindings(
  lines: { text: string; line: number }[],
  makeContext: (scope: Map<string, PathValue | undefined>) => ExprContext,
  initialScope: Map<string, PathValue | undefined>,
): Map<number, Map<string, PathValue>> {
  const defs = new Map<number, FunctionDef>();
  for (const { text, line } of lines) {
    const m = DEF.exec(text);
    if (m) defs.set(line, { name: m[1], line, ...parseParams(m[2]) });
  }
  let bindings = new Map<number, Map<string, PathValue>>();
  if (defs.size === 0) return bindings;
  const byName = new Map<string, FunctionDef[]>();
  for (const d of defs.values()) byName.set(d.name, [...(byName.get(d.name) ?? []), d]);
  const callPattern = new RegExp(`(?<![\\w.])(self\\.|cls\\.)?(${[...byName.keys()].map(escapeRegExp).join('|')})\\s*\\(`, 'g');

  for (let level = 0; level < MAX_LEVELS; level++) {
    const seenCalls = new Map<number, Map<string, PathValue | undefined>[]>();
    const scope = new Map(initialScope);
    const ctx = makeContext(scope);
    for (const { text, line } of lines) {
      const def = defs.get(line);
      if (def) {
        for (const [name, value] of bindings.get(line) ?? new Map()) scope.set(name, value);
        continue;
      }
      for (const call of text.matchAll(callPattern)) {
        const candidates = byName.get(call[2])!.filter((d) => d.method === !!call[1]);
        // Two functions of one name (methods of different classes): the call cannot be told apart.
        if (candidates.length !== 1) continue;
        const target = candidates[0];
        const args = callArguments(text.slice(call.index! + call[0].length - 1));
        const calls = seenCalls.get(target.line) ?? [];
        if (calls.length <= MAX_CALLS) calls.push(argumentValues(target, args, ctx));
        seenCalls.set(target.line, calls);
      }
      const assign = PYTHON_ASSIGN.exec(text);
      if (assign) scope.set(normaliseName(assign[1]), evalPath(assign[2], ctx));
      for (const b of pythonBindings(text)) scope.set(b.name, b.expr === undefined ? undefined : evalPath(b.expr, ctx));
    }
    const next = new Map<number, Map<string, PathValue>>();
    for (const def of defs.values()) {
      const calls = seenCalls.get(def.line) ?? [];
      const values = new Map<string, PathValue>();
      for (const p of def.params) {
        const value = calls.length === 0 || calls.length > MAX_CALLS ? undefined : agreed(calls.map((c) => c.get(p.name)));
        if (value) values.set(p.name, value);
      }
      if (values.size > 0) next.set(def.line, values);
    }
    if (sameBindings(bindings, next)) break;
    bindings = next;
  }
  return bindings;
}

function parseParams(text: string): { params: Param[]; method: boolean } {
  const { positional, keyword } = callArguments(text);
  const params: Param[] = [];
  let keywordOnly = false;
  // callArguments reads `x: str = 'a'` as one positional part and `x='a'` as a keyword: both are parameters with a default.
  const parts = [...positional.map((p) => ({ p, kw: undefined as string | undefined })), ...[...keyword].map(([k, v]) => ({ p: k, kw: v }))];
  for (const { p, kw } of parts) {
    if (p === '/' ) continue;
    if (p.startsWith('*')) {
      keywordOnly = true;
      continue;
    }
    const m = /^([A-Za-z_]\w*)\s*(?::[^=]*)?(?:=\s*([\s\S]+))?$/.exec(p);
    if (!m) continue;
    params.push({ name: m[1], default: kw ?? m[2], keywordOnly });
  }
  const method = params.length > 0 && (params[0].name === 'self' || params[0].name === 'cls');
  return { params: method ? params.slice(1) : params, method };
}

/** What one call passes for each parameter: its argument, else the default, evaluated where the call is. */
function argumentValues(def: FunctionDef, args: { positional: string[]; keyword: Map<string, string> }, ctx: ExprContext): Map<string, PathValue | undefined> {
  const out = new Map<string, PathValue | undefined>();
  // `f(*args)` or `f(**kwargs)`: which argument lands where is not known.
  const splat = args.positional.some((a) => a.startsWith('*'));
  const positionalParams = def.params.filter((p) => !p.keywordOnly);
  for (const p of def.params) {
    const index = positionalParams.indexOf(p);
    const expr = args.keyword.get(p.name) ?? (index >= 0 ? args.positional[index] : undefined) ?? (splat ? undefined : p.default);
    out.set(p.name, expr === undefined || splat ? undefined : evalPath(expr, ctx));
  }
  return out;
}

/** The one value every call passes, or undefined when a call passes an unknown or the calls disagree. */
function agreed(values: (PathValue | undefined)[]): PathValue | undefined {
  if (values.length === 0 || values.some((v) => v === undefined)) return undefined;
  const first = values[0]!;
  return values.every((v) => samePath(v, first)) ? first : undefined;
}

function samePath(a: PathValue | undefined, b: PathValue | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.path === b.path && !!a.partial === !!b.partial && !!a.home === !!b.home && !!a.temp === !!b.temp && !!a.memory === !!b.memory;
}

function sameBindings(a: Map<number, Map<string, PathValue>>, b: Map<number, Map<string, PathValue>>): boolean {
  if (a.size !== b.size) return false;
  for (const [line, values] of a) {
    const other = b.get(line);
    if (!other || other.size !== values.size) return false;
    for (const [name, v] of values) if (!samePath(v, other.get(name))) return false;
  }
  return true;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
