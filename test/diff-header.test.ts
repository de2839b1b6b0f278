// Diff headers name each file so that `git apply` takes the patch: inside the current folder and outside it.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { diffHeaderPath, renderDiff } from '../src/output.js';
import type { FileResult } from '../src/types.js';

const BEFORE = 'FROM debian:12\nCMD ["python", "app.py"]\n';
const AFTER = 'FROM debian:12\nUSER 1001:1001\nCMD ["python", "app.py"]\n';
const hasGit = spawnSync('git', ['--version']).status === 0;
const temps: string[] = [];
afterAll(() => temps.forEach((t) => fs.rmSync(t, { recursive: true, force: true })));

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(fs.realpathSync(os.tmpdir()), 'harden-diff-'));
  temps.push(dir);
  return dir;
}

function resultFor(file: string): FileResult {
  return { file, outputs: [{ path: file, before: BEFORE, after: AFTER }], changes: [], notes: [], plan: { writePaths: [] } };
}

function gitApply(cwd: string, patch: string): { status: number | null; stderr: string } {
  const r = spawnSync('git', ['apply', '--whitespace=nowarn', '-'], { cwd, input: patch, encoding: 'utf8' });
  return { status: r.status, stderr: r.stderr };
}

describe('diff headers', () => {
  it('name a file under the current folder relative to it', () => {
    expect(diffHeaderPath('/w/repo/svc/Dockerfile', '/w/repo')).toBe('svc/Dockerfile');
    expect(diffHeaderPath('svc/Dockerfile', '/w/repo')).toBe('svc/Dockerfile');
  });

  it('name a file outside the current folder from the filesystem root, never a//abs or a/../x', () => {
    expect(diffHeaderPath('/work/other/Dockerfile', '/w/repo')).toBe('work/other/Dockerfile');
    expect(diffHeaderPath('../other/Dockerfile', '/w/repo')).toBe('w/other/Dockerfile');
    expect(renderDiff(resultFor('/work/other/Dockerfile'), '/w/repo')).toMatch(/^--- a\/work\/other\/Dockerfile\n\+\+\+ b\/work\/other\/Dockerfile\n/);
  });

  (hasGit ? it : it.skip)('a file in a subfolder: git apply in the current folder takes the patch', () => {
    const cwd = tempDir();
    fs.mkdirSync(path.join(cwd, 'svc'));
    fs.writeFileSync(path.join(cwd, 'svc', 'Dockerfile'), BEFORE);
    const applied = gitApply(cwd, renderDiff(resultFor('svc/Dockerfile'), cwd));
    expect(applied).toEqual({ status: 0, stderr: '' });
    expect(fs.readFileSync(path.join(cwd, 'svc', 'Dockerfile'), 'utf8')).toBe(AFTER);
  });

  (hasGit ? it : it.skip)('an absolute path outside the current folder: git apply run from / takes the patch', () => {
    const cwd = tempDir();
    const outside = tempDir();
    const file = path.join(outside, 'Dockerfile');
    fs.writeFileSync(file, BEFORE);
    const patch = renderDiff(resultFor(file), cwd);
    expect(gitApply(cwd, patch).status).not.toBe(0);
    expect(gitApply(path.parse(file).root, patch)).toEqual({ status: 0, stderr: '' });
    expect(fs.readFileSync(file, 'utf8')).toBe(AFTER);
  });
});
