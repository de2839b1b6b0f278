// Deploy configs beside a Dockerfile that choose what runs: fly.toml's build target and process commands,
// and compose's build.target. Read once per file.
import path from 'node:path';
import { buildTarget, composeFile, deploysHardenedStage, servicesOfHardenedStage } from './compose.js';
import { oncePerFile } from './memo.js';
import type { Analysis } from './types.js';

/** What fly.toml says about this Dockerfile: the stage it builds and the commands its machines run. */
export interface FlyConfig {
  file: string;
  /** `[build] build-target`, lower-cased, with its 1-based line. */
  target?: { stage: string; line: number };
  /** `[processes]`: each process group's command, which replaces the image's CMD. */
  processes: { name: string; command: string; line: number }[];
  /** `[env]`: variables fly sets in the running machine, over the image's ENV. */
  env: { name: string; value: string; line: number }[];
}

/** fly.toml of the build context, when it builds this Dockerfile (its `[build] dockerfile` names it, or none is named). */
export const flyConfig: (analysis: Analysis) => FlyConfig | undefined = oncePerFile(readFly);

function readFly(analysis: Analysis): FlyConfig | undefined {
  const file = 'fly.toml';
  const text = analysis.readContextFile(file);
  if (text === undefined) return undefined;
  const config: FlyConfig = { file, processes: [], env: [] };
  let table = '';
  let dockerfile: string | undefined;
  text.split('\n').forEach((raw, n) => {
    const line = raw.replace(/\r$/, '').trim();
    const header = /^\[\[?\s*([^\]]+?)\s*\]\]?/.exec(line);
    if (header) {
      table = header[1];
      return;
    }
    // Only plain `key = "string"` lines: what fly.toml uses for these settings.
    const m = /^([A-Za-z0-9_-]+|"[^"]+")\s*=\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)')\s*(#.*)?$/.exec(line);
    if (!m) return;
    const key = m[1].replace(/^"|"$/g, '');
    const value = m[2] !== undefined ? m[2].replace(/\\(["\\])/g, '$1') : m[3];
    if (table === 'build' && key === 'build-target') config.target = { stage: value.toLowerCase(), line: n + 1 };
    if (table === 'build' && key === 'dockerfile') dockerfile = value;
    if (table === 'processes') config.processes.push({ name: key, command: value, line: n + 1 });
    if (table === 'env') config.env.push({ name: key, value, line: n + 1 });
  });
  if (dockerfile !== undefined && analysis.file !== '-' && path.basename(dockerfile) !== path.basename(analysis.file)) return undefined;
  return config;
}

/** A deploy config that builds a named stage of this Dockerfile. */
export interface DeployTarget {
  /** `fly.toml:24 (build-target)`, `docker-compose.yaml (services web, worker: build.target)`. */
  where: string;
  stage: string;
}

/** The stages the deploy configs beside this Dockerfile build by name. */
export function deployTargets(analysis: Analysis): DeployTarget[] {
  const out: DeployTarget[] = [];
  const fly = flyConfig(analysis);
  if (fly?.target) out.push({ where: `${fly.file}:${fly.target.line} (build-target)`, stage: fly.target.stage });
  const compose = composeFile(analysis);
  if (compose && 'services' in compose) {
    const byStage = new Map<string, string[]>();
    for (const s of compose.services) {
      const target = s.buildsThis ? buildTarget(s) : undefined;
      if (target !== undefined) byStage.set(target, [...(byStage.get(target) ?? []), s.name]);
    }
    for (const [stage, services] of byStage) out.push({ where: `${compose.file} (service${services.length > 1 ? 's' : ''} ${services.join(', ')}: build.target)`, stage });
  }
  return out;
}

/** A variable a deploy config sets in the running container, with where it says so. */
export interface DeployVariable {
  name: string;
  value: string;
  /** `fly.toml:13`, `compose.yaml (service web)`. */
  where: string;
}

/** Variables the deploy configs set for the stage this run hardens: fly.toml `[env]`, compose `environment:`. */
export function deployEnv(analysis: Analysis): DeployVariable[] {
  const out: DeployVariable[] = [];
  const fly = flyConfig(analysis);
  if (fly && deploysHardenedStage(analysis, fly.target?.stage)) {
    for (const v of fly.env) out.push({ name: v.name, value: v.value, where: `${fly.file}:${v.line}` });
  }
  const compose = composeFile(analysis);
  for (const s of servicesOfHardenedStage(analysis)) {
    for (const [name, value] of composeEnvironment((s.def as { environment?: unknown }).environment)) out.push({ name, value, where: `${compose!.file} (service ${s.name})` });
  }
  return out;
}

/** compose `environment:` as a map (`KEY: value`) or a list (`- KEY=value`); entries without a value are skipped. */
function composeEnvironment(environment: unknown): [string, string][] {
  if (Array.isArray(environment)) {
    return environment.flatMap((e) => {
      const m = typeof e === 'string' ? /^([^=]+)=(.*)$/.exec(e) : null;
      return m ? [[m[1], m[2]] as [string, string]] : [];
    });
  }
  if (typeof environment === 'object' && environment !== null) {
    return Object.entries(environment).flatMap(([k, v]) => (typeof v === 'string' || typeof v === 'number' ? [[k, String(v)] as [string, string]] : []));
  }
  return [];
}
