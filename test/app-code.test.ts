// Which files the app reader opens for a Node/TypeScript command, and the cap on how many and how large.
import { describe, expect, it } from '@jest/globals';
import { analyse } from '../src/analyse.js';
import { APP_FILE_CAP, APP_FILE_LIMIT, appCode } from '../src/app-code.js';
import { defaultOptions } from '../src/types.js';

function read(dockerfile: string, files: Record<string, string>) {
  const opened: string[] = [];
  const analysis = analyse({
    file: 'Dockerfile',
    text: dockerfile,
    options: defaultOptions,
    readContextFile: (rel) => {
      if (files[rel] !== undefined) opened.push(rel);
      return files[rel];
    },
    listContextFiles: (rel) => (rel === '.' ? Object.keys(files) : undefined),
  });
  return { code: appCode(analysis), opened };
}

const DOCKERFILE = 'FROM node:20-slim\nWORKDIR /app\nCOPY . .\nRUN npm run build\nCMD ["npm", "start"]\n';
const PACKAGE = JSON.stringify({ scripts: { start: 'node dist/index.js' } });

describe('app code of a TypeScript app the image compiles', () => {
  it('reads the .ts sources through package.json and tsconfig.json when the compiled file is not in the context', () => {
    const { code } = read(DOCKERFILE, {
      'package.json': PACKAGE,
      'tsconfig.json': '{ "compilerOptions": { "outDir": "dist", "rootDir": "src" } }',
      'src/index.ts': "import { a } from './a.js';\nimport type { T } from './types.js';\n",
      'src/a.ts': 'export const a: number = 1;\n',
      'src/types.ts': 'export type T = string;\n',
    });
    expect(code.files.map((f) => f.runtimePath)).toEqual(['/app/src/index.ts', '/app/src/a.ts']);
    expect(code.unread).toEqual([]);
  });

  it('reads the compiled file, not its source, when the context has it', () => {
    const { code } = read(DOCKERFILE, { 'package.json': PACKAGE, 'dist/index.js': 'module.exports = 1;\n', 'src/index.ts': 'export {};\n' });
    expect(code.files.map((f) => f.runtimePath)).toEqual(['/app/dist/index.js']);
  });

  it(`keeps the cap: at most ${APP_FILE_LIMIT} files with package.json and tsconfig.json counted, none over ${APP_FILE_CAP / 1024} KiB`, () => {
    const files: Record<string, string> = { 'package.json': PACKAGE, 'tsconfig.json': '{ "compilerOptions": { "outDir": "dist" } }' };
    // The oversized module comes first, so only its size keeps it out.
    files['src/index.ts'] = "import './big.js';\n" + Array.from({ length: 60 }, (_, i) => `import './m${i}.js';`).join('\n');
    for (let i = 0; i < 60; i++) files[`src/m${i}.ts`] = `export const m${i} = ${i};\n`;
    files['src/big.ts'] = `// ${'x'.repeat(APP_FILE_CAP)}\n`;
    const { code, opened } = read(DOCKERFILE, files);
    expect(code.files.length + ['package.json', 'tsconfig.json'].filter((f) => opened.includes(f)).length).toBe(APP_FILE_LIMIT);
    expect(code.files.some((f) => f.runtimePath.endsWith('big.ts'))).toBe(false);
  });
});

describe('app code a compose bind mount brings (the checkout mounted on the code folder)', () => {
  const readStage = (dockerfile: string, files: Record<string, string>, target?: string) => {
    const analysis = analyse({ file: 'Dockerfile', text: dockerfile, options: { ...defaultOptions, target }, readContextFile: (rel) => files[rel], listContextFiles: () => undefined });
    return appCode(analysis);
  };
  const STAGES = 'FROM python:3.12-slim AS base\nWORKDIR /app\nCOPY requirements.txt .\n\nFROM base AS dev\n\nFROM base AS prod\nCOPY . .\n';
  const compose = (target: string, volume: string) =>
    `services:\n  web:\n    build:\n      context: .\n      target: ${target}\n    volumes:\n      - ${volume}\n    command: sh -c "python manage.py migrate && python manage.py runserver"\n`;
  const MANAGE = 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "site.settings")\n';

  it('reads a file the image lacks from the mounted checkout: /app/p is context file p', () => {
    const code = readStage(STAGES, { 'docker-compose.yml': compose('dev', '.:/app'), 'manage.py': MANAGE, 'site/settings.py': 'DEBUG = True\n' }, 'dev');
    expect(code.files.map((f) => [f.runtimePath, f.contextPath])).toEqual([
      ['/app/manage.py', 'manage.py'],
      ['/app/site/settings.py', 'site/settings.py'],
    ]);
    expect(code.unread).toEqual([]);
  });

  it('maps a mounted sub-folder: ./src:/app puts src/manage.py at /app/manage.py', () => {
    const code = readStage(STAGES, { 'docker-compose.yml': compose('dev', './src:/app:ro'), 'src/manage.py': MANAGE }, 'dev');
    expect(code.files.map((f) => f.contextPath)).toEqual(['src/manage.py']);
  });

  it('reads what the image copies in before the mount', () => {
    const dockerfile = 'FROM python:3.12-slim\nWORKDIR /app\nCOPY app/manage.py /app/\n';
    const code = readStage(dockerfile, { 'docker-compose.yml': compose('dev', '.:/app').replace('      target: dev\n', ''), 'app/manage.py': MANAGE, 'manage.py': MANAGE });
    expect(code.files.map((f) => f.contextPath)).toEqual(['app/manage.py']);
  });

  it('does not use the mounts of a service that builds another stage, nor a mount from outside the context', () => {
    for (const [target, volume] of [
      ['prod', '.:/app'],
      ['dev', '../:/app'],
    ]) {
      const code = readStage(STAGES, { 'docker-compose.yml': compose(target, volume), 'manage.py': MANAGE }, 'dev');
      expect(code.files).toEqual([]);
      expect(code.unread).toEqual(['/app/manage.py']);
      expect(code.notCopied).toEqual(new Map([['/app/manage.py', 'manage.py']]));
    }
  });

  it('says a file the context lacks is not in the context, not that it is not copied', () => {
    const code = readStage(STAGES, { 'docker-compose.yml': compose('dev', '.:/app') }, 'dev');
    expect(code.unread).toEqual(['/app/manage.py']);
    expect(code.notCopied.size).toBe(0);
  });
});
