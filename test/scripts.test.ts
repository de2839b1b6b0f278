// Start scripts: what the line-based reader sees, and what the passes say about root work and writes in them.
import { describe, expect, it } from '@jest/globals';
import { readScript, commandWrites } from '../src/scripts.js';
import { listCommands, splitCommands } from '../src/shell.js';
import { goldenCases, hardenWithContext, readBytes } from './helpers.js';

const cases = new Map(goldenCases().map((c) => [c.id, c]));
const run = (id: string) => {
  const c = cases.get(id)!;
  return hardenWithContext('Dockerfile', readBytes(c.input), c.options, c.context);
};

describe('listCommands', () => {
  it('keeps fd copies and &> as redirections, not background jobs', () => {
    expect(splitCommands('cmd >/dev/null 2>&1 || true')).toEqual([['cmd', '>/dev/null', '2>&1'], ['true']]);
    expect(splitCommands('run &>log; next')).toEqual([['run', '&>log'], ['next']]);
  });

  it('says what ends each command', () => {
    expect(listCommands('a && b || c | d & e; f').map((c) => c.end)).toEqual(['&&', '||', '|', '&', ';', '']);
  });
});

describe('readScript', () => {
  const read = (text: string) => readScript(text, new Map([['DATA', '/srv/data']]));

  it('follows set -e, set +e and a -e in the shebang', () => {
    expect(read('#!/bin/sh\nchown a /x\nset -eu\nchown b /y\nset +e\nchown c /z\nexec app\n').map((c) => [c.line, c.errexit])).toEqual([
      [2, false], [3, true], [4, true], [5, false], [6, false], [7, false],
    ]);
    expect(read('#!/bin/sh -e\nchown a /x\n')[0].errexit).toBe(true);
  });

  it('sees || guards, && chains, the last command, and branches that run only as root', () => {
    const commands = read('if [ "$(id -u)" = "0" ]; then\n  chown -R app /data\nelse\n  touch /srv/a\nfi\n[ "$(id -u)" -eq 0 ] && chown app /b\nchown a /c || true\nmkdir /d && exec app\n');
    const by = (line: number, name: string) => commands.find((c) => c.line === line && c.words[0] === name)!;
    expect(by(2, 'chown').rootOnlyBranch).toBe(true);
    expect(by(4, 'touch').rootOnlyBranch).toBe(false);
    expect(by(6, 'chown').rootOnlyBranch).toBe(true);
    expect(by(7, 'chown').guarded).toBe(true);
    expect(by(8, 'mkdir').chained).toBe(true);
    expect(by(8, 'exec').last).toBe(true);
    const both = read('if [ "$1" = serve ] && [ "$(id -u)" = 0 ]; then\n  chown app /data\nfi\nchown app /other\n');
    expect(both.filter((c) => c.words[0] === 'chown').map((c) => c.rootOnlyBranch)).toEqual([true, false]);
  });

  it('substitutes ENV and its own variables, and skips heredoc bodies', () => {
    const commands = read('LOG=$DATA/log\ncat > /srv/conf <<EOF\nchown root /etc/shadow\nEOF\necho hi >> "$LOG/app.log"\n');
    expect(commands.map((c) => c.words[0])).toEqual(['cat', 'echo']);
    expect(commandWrites(commands[1], '/')).toEqual([{ path: '/srv/data/log/app.log', kind: 'file', what: 'writes /srv/data/log/app.log', rendered: true }]);
  });

  it('reads the writes of tee, touch, mkdir -m, sed -i (its folder), cp, mv and ln', () => {
    const writes = read('tee -a /a/t.log\ntouch f\nmkdir -p -m 700 /a/m\nsed -i -e s/x/y/ /a/s/conf\ncp x /a/c\nln -sf /dev/stdout /a/l/out.log\nmv x /a/v/\necho >/dev/null 2>&1\n')
      .flatMap((c) => commandWrites(c, '/w'))
      .map((w) => `${w.kind} ${w.path}${w.rendered ? ' (whole)' : ''}`);
    expect(writes).toEqual(['file /a/t.log (whole)', 'file /w/f', 'dir /a/m', 'dir /a/s', 'file /a/c', 'dir /a/l', 'dir /a/v']);
  });
});

describe('root work in start scripts', () => {
  it('warns, naming the script line, where the failure cannot stop the start', () => {
    const result = run('privilege-drop/entrypoint-guarded-root-work');
    expect(result.skipped).toBeUndefined();
    const warnings = result.notes.filter((n) => n.level === 'warn').map((n) => n.message);
    expect(warnings).toEqual([
      expect.stringMatching(/^start\.sh:3: 'chown -R www-data \/srv\/uploads 2>\/dev\/null' changes file owners, .*the script goes on; do it at build time/),
      expect.stringMatching(/^start\.sh:4: 'sysctl -w net\.core\.somaxconn=1024' sets kernel parameters/),
    ]);
    for (const n of result.notes) expect(n.message).not.toContain('\n');
  });

  it('hands the paths a start script writes to the user, with the script line as evidence', () => {
    const result = run('script-writes/log-and-pid');
    expect(result.plan.writePaths.map((p) => [p.path, p.kind, p.evidence])).toEqual([
      ['/app/logs', 'dir', 'entrypoint.sh:4: mkdir -p /app/logs'],
      ['/run/app.pid', 'file', 'entrypoint.sh:6: echo $$ > /run/app.pid'],
    ]);
  });

  it('--force hardens a start script doing root work under set -e', () => {
    const c = cases.get('privilege-drop/entrypoint-chown-set-e')!;
    const result = hardenWithContext('Dockerfile', readBytes(c.input), { ...c.options, force: true }, c.context);
    expect(result.skipped).toBeUndefined();
    expect(result.outputs).toHaveLength(1);
  });

  it('reads only the scripts the container runs', () => {
    expect(run('privilege-drop/entrypoint-sources-useradd').skipped).not.toMatch(/unused\.sh/);
  });
});
