import { spawn } from 'node:child_process';
import { download } from './download.js';

const repo: string = process.argv[2] ?? 'org/tiny-model';
download(repo).then((code: number) => process.exit(code));
export { spawn };
