// What the summary says about compose bind mounts and build-time downloads: notes only, which the golden outputs do not show.
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { hardenText } from '../src/engine.js';
import { defaultOptions } from '../src/types.js';
import { fixturesRoot, hardenWithContext, memoryContext, readBytes } from './helpers.js';

const run = (rel: string) => {
  const base = path.join(fixturesRoot, rel);
  return hardenWithContext('Dockerfile', readBytes(`${base}.input.Dockerfile`), defaultOptions, `${base}.context`);
};
const composeNotes = (rel: string) => run(`writable-paths/${rel}`).notes.filter((n) => n.message.startsWith('docker-compose.yml'));
const hostChowns = (rel: string) => composeNotes(rel).flatMap((n) => [...n.message.matchAll(/chown -R \S+ (\S+)/g)].map((m) => m[1]));

describe('compose bind mounts: host-side steps only for folders the container writes', () => {
  it('gives no host step for a source checkout mounted on the app folder where the tool finds no write, and says it may be wrong', () => {
    expect(hostChowns('compose-checkout-only-read')).toEqual([]);
    expect(composeNotes('compose-checkout-only-read')[0].message).toMatch(/where the tool found nothing the container writes, so it gives no host step; if the container does write there/);
  });

  it('names the written subfolder of a mounted checkout, never the checkout itself', () => {
    expect(hostChowns('compose-checkout-writes-subfolder')).toEqual(['./outputs']);
  });

  it('refuses to chown the project folder when the container writes the mount itself', () => {
    const [note] = composeNotes('compose-checkout-written');
    expect(hostChowns('compose-checkout-written')).toEqual([]);
    expect(note).toMatchObject({ level: 'warn', risk: true });
    expect(note.message).toContain('do not chown your checkout');
  });

  it('gives no step for a mounted source folder that is only read, and one for the folder written beside it', () => {
    expect(hostChowns('compose-source-subfolder-only-read')).toEqual(['./outputs']);
  });

  it('never changes the Docker socket\'s owner: warns of root-equivalent access and names group_add', () => {
    const [note] = composeNotes('compose-docker-socket');
    expect(hostChowns('compose-docker-socket')).toEqual([]);
    expect(note).toMatchObject({ level: 'warn', risk: true });
    expect(note.message).toMatch(/root-equivalent.*never change the socket's owner.*group_add/);
  });

  it('never chowns a socket or device such as /dev/log', () => {
    expect(hostChowns('compose-syslog-socket')).toEqual([]);
    expect(composeNotes('compose-syslog-socket')[0].message).toContain('the syslog socket');
  });

  it('says nothing about read-only mounts, short or long syntax', () => {
    expect(composeNotes('compose-read-only-model')).toEqual([]);
  });

  it('never chowns a folder a database service mounts too', () => {
    const [note] = composeNotes('compose-shared-with-database');
    expect(hostChowns('compose-shared-with-database')).toEqual([]);
    expect(note.message).toContain("service 'db' (postgres) also mounts");
  });

  it('never chowns a folder another service mounts too', () => {
    expect(hostChowns('compose-shared-between-services')).toEqual([]);
    expect(composeNotes('compose-shared-between-services')[0].message).toContain("service 'backup' also mounts");
  });

  it('asks to move a mount target under /root instead of changing the host folder', () => {
    const [note] = composeNotes('compose-target-under-root');
    expect(hostChowns('compose-target-under-root')).toEqual([]);
    expect(note.message).toContain('move the mount target out of /root');
  });
});

describe('build-time downloads into root\'s home', () => {
  const withText = (text: string, context?: string) => hardenWithContext('Dockerfile', text, defaultOptions, context);

  it('warns with the script and its line when a copied script downloads', () => {
    const base = path.join(fixturesRoot, 'writable-paths/torch-hub-script-download');
    const result = hardenWithContext('Dockerfile', readBytes(`${base}.input.Dockerfile`), defaultOptions, `${base}.context`);
    expect(result.notes.map((n) => n.message)).toContainEqual(expect.stringMatching(/^line 3 runs fetch_models\.py:3, which downloads torch hub files .*TORCH_HOME=\/home\/nonroot\/\.cache\/torch/));
  });

  it('warns, without an edit it cannot splice, when the download is in exec form', () => {
    const result = withText('FROM python:3.11-slim\nRUN ["python", "-c", "import torch; torch.hub.load(\'a/b\', \'c\')"]\nCMD ["python", "-c", "print(1)"]\n');
    expect(result.notes.map((n) => n.message)).toContainEqual(expect.stringMatching(/^line 2 fills \/home\/nonroot\/\.cache\/torch with torch hub files at build time in exec form/));
  });

  it('asks to move a variable set only after the download rather than setting it twice', () => {
    const result = withText('FROM python:3.11-slim\nRUN python -m nltk.downloader punkt\nENV NLTK_DATA=/srv/nltk\nCMD ["python", "-c", "print(1)"]\n');
    expect(result.notes.map((n) => n.message)).toContainEqual('line 2 downloads nltk files before NLTK_DATA is set (line 3), so they land under /root, which the user cannot read; move that ENV above line 2');
    expect(result.outputs[0].after).not.toContain('/usr/local/share/nltk_data');
  });
});

describe('compose sources written from $PWD', () => {
  it('reads $PWD/x as ./x and names the mounted folder once, not the files inside it', () => {
    expect(hostChowns('compose-pwd-source')).toEqual(['./mlruns']);
  });
});

describe('compose user: overrides', () => {
  it('names a compose user: root that would run the hardened image as root again, as a risk', () => {
    const risks = run('writable-paths/compose-user-root').notes.filter((n) => n.risk).map((n) => n.message);
    expect(risks).toEqual([expect.stringMatching(/^docker-compose\.yml: service 'notebook' sets user: root, which overrides the image's USER/)]);
  });
});

describe('docker run mounts a README or run script documents', () => {
  const runNotes = (rel: string) => run(`writable-paths/${rel}`).notes.filter((n) => /^(README\.md|run\.sh):\d+: `(docker|podman) run`/.test(n.message));

  it('gives the host step for the mounted folder the container writes, creating it first, and none for the folder it only reads', () => {
    const notes = runNotes('readme-docker-run-mount');
    expect(notes.map((n) => n.message)).toEqual([
      expect.stringMatching(/^README\.md:7: `docker run` bind-mounts \.\/input on \/app\/input, where the tool found nothing the container writes, so it gives no host step/),
      'README.md:7: `docker run` bind-mounts ./output on /app/output, which keeps the host folder\'s owner (and docker creates a missing one as root); on the host run: mkdir -p ./output && sudo chown -R 1001:1001 ./output',
    ]);
    // The write to a function parameter (save(result, output_path)) is followed to its call: no "cannot tell where" risk.
    expect(run('writable-paths/readme-docker-run-mount').notes.filter((n) => n.risk)).toEqual([]);
  });

  it('says nothing of read-only mounts: -v …:ro, --mount …,readonly and ro=true in a run script', () => {
    expect(runNotes('readme-docker-run-read-only')).toEqual([]);
  });

  it('names the written subfolder of a mounted checkout, and refuses to chown the checkout when the container writes it itself', () => {
    const harden = (code: string) => {
      const files: Record<string, string> = { 'main.py': code, 'README.md': 'Run: `docker run --rm -v $(pwd):/app report` from the checkout.\n' };
      return hardenText({
        file: 'Dockerfile',
        text: 'FROM python:3.11-slim\nWORKDIR /app\nCOPY main.py .\nCMD ["python", "main.py"]\n',
        options: defaultOptions,
        readContextFile: (rel) => files[rel],
        listContextFiles: (rel) => (rel === '.' ? Object.keys(files) : undefined),
      }).notes.find((n) => n.message.startsWith('README.md:1'));
    };
    expect(harden("import os\nos.makedirs('/app/cache', exist_ok=True)\n")?.message).toMatch(/on the host run: mkdir -p \.\/cache && sudo chown -R 1001:1001 \.\/cache$/);
    const checkout = harden("import sqlite3\nsqlite3.connect('/app/notes.db')\n");
    expect(checkout).toMatchObject({ level: 'warn', risk: true });
    expect(checkout!.message).toContain('do not chown your checkout');
  });
});

describe('host steps for a user the base image ships', () => {
  it('gives a base image user\'s host step by its ids alone, no host account (node: 1000:1000)', () => {
    const files: Record<string, string> = {
      'server.js': "const fs = require('fs');\nfs.mkdirSync('/app/models', { recursive: true });\n",
      'docker-compose.yml': 'services:\n  api:\n    build: .\n    volumes:\n      - ./models:/app/models\n',
    };
    const notes = hardenText({
      file: 'Dockerfile',
      text: 'FROM node:20-slim\nWORKDIR /app\nCOPY . .\nCMD ["node", "server.js"]\n',
      options: defaultOptions,
      ...memoryContext(files),
    }).notes.map((n) => n.message);
    expect(notes).toContainEqual(expect.stringMatching(/on the host run: mkdir -p \.\/models && sudo chown -R 1000:1000 \.\/models$/));
  });
});

describe('mounts where the tool cannot rule out a write', () => {
  const mountNotes = (files: Record<string, string>, dockerfile: string) =>
    hardenText({
      file: 'Dockerfile',
      text: dockerfile,
      options: defaultOptions,
      ...memoryContext(files),
    }).notes.filter((n) => n.message.includes('mounts')).map((n) => `${n.risk ? 'risk' : n.level} ${n.message}`);

  it('a mount the app may write through a computed path is a risk with its host step, not "nothing written"', () => {
    const files = {
      'index.py': "import os\nROOT = os.environ.get('SEARCH_PATH', '/files')\nfor d, _, names in os.walk(ROOT):\n    for n in names:\n        open(os.path.join(d, n + '.md'), 'w').write('x')\n",
      'README.md': 'Run: `docker run -v /srv/notes:/files notes`\n',
    };
    expect(mountNotes(files, 'FROM python:3.12-slim\nWORKDIR /app\nCOPY index.py .\nCMD ["python", "index.py"]\n')).toEqual([
      "risk README.md:1: `docker run` bind-mounts /srv/notes on /files, which keeps the host folder's owner; the tool cannot tell whether the container writes there (the writes at index.py line 5 go to paths computed at run time): if it does, on the host run: mkdir -p /srv/notes && sudo chown -R 1001:1001 /srv/notes",
    ]);
  });

  it("a mount below jupyter's notebook root is written: the user saves notebooks anywhere below it", () => {
    const files = { 'README.md': 'docker run -p 8888:8888 -v /home/me/notebooks:/app/notebooks lab\n' };
    expect(mountNotes(files, 'FROM python:3.12-slim\nRUN pip install jupyterlab\nCMD ["jupyter", "lab", "--ip=0.0.0.0"]\n')).toEqual([
      "info README.md:1: `docker run` bind-mounts /home/me/notebooks on /app/notebooks, which keeps the host folder's owner (and docker creates a missing one as root); on the host run: mkdir -p /home/me/notebooks && sudo chown -R 1001:1001 /home/me/notebooks",
    ]);
  });

  it('one word per mounted folder, however many README commands repeat it', () => {
    const files = {
      'app.py': "open('/data/out.txt', 'w').write('x')\n",
      'README.md': 'docker run -v ./data:/data img\n\ndocker run -v ./data:/data img --debug\n',
    };
    expect(mountNotes(files, 'FROM python:3.12-slim\nWORKDIR /app\nCOPY app.py .\nCMD ["python", "app.py"]\n')).toHaveLength(1);
  });
});
