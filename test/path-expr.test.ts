// The path expressions the app-writes detector can work out, and those it must leave unknown.
import { describe, expect, it } from '@jest/globals';
import { callArguments, evalPath, logicalLines, pythonBindings, type ExprContext, type PathValue } from '../src/path-expr.js';

function ctx(env: Record<string, string> = {}, scope: Record<string, PathValue | undefined> = {}): ExprContext {
  return { file: '/app/src/main.py', workdir: '/app', env: (n) => env[n], scope: new Map(Object.entries(scope)), envReads: new Set() };
}

/** The value with only the flags that are set, so a test states what is true and nothing else. */
function clean(v: PathValue | undefined): PathValue | undefined {
  return v && (Object.fromEntries(Object.entries(v).filter(([, x]) => x !== false && x !== undefined)) as unknown as PathValue);
}

describe('evalPath', () => {
  it.each([
    ["'out/data.csv'", { path: 'out/data.csv' }],
    ['os.path.join("a", "b", "c.txt")', { path: 'a/b/c.txt' }],
    ["Path('data') / 'db.sqlite3'", { path: 'data/db.sqlite3' }],
    ['Path(__file__).resolve().parent.parent / "media"', { path: '/app/media' }],
    ['os.path.dirname(os.path.abspath(__file__))', { path: '/app/src' }],
    ['Path(__file__).parents[1]', { path: '/app' }],
    ["f'results/run-{epoch}.json'", { path: 'results/run-', partial: true }],
    ["os.path.join('uploads', filename)", { path: 'uploads/', partial: true }],
    ["os.getcwd()", { path: '/app' }],
    ["os.path.expanduser('~/.cache/x')", { path: '~/.cache/x', home: true }],
    ['tempfile.mkdtemp()', { path: '/tmp', temp: true }],
  ])('%s', (expr, expected) => {
    expect(clean(evalPath(expr, ctx()))).toEqual(expected);
  });

  it('reads environment variables: the ENV value first, else the default the code gives', () => {
    const c = ctx({ OUT_DIR: '/data/out' });
    expect(clean(evalPath("os.environ.get('OUT_DIR', 'out')", c))).toEqual({ path: '/data/out' });
    expect(clean(evalPath("os.getenv('LOG_DIR', 'logs')", c))).toEqual({ path: 'logs' });
    expect(evalPath("os.environ['MISSING']", c)).toBeUndefined();
    expect([...c.envReads].sort()).toEqual(['LOG_DIR', 'MISSING', 'OUT_DIR']);
  });

  it('looks names up in the scope, dotted or subscripted', () => {
    const c = ctx({}, { BASE: { path: '/srv' }, "app.config['UPLOAD_FOLDER']": { path: 'up' } });
    expect(clean(evalPath("BASE / 'x'", c))).toEqual({ path: '/srv/x' });
    expect(clean(evalPath('app.config["UPLOAD_FOLDER"]', c))).toEqual({ path: 'up' });
  });

  it.each([
    ['tempfile.TemporaryDirectory()', { path: '/tmp', temp: true }],
    ["NamedTemporaryFile(suffix='.csv', delete=False)", { path: '/tmp', temp: true }],
    ['tempfile.NamedTemporaryFile(delete=False).name', { path: '/tmp', temp: true }],
    ['mkstemp()', { path: '/tmp', temp: true }],
    ['gettempdir()', { path: '/tmp', temp: true }],
    ["mktemp(prefix='diarization_', suffix='.wav')", { path: '/tmp', temp: true }],
    ["os.path.join(tempfile.gettempdir(), 'x.csv')", { path: '/tmp/x.csv', temp: true }],
    ["tempfile.mkdtemp(dir='/srv/work')", { path: '/srv/work/', partial: true }],
    ["os.path.join(os.tmpdir(), 'up')", { path: '/tmp/up', temp: true }],
    ["fs.mkdtempSync(path.join(os.tmpdir(), 'job-'))", { path: '/tmp/job-', temp: true }],
    ["await fs.promises.mkdtemp('cache-')", { path: 'cache-', partial: true }],
    ['io.BytesIO()', { path: '', memory: true }],
    ['StringIO(text)', { path: '', memory: true }],
    ['sys.stdout', { path: '', memory: true }],
    ['sys.stderr.buffer', { path: '', memory: true }],
  ])('temporary and in-memory: %s', (expr, expected) => {
    expect(clean(evalPath(expr, ctx()))).toEqual(expected);
  });

  it("keeps a temporary value's flag through names, `.name` and joins, and reads no more than the buffer call", () => {
    const c = ctx({}, { tmp: { path: '/tmp', temp: true }, buf: { path: '', memory: true } });
    expect(clean(evalPath("Path(tmp) / 'data.csv'", c))).toEqual({ path: '/tmp/data.csv', temp: true });
    expect(clean(evalPath('tmp.name', c))).toEqual({ path: '/tmp', temp: true });
    expect(clean(evalPath('buf', c))).toEqual({ path: '', memory: true });
    expect(evalPath('io.BytesIO(data).getvalue()', c)).toBeUndefined();
    expect(evalPath('sys.stdout.name', c)).toBeUndefined();
  });

  it('leaves what is computed at run time unknown', () => {
    for (const e of ['target', 'sys.argv[1]', 'get_path()', 'a if b else c']) expect(evalPath(e, ctx())).toBeUndefined();
  });
});

describe('callArguments and logicalLines', () => {
  it('splits top-level arguments, keyword ones apart, strings and brackets kept whole', () => {
    const args = callArguments("(os.path.join(a, 'b,c'), mode='w', encoding=\"utf-8\") + rest");
    expect(args.positional).toEqual(["os.path.join(a, 'b,c')"]);
    expect(Object.fromEntries(args.keyword)).toEqual({ mode: "'w'", encoding: '"utf-8"' });
  });

  it('joins a call over several lines and drops comments, keeping the first line number', () => {
    const lines = logicalLines("x = 1  # one\nargs = TrainingArguments(\n    output_dir='./r',  # here\n)\n", 'python');
    expect(lines).toEqual([
      { text: 'x = 1', line: 1 },
      { text: "args = TrainingArguments( output_dir='./r', )", line: 2 },
    ]);
  });

  it('splits a TypeScript function body into its statements, through type annotations, return types and regex literals', () => {
    const ts = [
      "export async function save(id: string): Promise<{ ok: boolean; path?: string }>{",
      "  const dir: string = join(process.cwd(), 'models');",
      "  const owner = id.match(/^([^\\/]+)\\//);",
      "  mkdirSync(dir as string, { recursive: true });",
      "  return new Promise((resolve) => {",
      "    const child = spawn('cli', ['--local-dir', dir]);",
      "  });",
      "}",
      "function store(info: Info): { path: string } {",
      "  writeFileSync(join(dir, 'a.json'), '{}');",
      "}",
    ].join('\n');
    // A callback's body inside a call's arguments (line 5's Promise executor) stays with the call: the call's own patterns span it.
    expect(logicalLines(ts, 'node').map((l) => l.line)).toEqual([1, 2, 3, 4, 5, 8, 9, 10, 11]);
    expect(logicalLines(ts, 'node')[2].text).toBe("const owner = id.match(/^([^\\/]+)\\//);");
  });

  it('still joins a call or an object literal over several lines in JavaScript', () => {
    expect(logicalLines("const upload = multer({\n  dest: 'uploads/',\n});\nconst cfg = {\n  out: '/srv/out',\n};\n", 'node')).toEqual([
      { text: "const upload = multer({ dest: 'uploads/', });", line: 1 },
      { text: "const cfg = { out: '/srv/out', };", line: 4 },
    ]);
  });
});

describe('evalPath in TypeScript', () => {
  const tsCtx = (scope: Record<string, PathValue | undefined> = {}): ExprContext => ({ ...ctx({}, scope), file: '/app/src/store.ts' });

  it('reads through casts, non-null assertions and join/dirname imported by name', () => {
    expect(clean(evalPath('dir as string', tsCtx({ dir: { path: '/app/models' } })))).toEqual({ path: '/app/models' });
    expect(clean(evalPath('dir!', tsCtx({ dir: { path: '/app/models' } })))).toEqual({ path: '/app/models' });
    expect(clean(evalPath("join(process.cwd(), 'models')", tsCtx()))).toEqual({ path: '/app/models' });
    expect(clean(evalPath("dirname(join('/srv/out', 'a.json'))", tsCtx()))).toEqual({ path: '/srv/out' });
  });
});

describe('pythonBindings', () => {
  it('binds the names of a with statement, each to its expression', () => {
    expect(pythonBindings('with tempfile.TemporaryDirectory() as tmp:')).toEqual([{ name: 'tmp', expr: 'tempfile.TemporaryDirectory()' }]);
    expect(pythonBindings("async with (io.BytesIO() as buf, open('a as b.txt', 'w') as out):")).toEqual([
      { name: 'buf', expr: 'io.BytesIO()' },
      { name: 'out', expr: "open('a as b.txt', 'w')" },
    ]);
    expect(pythonBindings('with lock:')).toEqual([]);
  });

  it("binds mkstemp's second name to the file's path, its first (a descriptor) to nothing known", () => {
    expect(pythonBindings("fd, path = tempfile.mkstemp(suffix='.wav')")).toEqual([
      { name: 'fd', expr: undefined },
      { name: 'path', expr: "tempfile.mkstemp(suffix='.wav')" },
    ]);
    expect(pythonBindings('a, b = pair()')).toEqual([]);
  });
});
