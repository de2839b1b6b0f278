// Detector: folders the application keeps its state in: VOLUME, ENV paths named for writing, program arguments, --writable.
import type { Analysis, Detector, DetectorResult, Instr, Note, PassContext, WritePath } from '../../src/types.js';
import { envProperties } from '../../src/analyse.js';
import { unquote } from '../../src/variables.js';
import { CACHE_VARIABLES } from './ml-caches.js';
import { cleanPath, copiesInto, instructionWords, isWithin, lineOf, mkdirTargets, runtimeInstructions, workdirs } from './shared.js';

/** Words in a variable name that say the program writes there. */
const WRITE_WORDS = /(^|_)(CACHE|OUTPUT|OUT|DATA|LOG|LOGS|TMP|TEMP|TMPDIR|UPLOAD|UPLOADS|STATE|RESULT|RESULTS|CHECKPOINT|CHECKPOINTS|SAVE|STORAGE|STORE|WORK|DB|DOWNLOAD|DOWNLOADS|EXPORT|ARTIFACT|ARTIFACTS|SPOOL|RUNTIME)(_|$)/;
/** Generic suffixes that may or may not be written: reported, not handed over, unless a write word is in the name too. */
const PATH_SUFFIX = /_(DIR|PATH|HOME|ROOT|FOLDER|FILE)$/;
/** Words that say the path is read: models served read only, configs, certificates, toolchains. */
const READ_WORDS = /(^|_)(MODEL|MODELS|CONFIG|CONF|CERT|CERTS|KEY|SECRET|SECRETS|BIN|LIB|LIBS|INCLUDE|SRC|SOURCE|STATIC|TEMPLATE|TEMPLATES|ASSETS|WEIGHTS|SCRIPT|SCRIPTS)(_|$)/;
/** Toolchain variables that name install locations, written only at build time. */
const TOOLCHAIN = new Set([
  'PATH', 'HOME', 'PYTHONPATH', 'LD_LIBRARY_PATH', 'LIBRARY_PATH', 'JAVA_HOME', 'CUDA_HOME', 'CUDA_PATH', 'CONDA_DIR', 'CONDA_PREFIX',
  'VIRTUAL_ENV', 'PYENV_ROOT', 'NVM_DIR', 'POETRY_HOME', 'GOPATH', 'GOROOT', 'CARGO_HOME', 'RUSTUP_HOME', 'GEM_HOME', 'BUNDLE_PATH',
  'MAVEN_HOME', 'GRADLE_HOME', 'ANDROID_HOME', 'NODE_PATH', 'PIP_CACHE_DIR', 'UV_CACHE_DIR', 'MAMBA_ROOT_PREFIX', 'APP_HOME', 'APP_DIR', 'APP_ROOT',
]);

/** Options whose value is a file the program only reads at start (its config); one row per program. */
export const READ_OPTIONS: { program: string; options: string[]; source: string }[] = [
  { program: 'supervisord', options: ['-c', '--configuration'], source: 'supervisord --help: -c/--configuration FILENAME, the config file it reads' },
  { program: 'nginx', options: ['-c'], source: 'nginx -h: -c filename, set configuration file' },
  { program: 'gunicorn', options: ['-c', '--config'], source: 'gunicorn settings: config, the config file to read' },
  { program: 'uwsgi', options: ['--ini', '--yaml', '--yml', '--json', '--xml'], source: 'uwsgi docs, configuration: load a config file' },
  { program: 'celery', options: ['--config'], source: 'celery --help: --config, the configuration module' },
];

const reasons = {
  readOnly: (p: string, how: string) => `${p} is a config ${how} reads at start, not a path it writes: not handed over; pass --writable ${p} if the program rewrites it`,
};

/** The paths a command line passes as configs to read (`supervisord -c FILE`), with the program and option. */
function configReads(words: readonly string[]): Map<string, string> {
  const reads = new Map<string, string>();
  let row: (typeof READ_OPTIONS)[number] | undefined;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    const named = READ_OPTIONS.find((r) => (w.split('/').pop() ?? w) === r.program);
    if (named) row = named;
    if (!row) continue;
    const eq = w.indexOf('=');
    const option = w.startsWith('-') && eq > 0 ? w.slice(0, eq) : w;
    if (!row.options.includes(option)) continue;
    const value = eq > 0 && w.startsWith('-') ? w.slice(eq + 1) : words[++i];
    if (value !== undefined) reads.set(value, `${row.program} ${option}`);
  }
  return reads;
}

export const appState: Detector = {
  name: 'app-state',
  description: 'Application state folders: VOLUME targets, ENV paths named for writing, paths the program is given that the Dockerfile creates, --writable',
  detect(ctx: PassContext): DetectorResult {
    const { analysis } = ctx;
    const paths: WritePath[] = [];
    for (const p of analysis.options.writable) paths.push({ path: cleanPath(p), kind: 'dir', evidence: `--writable ${p}` });

    const instrs = runtimeInstructions(analysis);
    for (const instr of instrs) {
      if (instr.keyword === 'VOLUME') {
        for (const target of volumeTargets(analysis, instr)) paths.push({ path: target, kind: 'dir', line: lineOf(instr), evidence: `VOLUME ${target}` });
      }
      if (instr.keyword === 'ENV') paths.push(...envPaths(analysis, instr));
    }

    const created = mkdirTargets(analysis);
    const programs = instrs.filter((i) => (i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT') && analysis.finalStage.instructions.includes(i));
    const pointedAt = new Set<string>();
    const notes: Note[] = [];
    for (const instr of programs) {
      const words = instructionWords(instr);
      const reads = configReads(words);
      for (const word of words.slice(1)) {
        const raw = word.includes('=') && word.startsWith('-') ? word.slice(word.indexOf('=') + 1) : word;
        const value = analysis.resolve(raw, instr);
        if (!value.startsWith('/')) continue;
        const p = cleanPath(value);
        const readBy = reads.get(raw);
        if (readBy) {
          notes.push({ level: 'info', line: lineOf(instr), message: reasons.readOnly(p, readBy) });
          continue;
        }
        const made = created.find((c) => isWithin(p, c.path));
        if (!made) continue;
        pointedAt.add(made.path);
        paths.push({ path: made.path, kind: 'dir', line: lineOf(instr), evidence: `${instr.keyword} passes ${p}, created on line ${lineOf(made.instr)}` });
      }
    }

    // A folder only mkdir'ed, with nothing pointing at it: maybe written, so reported but not handed over.
    const usedOtherwise = new Set([...copiesInto(analysis).map((c) => c.dest), ...workdirs(analysis).map((w) => w.path), ...paths.map((p) => p.path)]);
    for (const c of created) {
      if (pointedAt.has(c.path) || [...usedOtherwise].some((u) => isWithin(u, c.path) || isWithin(c.path, u))) continue;
      paths.push({ path: c.path, kind: 'dir', line: lineOf(c.instr), evidence: `RUN mkdir ${c.path}, nothing else points at it`, reportOnly: true });
    }
    return { paths, notes };
  },
};

export function volumeTargets(analysis: Analysis, instr: Instr): string[] {
  const args = instr.args.trim();
  let words: string[];
  try {
    words = args.startsWith('[') ? (JSON.parse(args) as string[]) : args.split(/\s+/);
  } catch {
    words = args.split(/\s+/);
  }
  return words.map((w) => analysis.resolve(unquote(w), instr)).filter((w) => w.startsWith('/')).map(cleanPath);
}

function envPaths(analysis: Analysis, instr: Instr): WritePath[] {
  const out: WritePath[] = [];
  const ml = new Set(CACHE_VARIABLES.map((r) => r.name));
  for (const [name, raw] of envProperties(instr.node)) {
    if (ml.has(name) || TOOLCHAIN.has(name)) continue;
    const value = analysis.resolve(unquote(raw), instr);
    if (!value.startsWith('/') || value.includes(':') || /\s/.test(value)) continue;
    const upper = name.toUpperCase();
    const writes = WRITE_WORDS.test(upper);
    if (!writes && (!PATH_SUFFIX.test(upper) || READ_WORDS.test(upper))) continue;
    if (writes && READ_WORDS.test(upper) && !/(CACHE|OUTPUT|OUT|LOG|TMP|TEMP|CHECKPOINT|SAVE)/.test(upper)) continue;
    const p = cleanPath(value);
    const isFile = /(_FILE|_PATH)$/.test(upper) && /\.[A-Za-z0-9]{1,8}$/.test(p);
    out.push({ path: p, kind: isFile ? 'file' : 'dir', line: lineOf(instr), evidence: `ENV ${name}=${value}`, reportOnly: !writes });
  }
  return out;
}
