// Detector: Hugging Face and other ML library caches, set by ENV or implied by the packages installed.
import path from 'node:path';
import { commentLines, indentNear, insertLines, keyword } from '../../src/edits.js';
import { imageModel } from '../../src/image-model.js';
import { splitCommands } from '../../src/shell.js';
import type { Analysis, Detector, DetectorResult, Instr, Note, PassContext, ReasonedEdit, WritePath } from '../../src/types.js';
import { BUILD_DOWNLOADERS, runsCode } from './build-downloads.js';
import { cleanPath, copiesInto, isExecForm, isWithin, lineOf, runtimeInstructions, userHome, workdirs } from './shared.js';

/** Cache variables libraries write under at run time; one row per variable, with where the fact comes from. */
export const CACHE_VARIABLES: { name: string; library: string; deprecated?: string }[] = [
  { name: 'HF_HOME', library: 'huggingface_hub' }, // huggingface_hub docs, environment variables: root of token and caches
  { name: 'HF_HUB_CACHE', library: 'huggingface_hub' }, // huggingface_hub docs: model/dataset repo cache, default $HF_HOME/hub
  { name: 'TRANSFORMERS_CACHE', library: 'transformers', deprecated: 'HF_HOME' }, // transformers: "Using TRANSFORMERS_CACHE is deprecated and will be removed in v5 of Transformers. Use HF_HOME instead."
  { name: 'HF_DATASETS_CACHE', library: 'datasets' }, // datasets docs, cache: default $HF_HOME/datasets
  { name: 'SENTENCE_TRANSFORMERS_HOME', library: 'sentence-transformers' }, // sentence-transformers: model cache folder
  { name: 'TORCH_HOME', library: 'torch' }, // torch.hub docs: hub and checkpoints under $TORCH_HOME
  { name: 'XDG_CACHE_HOME', library: 'many (torch, pip, huggingface fallbacks)' }, // XDG base directory spec
  { name: 'MPLCONFIGDIR', library: 'matplotlib' }, // matplotlib docs: config and font cache folder
  { name: 'NUMBA_CACHE_DIR', library: 'numba' }, // numba docs: cache of compiled functions
];

/** Packages that use the Hugging Face cache (default $HOME/.cache/huggingface) once imported. */
const HF_PACKAGES = /^(transformers|huggingface[-_]hub|sentence[-_]transformers|diffusers|datasets)(\[[^\]]*\])?([<>=!~;@ ].*)?$/i;

/** A RUN that fetches a model into the cache at build time. */
const DOWNLOAD = /huggingface-cli\s+download|\bhf\s+download|snapshot_download|hf_hub_download|from_pretrained|SentenceTransformer\s*\(|pipeline\s*\(/;

/** Build steps that write a Hugging Face token under HF_HOME (default /root/.cache/huggingface/token); one row per way. */
export const CREDENTIAL_WRITERS: { pattern: RegExp; what: string; source: string }[] = [
  { pattern: /huggingface-cli\s+login\b/, what: 'huggingface-cli login', source: 'huggingface_hub CLI docs: login saves the token to $HF_HOME/token' },
  { pattern: /\bhf\s+auth\s+login\b/, what: 'hf auth login', source: 'huggingface_hub CLI docs: hf auth login saves the token to $HF_HOME/token' },
  { pattern: /huggingface_hub\s+import\s+[^;"']*\blogin\b[\s\S]*\blogin\s*\(|huggingface_hub\.login\s*\(/, what: 'huggingface_hub login()', source: 'huggingface_hub docs, login(): saves the token to $HF_HOME/token' },
  { pattern: /HF_TOKEN\b[^&;|]*>{1,2}\s*\S|>{1,2}\s*\S*huggingface\/(token|stored_tokens)\b/, what: 'a token written to a file', source: 'huggingface_hub docs: the token file is $HF_HOME/token (stored_tokens beside it)' },
];

/** A relative folder: no variable or home reference the shell would expand first. */
const RELATIVE = /^[A-Za-z0-9._][A-Za-z0-9._\/-]*$/;

/** A download that writes its files elsewhere than the cache folder, so it may never create the cache folder itself. */
const ELSEWHERE = /--local-dir\b|\blocal_dir\s*=|--cache-dir\b|\bcache_dir\s*=|\bcache_folder\s*=/;

const INSTALLERS = new Set(['pip', 'pip3', 'conda', 'mamba', 'micromamba', 'uv', 'pipx', 'poetry']);

const reasons = {
  relative: (name: string, value: string, workdir: string, library: string) =>
    `ENV ${name}=${value} (${library} cache), relative: the library resolves it against the working directory at run time, WORKDIR ${workdir}`,
  setHome: (path: string, evidence: string) =>
    `${evidence} and no cache variable is set: the cache would go to $HOME/.cache (or /.cache with no home), which the user cannot write; set HF_HOME=${path}, in the user's own home so it matches the library default and stays out of the app code`,
  comment: 'Hugging Face cache in a folder the unprivileged user owns (default $HOME/.cache fails without a writable home)',
  chownDownload: (line: number, dir: string) =>
    `line ${line} fills ${dir} at build time as root; chown it in the same RUN so the user can read it and write its lock files, at no image-size cost (a separate RUN chown -R would copy the whole cache into a new layer)`,
  mkdirDownload: (line: number, dir: string) =>
    `line ${line} downloads to a local_dir/cache_dir of its own, so ${dir} may never be created and a bare chown would fail the build: mkdir -p it first, then chown it in the same RUN for the user's cache and lock files`,
  deprecated: (name: string, instead: string) => `${name} is deprecated ("will be removed in v5 of Transformers"); set ${instead} instead`,
  rootCache: (later: string | undefined) =>
    later
      ? `this step downloads a model before ${later} is set, so it lands in /root/.cache/huggingface, which the user cannot read; move that ENV above it`
      : 'this step downloads a model with no cache variable set, so it lands in /root/.cache/huggingface, which the user cannot read; set ENV HF_HOME above it',
  execDownload: (line: number, dir: string) => `line ${line} fills ${dir} at build time in exec form; add a chown -R of ${dir} to that step by hand so the user can use the cache`,
  credential: (line: number, what: string, hfHome: string) =>
    `line ${line} writes a Hugging Face token at build time (${what}) under HF_HOME: setting HF_HOME=${hfHome} above it would put the token there, where the file's own cleanup misses it and the user can read it, so it is not moved there; pass the token as a build secret instead (RUN --mount=type=secret,id=hf_token HF_TOKEN=$(cat /run/secrets/hf_token) huggingface-cli download ...) and set ENV HF_HOME=${hfHome} above the download`,
  tokenChowned: (line: number, what: string, dir: string) =>
    `line ${line} writes a Hugging Face token (${what}) under ${dir}, which is handed to the user: the token ships in the image, readable by it; pass it as a build secret instead (RUN --mount=type=secret,id=hf_token HF_TOKEN=$(cat /run/secrets/hf_token) ...)`,
  noShell: (path: string) => `transformers-family packages are installed but no cache variable is set: set ENV HF_HOME to a folder copied in with COPY --chown (there is no shell here to create ${path})`,
};

export const mlCaches: Detector = {
  name: 'ml-caches',
  description: 'Hugging Face, torch, matplotlib and numba caches: from cache variables, or HF_HOME set when the libraries are installed without one',
  detect(ctx: PassContext): DetectorResult {
    const { analysis, plan } = ctx;
    const paths: WritePath[] = [];
    const notes: Note[] = [];
    const edits: ReasonedEdit[] = [];
    const instrs = runtimeInstructions(analysis);

    const runWorkdir = workdirs(analysis).at(-1)?.path ?? '/';
    const stage = analysis.finalStage.instructions;
    for (const instr of instrs) {
      if (instr.keyword !== 'ENV') continue;
      for (const row of CACHE_VARIABLES) {
        const value = envValueSetBy(analysis, instr, row.name);
        if (value === undefined) continue;
        if (value.startsWith('/')) {
          // Code run as root below the ENV may fill the cache with root's files, which the library writes into when it loads them.
          const fillers = rootFillersAfter(stage, instr.start, downloadsInto(row.name));
          const evidence = fillers.length
            ? `ENV ${row.name}=${value} (${row.library} cache), and build line${fillers.length > 1 ? 's' : ''} ${fillers.map(lineOf).join(', ')} run${fillers.length > 1 ? '' : 's'} code as root that may fill it: handed over with its contents`
            : `ENV ${row.name}=${value} (${row.library} cache)`;
          paths.push({ path: cleanPath(value), kind: 'dir', line: lineOf(instr), evidence, recursive: fillers.length > 0 });
        }
        // The library joins a relative value to the process's working directory at run time: the last WORKDIR.
        else if (RELATIVE.test(value)) paths.push({ path: cleanPath(path.posix.join(runWorkdir, value)), kind: 'dir', line: lineOf(instr), evidence: reasons.relative(row.name, value, runWorkdir, row.library) });
        if (row.deprecated) notes.push({ level: 'warn', line: lineOf(instr), message: reasons.deprecated(row.name, row.deprecated) });
      }
    }

    const hfSet = ['HF_HOME', 'HF_HUB_CACHE', 'TRANSFORMERS_CACHE'].some((n) => analysis.env.has(n));
    const install = hfInstall(analysis, instrs);
    const downloads = instrs.filter((i) => i.keyword === 'RUN' && DOWNLOAD.test(i.args));
    let added: { path: string; at: number } | undefined;
    // A step that writes a token under HF_HOME: the variable must not be moved across it.
    const credential = credentialStep(instrs);
    let credentialKept = false;
    if (install && !hfSet && plan.user) {
      const home = userHome(analysis, plan.user) ?? `/home/${plan.user.name}`;
      const hfHome = `${home}/.cache/huggingface`;
      if (credential) {
        notes.push({ level: 'warn', line: lineOf(credential.instr), message: reasons.credential(lineOf(credential.instr), credential.what, hfHome) });
        credentialKept = true;
      } else if (!plan.base?.hasShell) {
        notes.push({ level: 'warn', line: lineOf(install.instr), message: reasons.noShell(hfHome) });
      } else {
        const firstDownload = downloads.find((d) => stage.includes(d));
        // Above the first download when it comes first (or is the install step itself), else right after the install.
        const before = firstDownload && firstDownload.startLine <= install.instr.startLine ? firstDownload : undefined;
        const offset = before ? before.commentStart : install.instr.lineEnd;
        const next = before ?? stage[stage.indexOf(install.instr) + 1];
        const indent = indentNear(next, install.instr);
        const lines = [...commentLines(analysis, indent, reasons.comment), `${indent}${keyword(analysis, 'ENV')} HF_HOME=${hfHome}`];
        edits.push({ ...insertLines(analysis, offset, lines), reason: reasons.setHome(hfHome, install.evidence) });
        // Code run as root below the new HF_HOME may fill it (a script that preloads a model), and huggingface_hub writes lock files into what it downloaded.
        const fillers = rootFillersAfter(stage, offset, DOWNLOAD);
        const evidence = fillers.length
          ? `${install.evidence}; HF_HOME=${hfHome} set here, and build line${fillers.length > 1 ? 's' : ''} ${fillers.map(lineOf).join(', ')} run${fillers.length > 1 ? '' : 's'} code as root that may fill it; huggingface_hub writes lock files into what it downloaded, so it is handed over with its contents`
          : `${install.evidence}; HF_HOME=${hfHome} set here`;
        paths.push({ path: hfHome, kind: 'dir', line: lineOf(install.instr), evidence, recursive: fillers.length > 0 });
        added = { path: hfHome, at: offset };
      }
    }

    for (const run of downloads) {
      const dirs = cacheDirsAt(analysis, run, added);
      if (dirs.length === 0) {
        if (credentialKept) continue;
        const later = ['HF_HOME', 'HF_HUB_CACHE', 'TRANSFORMERS_CACHE'].find((n) => analysis.env.has(n));
        // Moving the variable up would cross the token step: the build-secret advice replaces "move that ENV".
        if (credential && later) {
          notes.push({ level: 'warn', line: lineOf(run), message: reasons.credential(lineOf(credential.instr), credential.what, analysis.env.get(later) ?? '') });
          credentialKept = true;
          continue;
        }
        notes.push({ level: 'warn', line: lineOf(run), message: reasons.rootCache(later) });
        continue;
      }
      if (!plan.user || !plan.base?.hasShell) continue;
      if (credential && cacheDirsAt(analysis, credential.instr, added).length > 0) {
        const dir = cacheDirsAt(analysis, credential.instr, added).join(' ');
        if (!notes.some((n) => n.line === lineOf(credential.instr))) notes.push({ level: 'warn', line: lineOf(credential.instr), message: reasons.tokenChowned(lineOf(credential.instr), credential.what, dir) });
      }
      const owner = `${plan.user.uid}:${plan.user.gid}`;
      const missing = dirs.filter((d) => !new RegExp(`chown\\s+-R\\s+${owner}\\s+[^&;]*${escapeRegExp(d)}`).test(run.args));
      if (missing.length === 0) continue;
      if (isExecForm(run)) {
        notes.push({ level: 'warn', line: lineOf(run), message: reasons.execDownload(lineOf(run), missing.join(' ')) });
        continue;
      }
      // A chown of a path that does not exist fails the build: create those the download may not.
      const model = imageModel(analysis);
      const absent = ELSEWHERE.test(run.args) ? missing.filter((d) => !model.madeBefore(d, run.lineStart)) : [];
      const mkdir = absent.length ? ` && mkdir -p ${absent.join(' ')}` : '';
      const reason = absent.length ? reasons.mkdirDownload(lineOf(run), absent.join(' ')) : reasons.chownDownload(lineOf(run), missing.join(' '));
      edits.push({ start: run.end, end: run.end, text: `${mkdir} && chown -R ${owner} ${missing.join(' ')}`, reason });
    }
    return { paths, notes, edits };
  },
};

/**
 * RUN steps after `offset` that run code as root after the last download step (whose own chown -R covers what came
 * before it): they may fill a cache folder with files the user cannot write.
 */
function rootFillersAfter(stage: readonly Instr[], offset: number, download: RegExp | undefined): Instr[] {
  const isDownload = (i: Instr) => download !== undefined && download.test(i.args);
  const lastDownload = stage.filter((i) => i.keyword === 'RUN' && i.start >= offset && isDownload(i)).at(-1);
  const from = lastDownload ? lastDownload.end : offset;
  return stage.filter((i) => i.keyword === 'RUN' && i.start >= from && !isDownload(i) && splitCommands(i.args).some(runsCode));
}

/** The download steps that chown a cache variable's folder in the same RUN (this detector's, or build-downloads' torch hub row). */
function downloadsInto(variable: string): RegExp | undefined {
  if (['HF_HOME', 'HF_HUB_CACHE', 'TRANSFORMERS_CACHE', 'SENTENCE_TRANSFORMERS_HOME'].includes(variable)) return DOWNLOAD;
  return BUILD_DOWNLOADERS.find((d) => d.variable === variable && d.handover === 'recursive')?.pattern;
}

/** The first RUN of the runtime chain that writes a Hugging Face token, with how. */
function credentialStep(instrs: readonly Instr[]): { instr: Instr; what: string } | undefined {
  for (const instr of instrs) {
    if (instr.keyword !== 'RUN') continue;
    const row = CREDENTIAL_WRITERS.find((r) => r.pattern.test(instr.args));
    if (row) return { instr, what: row.what };
  }
  return undefined;
}

/** The value an ENV instruction gives to one variable, resolved, or undefined when it does not set it. */
function envValueSetBy(analysis: Analysis, instr: Instr, name: string): string | undefined {
  const props = (instr.node as unknown as { getProperties?: () => { getName(): string; getValue(): string | null }[] }).getProperties?.() ?? [];
  const prop = props.find((p) => p.getName() === name);
  if (!prop) return undefined;
  return analysis.resolve(stripQuotes(prop.getValue() ?? ''), instr);
}

function stripQuotes(v: string): string {
  return v.length >= 2 && (v[0] === '"' || v[0] === "'") && v[v.length - 1] === v[0] ? v.slice(1, -1) : v;
}

/** The cache folders in effect for a RUN: variables set before it, or the HF_HOME this detector inserts above it. */
function cacheDirsAt(analysis: Analysis, run: Instr, added: { path: string; at: number } | undefined): string[] {
  const dirs: string[] = [];
  for (const name of ['HF_HOME', 'HF_HUB_CACHE', 'TRANSFORMERS_CACHE', 'SENTENCE_TRANSFORMERS_HOME']) {
    const value = analysis.resolve(`\${${name}}`, run);
    if (value.startsWith('/')) dirs.push(cleanPath(value));
    // At build time a relative cache folder is joined to the WORKDIR of the download step.
    else if (RELATIVE.test(value)) dirs.push(cleanPath(path.posix.join(workdirs(analysis).filter((w) => w.instr.start < run.start).at(-1)?.path ?? '/', value)));
  }
  if (added && added.at <= run.commentStart) dirs.push(added.path);
  return dirs.filter((d, i) => !dirs.some((o, j) => j !== i && o !== d && isWithin(d, o)) && dirs.indexOf(d) === i);
}

/** The first instruction that installs a Hugging Face package: pip/conda words, or a requirements file read from the context. */
function hfInstall(analysis: Analysis, instrs: readonly Instr[]): { instr: Instr; evidence: string } | undefined {
  const copies = copiesInto(analysis);
  for (const instr of instrs) {
    if (instr.keyword !== 'RUN') continue;
    for (const words of splitCommands(instr.args)) {
      const at = words.findIndex((w) => INSTALLERS.has(w.split('/').pop() ?? ''));
      if (at < 0 || !words.slice(at).some((w) => w === 'install' || w === 'add' || w === 'create')) continue;
      const pkg = words.slice(at + 1).find((w) => HF_PACKAGES.test(w));
      if (pkg) return { instr, evidence: `line ${lineOf(instr)} installs ${pkg}` };
      for (let i = at + 1; i < words.length - 1; i++) {
        if (!['-r', '--requirement', '-f', '--file'].includes(words[i])) continue;
        const file = words[i + 1];
        const text = requirementsText(analysis, copies, file);
        const found = text && packageIn(text);
        if (found) return { instr, evidence: `line ${lineOf(instr)} installs ${file}, which lists ${found}` };
      }
    }
  }
  return undefined;
}

/** Read a requirements / environment file from the context: the COPY source that lands there, else its name. */
function requirementsText(analysis: Analysis, copies: ReturnType<typeof copiesInto>, file: string): string | undefined {
  const base = file.split('/').pop() ?? file;
  const candidates: string[] = [];
  for (const c of copies) {
    if (c.from) continue;
    for (const s of c.sources) if (s.split('/').pop() === base || c.dest.endsWith(`/${base}`)) candidates.push(s.split('/').pop() === base ? s : `${s.replace(/\/$/, '')}/${base}`);
  }
  candidates.push(file.replace(/^\.\//, ''), base);
  for (const rel of candidates) {
    const text = analysis.readContextFile(rel.replace(/^\.\//, ''));
    if (text !== undefined) return text;
  }
  return undefined;
}

function packageIn(text: string): string | undefined {
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/#.*/, '').replace(/^\s*-\s*/, '').trim();
    if (HF_PACKAGES.test(line)) return line.split(/[<>=!~;@ []/)[0];
  }
  return undefined;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
