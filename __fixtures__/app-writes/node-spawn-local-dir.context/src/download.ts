import { spawn } from 'node:child_process';
import { join } from 'node:path';

const MODELS_DIR = process.env.MODELS_DIR ?? '/srv/models';

export function download(repo: string): Promise<number> {
  const target: string = join(MODELS_DIR, repo.replace('/', '--'));
  return new Promise<number>((resolve) => {
    const child = spawn('huggingface-cli', ['download', repo, '--local-dir', target], { stdio: 'inherit' });
    child.on('close', (code: number | null) => resolve(code ?? 1));
  });
}
