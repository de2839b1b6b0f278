// The store keeps each model in a folder of its own under models/ in the working folder.
declare function require(name: string): any;
declare const process: { cwd(): string; exitCode?: number };
const { mkdirSync, writeFileSync } = require('fs');
const { join } = require('path');
import type { ModelInfo } from './types';

const pattern: RegExp = /^([^\/]+)\//;

export function saveModel(info: ModelInfo): { path: string } {
  const modelsDir: string = join(process.cwd(), 'models');
  const modelDir = join(modelsDir, info.id.replace(pattern, '$1--'));
  mkdirSync(modelsDir as string, { recursive: true });
  mkdirSync(modelDir!, { recursive: true });
  for (const name of info.files) {
    writeFileSync(join(modelDir, name), '{}');
  }
  return { path: modelDir };
}
