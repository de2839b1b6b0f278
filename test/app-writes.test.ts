// What only the summary shows of the app-writes detector: where a resolved write came from, and the risk for one it cannot resolve.
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { logicalLines, type ExprContext, type PathValue } from '../src/path-expr.js';
import { pythonParamBindings } from '../src/py-params.js';
import { commandWrites, readScript } from '../src/scripts.js';
import { defaultOptions } from '../src/types.js';
import { fixturesRoot, hardenWithContext, readBytes } from './helpers.js';

const notes = (id: string) => {
  const base = path.join(fixturesRoot, id);
  return hardenWithContext('Dockerfile', readBytes(`${base}.input.Dockerfile`), defaultOptions, `${base}.context`).notes.map((n) => `${n.risk ? 'risk: ' : ''}${n.message}`);
};

describe('app-writes', () => {
  it('resolves a function parameter through the calls in the file: the CSV lands in the code folder', () => {
    expect(notes('app-writes/param-through-calls')).toContainEqual(expect.stringMatching(/^\/app takes new files at run time \(etl_process\.py:13 pandas to_\*\(\)/));
  });

  it('takes no write to a temporary folder, an in-memory buffer or a standard stream for a computed path; a real one still is', () => {
    const risks = notes('app-writes/temp-and-memory').filter((n) => n.startsWith('risk: '));
    expect(risks).toEqual([expect.stringMatching(/^risk: app\.py writes to paths computed at run time \(line 37\):/)]);
  });

  it("writes into the folder a tempfile call's dir= names: that folder is the image's", () => {
    expect(notes('app-writes/temp-and-memory')).toContainEqual(expect.stringMatching(/^\/srv\/scratch is written at run time \(app\.py:42 open\(\)/));
  });

  it("takes Node's os.tmpdir() and fs.mkdtempSync() folders as temporary; a parameter's write is still a risk", () => {
    const risks = notes('app-writes/node-tmpdir').filter((n) => n.startsWith('risk: '));
    expect(risks).toEqual([expect.stringMatching(/^risk: server\.js writes to paths computed at run time \(line 10\):/)]);
  });

  it('names a pandas write to a path computed at run time as a risk, never silently', () => {
    expect(notes('app-writes/pandas-unknown-path')).toContainEqual(expect.stringMatching(/^risk: report\.py writes to paths computed at run time \(line 6\)/));
  });
});

describe('downloads read as writes (curl, wget), for start scripts and app code alike', () => {
  const writes = (script: string) =>
    readScript(script, new Map())
      .flatMap((c) => commandWrites(c, '/w'))
      .map((w) => `${w.kind} ${w.path}`);

  it('curl writes only with -o, -O or --output-dir; option clusters are read letter by letter', () => {
    expect(writes('curl -fsSL https://x/a.tgz\ncurl -fsSLO https://x/b.tgz\ncurl -XPOST -d @body https://x/c\ncurl -sSo /opt/x/c.bin https://x/c\ncurl --output=/opt/y/d.bin https://x/d\ncurl -O --output-dir /srv/dl https://x/e\ncurl -o - https://x/f')).toEqual([
      'dir /w',
      'file /opt/x/c.bin',
      'file /opt/y/d.bin',
      'dir /srv/dl',
    ]);
  });

  it('wget saves in the working folder unless -O or -P says otherwise; -O- is standard output', () => {
    expect(writes('wget -q https://x/a.tgz\nwget -qO- https://x/b | sh\nwget -nv -O /opt/c.bin https://x/c\nwget -P /srv/cache https://x/d\nwget --directory-prefix=cache https://x/e')).toEqual([
      'dir /w',
      'file /opt/c.bin',
      'dir /srv/cache',
      'dir /w/cache',
    ]);
  });

  it("reads os.system and subprocess commands of the app's code, and names a computed output as a risk", () => {
    const n = notes('app-writes/subprocess-downloads');
    expect(n).toContainEqual(expect.stringMatching(/^\/srv\/job\/downloads is written at run time \(job\.py:6 subprocess\.run: wget saves under the remote name in downloads/));
    expect(n).toContainEqual(expect.stringMatching(/^\/var\/lib\/models is written at run time \(job\.py:7 subprocess\.check_call: curl saves \/var\/lib\/models\/model\.bin/));
    expect(n).toContainEqual(expect.stringMatching(/^\/srv\/job takes new files at run time \(job\.py:9 os\.system: writes run\.log\)/));
    expect(n).toContainEqual(expect.stringMatching(/^risk: job\.py writes to paths computed at run time \(line 10\)/));
  });

  it("reads `curl -O` in os.system as a download into the program's working folder", () => {
    expect(notes('app-writes/os-system-curl')).toContainEqual(expect.stringMatching(/^\/app takes new files at run time \(ingest_data\.py:8 os\.system: curl saves under the remote name in the working folder/));
  });
});

describe('datasets, gradio and mount points', () => {
  it('hands over the folder a torchvision dataset downloads into: ../data from /app is /data', () => {
    expect(notes('app-writes/dataset-download')).toContainEqual(expect.stringMatching(/^\/data is written at run time \(train\.py:7 dataset download \(torchvision docs/));
  });

  it('says a save to /mnt needs the mounted volume made writable (fsGroup, the host folder), not the image', () => {
    const n = notes('app-writes/mount-point-save');
    expect(n).toContainEqual(expect.stringMatching(/^risk: \/mnt is where volumes are mounted \(train\.py:7 torch\.save\(\).*securityContext\.fsGroup: 1001, with docker -v chown the host folder to 1001:1001$/));
    expect(n.filter((m) => m.includes('computed at run time'))).toEqual([]);
  });

  it("hands over gradio 3's flagged/ where the build pins gradio below 4, and names it as a risk where it does not", () => {
    expect(notes('app-writes/gradio-flagging')).toContainEqual(expect.stringMatching(/^\/opt\/webui\/flagged is written at run time \(app\.py:8 uses gradio flagging/));
    expect(notes('app-writes/gradio-unpinned')).toContainEqual(
      'risk: app.py:8 uses gradio flagging: gradio below 4 creates /app/flagged as the app starts, and the build pins no version below 4; gradio 4 and later keep flagged data in the working folder too, 5.x in .gradio/flagged when a user flags; pin gradio<4, pass allow_flagging="never", or pass --writable /app/flagged',
    );
  });
});

describe('pythonParamBindings', () => {
  const bind = (code: string) => {
    const lines = logicalLines(code, 'python');
    const ctx = (scope: Map<string, PathValue | undefined>): ExprContext => ({ file: '/app/main.py', workdir: '/app', env: () => undefined, scope, envReads: new Set() });
    const out = pythonParamBindings(lines, ctx, new Map());
    return Object.fromEntries([...out].map(([line, values]) => [line, Object.fromEntries([...values].map(([k, v]) => [k, v.path]))]));
  };

  it('follows a parameter through calls, keyword and positional, and fills in defaults', () => {
    expect(bind("def save(df, path, sep=','):\n    df.to_csv(path)\n\ndef run(out):\n    save(None, path=out)\n\nrun('/data/out.csv')\n")).toEqual({
      1: { path: '/data/out.csv', sep: ',' },
      4: { out: '/data/out.csv' },
    });
  });

  it('leaves a parameter unknown where calls disagree or pass something computed, and skips self', () => {
    expect(bind("class W:\n    def write(self, p):\n        open(p, 'w')\n    def go(self):\n        self.write('a.txt')\n        self.write('b.txt')\n\ndef f(x):\n    pass\n\nf(sys.argv[1])\n")).toEqual({});
  });
});

describe('downloads in start scripts', () => {
  it('leaves a start script alone whose curl saves into /etc under set -e, saying why', () => {
    const base = path.join(fixturesRoot, 'script-writes/downloads-into-etc');
    const result = hardenWithContext('Dockerfile', readBytes(`${base}.input.Dockerfile`), defaultOptions, `${base}.context`);
    expect(result.skipped).toMatch(/^entrypoint\.sh:4: 'curl -fsS --create-dirs -o \/etc\/app\/config\.json .*' curl saves \/etc\/app\/config\.json, which needs root: as a plain user it fails and set -e stops the container/);
  });
});

describe('app code a compose bind mount brings', () => {
  const notesFor = (id: string, target: string) => {
    const base = path.join(fixturesRoot, id);
    return hardenWithContext('Dockerfile', readBytes(`${base}.input.Dockerfile`), { ...defaultOptions, target }, `${base}.context`).notes.map((n) => `${n.risk ? 'risk: ' : ''}${n.message}`);
  };

  it("reads the mounted checkout's settings: the sqlite file lands in the mounted project folder, so the checkout is not chowned", () => {
    const n = notesFor('app-writes/compose-mounted-checkout', 'dev');
    expect(n).toContainEqual(expect.stringMatching(/^\/app takes new files at run time \(mysite\/settings\.py:9 DATABASES NAME/));
    expect(n).toContainEqual(expect.stringMatching(/^risk: docker-compose\.yaml: service 'web' mounts \. \(the project folder or above it\) on \/app, where the container writes \/app: do not chown your checkout/));
    expect(n.filter((m) => m.includes('manage.py'))).toEqual([]);
  });

  it('says a file the context has but no COPY or mount brings is not copied into the image, not that it is missing from the context', () => {
    const n = notesFor('app-writes/compose-mounted-checkout', 'base');
    expect(n).toContainEqual(expect.stringMatching(/^risk: the container runs \/app\/manage\.py, which is not copied into the image \(the build context has manage\.py, but no COPY/));
    expect(n.filter((m) => m.includes('not in the build context'))).toEqual([]);
  });
});
