// The compose file beside a Dockerfile, read once per file: its services, and which of them build this Dockerfile.
import { createRequire } from 'node:module';
import path from 'node:path';
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
export const COMPOSE_FILES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];

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
