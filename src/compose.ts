// The compose file beside a Dockerfile, read once per file: its services, and which of them build this Dockerfile.
import { createRequire } from 'node:module';
import path from 'node:path';
import { cleanPath } from '../transforms/writable/shared.js';
import { oncePerFile } from './memo.js';
import type { Analysis } from './types.js';

// The YAML parser is large and few Dockerfiles sit next to a compose file: load it on the first one.
const requireHere = createRequire(import.meta.url);
let parseYaml: ((text: string, options: { merge: boolean }) => unknown) | undefined;
function parse(text: string): unknown {
  parseYaml ??= (requireHere('yaml') as typeof import('yaml')).parse;
  // Compose files share service settings through YAML merge keys (`<<: *common`), which the compose spec supports.
  return parseYaml(text, { merge: true });
}

/** File names `docker compose` looks for, in its own order of preference (compose spec, "compose file"). */
const COMPOSE_FILES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];

export interface ComposeService {
  name: string;
  /** The service's definition as the YAML has it. */
  def: { build?: unknown; image?: unknown; volumes?: unknown[]; user?: unknown; command?: unknown; entrypoint?: unknown; working_dir?: unknown };
  /** It is built from this Dockerfile. */
  buildsThis: boolean;
}

export type ComposeFile = { file: string; services: ComposeService[] } | { file: string; unreadable: true };

/** The first compose file of the build context, parsed; undefined when there is none. */
export const composeFile: (analysis: Analysis) => ComposeFile | undefined = oncePerFile(readCompose);

function readCompose(analysis: Analysis): ComposeFile | undefined {
  const dockerfileName = analysis.file === '-' ? undefined : path.basename(analysis.file);
  for (const file of COMPOSE_FILES) {
    const text = analysis.readContextFile(file);
    if (text === undefined) continue;
    let doc: unknown;
    try {
      doc = parse(text);
    } catch {
      return { file, unreadable: true };
    }
    const services = (doc as { services?: Record<string, unknown> } | null)?.services ?? {};
    return {
      file,
      services: Object.entries(services)
        .filter(([, def]) => def !== null && typeof def === 'object')
        .map(([name, def]) => ({ name, def: def as ComposeService['def'], buildsThis: buildsThis((def as ComposeService['def']).build, dockerfileName) })),
    };
  }
  return undefined;
}

function buildsThis(build: unknown, dockerfileName: string | undefined): boolean {
  if (build === undefined || build === null) return false;
  const b = typeof build === 'string' ? { context: build } : (build as { context?: string; dockerfile?: string });
  const context = (b.context ?? '.').replace(/\/+$/, '');
  if (context !== '.' && context !== '') return false;
  return b.dockerfile === undefined || dockerfileName === undefined || path.basename(b.dockerfile) === dockerfileName;
}

/** A bind mount in short (`./models:/models:ro`) or long (`type: bind`) syntax; named volumes are not binds. */
export function readBind(v: unknown): { source: string; target: string; readOnly: boolean } | undefined {
  if (typeof v === 'string') {
    const [raw, target, mode] = v.split(':');
    // Compose runs from the compose file's folder: $PWD/x is ./x.
    const source = raw.replace(/^\$\{?PWD\}?(?=\/|$)/, '.');
    if (!target || !/^[./~]/.test(source)) return undefined;
    return { source, target: cleanPath(target), readOnly: (mode ?? '').split(',').includes('ro') };
  }
  const long = v as { type?: string; source?: string; target?: string; read_only?: boolean } | null;
  if (long?.type !== 'bind' || !long.source || !long.target) return undefined;
  return { source: long.source.replace(/^\$\{?PWD\}?(?=\/|$)/, '.'), target: cleanPath(long.target), readOnly: long.read_only === true };
}

/** A service's `build.target`, lower-cased, when it names one. */
export function buildTarget(s: ComposeService): string | undefined {
  const target = typeof s.def.build === 'object' && s.def.build !== null ? (s.def.build as { target?: unknown }).target : undefined;
  return typeof target === 'string' ? target.toLowerCase() : undefined;
}

/** Whether a deploy config that builds `target` (none: the last stage) deploys the stage this run hardens. */
export function deploysHardenedStage(analysis: Analysis, target: string | undefined): boolean {
  if (target === undefined) return analysis.finalStage === analysis.stages[analysis.stages.length - 1];
  return target === (analysis.finalStage.name ?? String(analysis.finalStage.index)).toLowerCase();
}

/** The compose services that build the stage this run hardens: their build.target names it, or they build the last stage and it is that one. */
export function servicesOfHardenedStage(analysis: Analysis): ComposeService[] {
  const compose = composeFile(analysis);
  if (!compose || 'unreadable' in compose) return [];
  return compose.services.filter((s) => s.buildsThis && deploysHardenedStage(analysis, buildTarget(s)));
}

/**
 * The build-context paths that the bind mounts of the services building the hardened stage put at image path `p`:
 * `./src:/app` puts context file `src/x.py` at `/app/x.py`. The compose file sits at the context's root, so its
 * relative sources are context paths; mounts from outside the context (`..`, absolute, `~`) are not.
 */
export function mountedContextSources(analysis: Analysis, p: string): string[] {
  const out: string[] = [];
  for (const s of servicesOfHardenedStage(analysis)) {
    for (const v of Array.isArray(s.def.volumes) ? s.def.volumes : []) {
      const bind = readBind(v);
      if (!bind || bind.source.startsWith('/') || bind.source.startsWith('~')) continue;
      const rel = bind.target === '/' ? p.slice(1) : p === bind.target ? '' : p.startsWith(`${bind.target}/`) ? p.slice(bind.target.length + 1) : undefined;
      if (rel === undefined) continue;
      const source = path.posix.normalize(path.posix.join(bind.source, rel)).replace(/\/+$/, '');
      if (source !== '..' && !source.startsWith('../')) out.push(source);
    }
  }
  return [...new Set(out)];
}
