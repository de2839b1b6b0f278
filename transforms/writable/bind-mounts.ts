// Detector: bind mounts take their owner from the host folder, so print the host-side steps (VOLUME and compose binds).
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Detector, DetectorResult, Note, PassContext, RuntimeUser } from '../../src/types.js';
import { volumeTargets } from './app-state.js';
import { cleanPath, lineOf, runtimeInstructions } from './shared.js';

// The YAML parser is large and few Dockerfiles sit next to a compose file: load it on the first one.
const requireHere = createRequire(import.meta.url);
let parseYaml: ((text: string) => unknown) | undefined;
function parse(text: string): unknown {
  parseYaml ??= (requireHere('yaml') as typeof import('yaml')).parse;
  return parseYaml(text);
}

/** File names `docker compose` looks for, in its own order of preference (compose spec, "compose file"). */
const COMPOSE_FILES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];

const reasons = {
  volume: (target: string, steps: string) => `VOLUME ${target}: a bind mount there keeps the host folder's owner; on the host run: ${steps}`,
  compose: (file: string, service: string, source: string, target: string, steps: string) =>
    `${file}: service '${service}' bind-mounts ${source} on ${target}, which keeps the host folder's owner; on the host run: ${steps}`,
  unreadable: (file: string) => `${file} could not be read as YAML; check its bind mounts by hand`,
};

export function hostSteps(u: RuntimeUser, hostPath: string): string {
  return `sudo groupadd -g ${u.gid} ${u.group} && sudo useradd -u ${u.uid} -g ${u.gid} ${u.name} && sudo chown -R ${u.uid}:${u.gid} ${hostPath}`;
}

interface Bind {
  file: string;
  service: string;
  source: string;
  target: string;
}

export const bindMounts: Detector = {
  name: 'bind-mounts',
  description: 'Host-side steps for VOLUME targets and docker-compose bind mounts, which keep the host folder\'s owner',
  detect(ctx: PassContext): DetectorResult {
    const { analysis, plan } = ctx;
    const user = plan.user;
    if (!user) return { paths: [] };
    const notes: Note[] = [];
    const binds = composeBinds(ctx, notes);
    for (const b of binds) notes.push({ level: 'info', message: reasons.compose(b.file, b.service, b.source, b.target, hostSteps(user, b.source)) });
    for (const instr of runtimeInstructions(analysis)) {
      if (instr.keyword !== 'VOLUME') continue;
      for (const target of volumeTargets(analysis, instr)) {
        if (binds.some((b) => b.target === target)) continue;
        notes.push({ level: 'info', line: lineOf(instr), message: reasons.volume(target, hostSteps(user, `<host folder for ${target}>`)) });
      }
    }
    return { paths: [], notes };
  },
};

/** Writable bind mounts of the compose services that build this Dockerfile from its own folder. */
function composeBinds({ analysis }: PassContext, notes: Note[]): Bind[] {
  const dockerfileName = analysis.file === '-' ? undefined : path.basename(analysis.file);
  for (const file of COMPOSE_FILES) {
    const text = analysis.readContextFile(file);
    if (text === undefined) continue;
    let doc: unknown;
    try {
      doc = parse(text);
    } catch {
      notes.push({ level: 'warn', message: reasons.unreadable(file) });
      return [];
    }
    const services = (doc as { services?: Record<string, unknown> } | null)?.services ?? {};
    const binds: Bind[] = [];
    for (const [service, def] of Object.entries(services)) {
      const s = def as { build?: unknown; volumes?: unknown[] } | null;
      if (!s || !buildsThis(s.build, dockerfileName)) continue;
      for (const v of s.volumes ?? []) {
        const bind = readBind(v);
        if (bind) binds.push({ file, service, ...bind });
      }
    }
    return binds;
  }
  return [];
}

function buildsThis(build: unknown, dockerfileName: string | undefined): boolean {
  if (build === undefined || build === null) return false;
  const b = typeof build === 'string' ? { context: build } : (build as { context?: string; dockerfile?: string });
  const context = (b.context ?? '.').replace(/\/+$/, '');
  if (context !== '.' && context !== '') return false;
  return b.dockerfile === undefined || dockerfileName === undefined || path.basename(b.dockerfile) === dockerfileName;
}

/** A writable bind mount in short (`./models:/models:rw`) or long (`type: bind`) syntax. */
function readBind(v: unknown): { source: string; target: string } | undefined {
  if (typeof v === 'string') {
    const [source, target, mode] = v.split(':');
    if (!target || !/^[./~]/.test(source) || (mode ?? '').split(',').includes('ro')) return undefined;
    return { source, target: cleanPath(target) };
  }
  const long = v as { type?: string; source?: string; target?: string; read_only?: boolean } | null;
  if (long?.type !== 'bind' || !long.source || !long.target || long.read_only) return undefined;
  return { source: long.source, target: cleanPath(long.target) };
}
