// Deploy configs that choose the stage (fly.toml build-target, compose build.target) and the start command (fly [processes]).
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { defaultOptions } from '../src/types.js';
import { fixturesRoot, hardenWithContext, readBytes } from './helpers.js';

const run = (name: string, options = {}) => {
  const base = path.join(fixturesRoot, 'deploy-target', name);
  const result = hardenWithContext('Dockerfile', readBytes(`${base}.input.Dockerfile`), { ...defaultOptions, ...options }, `${base}.context`);
  return result.notes.filter((n) => n.level === 'warn').map((n) => n.message);
};

describe('deploy target', () => {
  it('names the stage fly.toml deploys when the last stage is hardened, without changing the default', () => {
    expect(run('fly-build-target')).toEqual([
      "fly.toml:4 (build-target) builds stage 'prod', but this run hardens 'dev' (the last stage), which is not what that config deploys; pass --target prod to harden that stage",
    ]);
  });

  it('says nothing once --target names the deployed stage', () => {
    expect(run('fly-build-target', { target: 'prod' })).toEqual([]);
  });

  it('names the compose services that build another stage, once per stage', () => {
    expect(run('compose-build-target')).toEqual([
      "compose.yaml (services web, worker: build.target) builds stage 'prod', but this run hardens 'dev' (the last stage), which is not what that config deploys; pass --target prod to harden that stage",
    ]);
  });

  it('reads services that take their build from a YAML merge key (<<: *anchor)', () => {
    expect(run('compose-merge-keys')).toEqual([
      "compose.yaml (services web, worker: build.target) builds stage 'prod', but this run hardens 'dev' (the last stage), which is not what that config deploys; pass --target prod to harden that stage",
    ]);
  });

  it('reads the fly [processes] start script of the deployed stage: swap set-up without set -e is a warning per line', () => {
    expect(run('fly-swapfile', { target: 'prod' })).toEqual([
      "fly/app-entrypoint.sh:2: 'fallocate -l 128M /swapfile' creates a file in / or a swap file, which needs root: as a plain user it fails and the script goes on; drop it, or create the file in a folder of the app's own; a swap file is the host's or the platform's to give (fly.toml swap_size_mb)",
      "fly/app-entrypoint.sh:4: 'mkswap /swapfile' sets up swap space, which needs root: as a plain user it fails and the script goes on; drop it: swap is the host's or the platform's to give (fly.toml swap_size_mb, the node's own swap)",
      "fly/app-entrypoint.sh:5: 'swapon /swapfile' needs CAP_SYS_ADMIN, which needs root: as a plain user it fails and the script goes on; drop it: swap is the host's or the platform's to give (fly.toml swap_size_mb, the node's own swap)",
    ]);
  });

  it('does not read fly [processes] for a stage fly.toml does not build', () => {
    expect(run('fly-swapfile').filter((m) => m.includes('swap'))).toEqual([]);
  });

  it('reads the variables fly.toml [env] and compose environment: set for the deployed stage only', () => {
    const base = path.join(fixturesRoot, 'app-writes', 'deploy-env-urls');
    const written = (options: object) =>
      hardenWithContext('Dockerfile', readBytes(`${base}.input.Dockerfile`), { ...defaultOptions, ...options }, `${base}.context`)
        .notes.filter((n) => n.message.includes('is written at run time'))
        .map((n) => n.message.replace(/ \((django-environ|sqlite keeps)[^)]*\)\): owned by 1001:1001$/, ''));
    expect(written({ target: 'prod' })).toEqual([
      '/cache is written at run time (fly.toml:4 CACHE_URL=filecache:////cache',
      '/data/site.sqlite3 is written at run time (compose.yaml (service web) DATABASE_URL=sqlite:////data/site.sqlite3',
      '/data is written at run time (compose.yaml (service web) DATABASE_URL=sqlite:////data/site.sqlite3',
    ]);
    expect(written({})).toEqual([]);
  });
});
