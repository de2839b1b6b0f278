// Fixture pairs that the e2e suite builds for real. Only Debian-based ones whose base image
// make-base-image.sh can make offline belong here: no Alpine/RHEL/Ubuntu roots, no downloads from
// PyPI (pip only sees the Debian python3-* packages baked into the base).

export interface E2ECase {
  /**
   * The pair, relative to the repository root, without the suffix: `<fixture>.input.Dockerfile` and
   * `<fixture>.output.Dockerfile`, with optional `<fixture>.context/` (build context) and
   * `<fixture>.context.output/` (context files as hardening edits them).
   */
  fixture: string;
  /**
   * Extra build-context files the golden pair does not carry (the app it COPYs), relative to the
   * repository root; laid under the fixture's own context.
   */
  context?: string;
  /** Paths the hardened container must be able to write at run time. */
  writePaths: string[];
  /** The command starts supervisord: its programs must reach RUNNING. */
  supervisor?: boolean;
  /** Seconds the image's own command is given (default 5). */
  timeoutSeconds?: number;
}

/** Base image names the fixtures start FROM; make-base-image.sh tags its image under each. */
export const baseImages = [
  'docker.io/library/debian:bookworm-slim',
  'docker.io/library/debian:bookworm',
  'docker.io/library/python:3.12-slim',
  'docker.io/library/python:3.11-slim',
];

const ctx = (fixture: string) => `test/e2e/contexts/${fixture.replace(/^__fixtures__\//, '')}`;

export const cases: E2ECase[] = [
  // Golden pairs of the engine.
  { fixture: '__fixtures__/switch-user/trailing-user-root', context: ctx('__fixtures__/switch-user/trailing-user-root'), writePaths: [] },
  { fixture: '__fixtures__/switch-user/entrypoint-and-cmd', context: ctx('__fixtures__/switch-user/entrypoint-and-cmd'), writePaths: [] },
  { fixture: '__fixtures__/engine/crlf', context: ctx('__fixtures__/engine/crlf'), writePaths: [] },
  { fixture: '__fixtures__/engine/comments-in-continuation', writePaths: [] },
  { fixture: '__fixtures__/create-user/custom-ids', context: ctx('__fixtures__/create-user/custom-ids'), writePaths: ['/tmp'] },
  { fixture: '__fixtures__/create-user/reuse-user-without-uid', context: ctx('__fixtures__/create-user/reuse-user-without-uid'), writePaths: [] },
  // Situation 3: supervisor, as the write-path passes harden it.
  { fixture: '__fixtures__/writable-supervisor/packaged-default', writePaths: ['/var/log/supervisor', '/run/supervisor'], supervisor: true, timeoutSeconds: 10 },
  { fixture: '__fixtures__/writable-supervisor/packaged-include', writePaths: ['/var/log/supervisor', '/run/supervisor', '/var/log/web'], supervisor: true, timeoutSeconds: 10 },
  { fixture: '__fixtures__/writable-supervisor/copied-config', writePaths: ['/var/log/supervisor', '/run/supervisor', '/var/log/worker'], supervisor: true, timeoutSeconds: 10 },
  // Its config has no [supervisorctl] section, so program states cannot be asked: command check only.
  { fixture: '__fixtures__/writable-supervisor/include-glob', writePaths: ['/var/log/app', '/run/supervisor'], timeoutSeconds: 10 },
  // supervisord started by an entrypoint script: the probe cannot see it is supervisord, so only the command check.
  { fixture: '__fixtures__/writable-supervisor/entrypoint-script', writePaths: ['/var/log/supervisor', '/run/supervisor'], timeoutSeconds: 10 },
  { fixture: '__fixtures__/writable-paths/gunicorn-worker-tmp-dir', context: ctx('__fixtures__/writable-paths/gunicorn-worker-tmp-dir'), writePaths: ['/var/run/gunicorn'] },
  { fixture: '__fixtures__/writable-paths/volume-before-build-step', context: ctx('__fixtures__/writable-paths/volume-before-build-step'), writePaths: ['/var/lib/app'] },
  // Situation 3, caches: the variables huggingface_hub and matplotlib read, written by a stand-in app (the libraries need PyPI).
  { fixture: '__fixtures__/writable-paths/ml-cache-writes', writePaths: ['/data/hf', '/data/matplotlib'] },
  // A home that exists: libraries that cache under ~ (torch hub, whisper, nltk) work; a stand-in writes where they would.
  { fixture: '__fixtures__/create-user/home-cache-writer', writePaths: ['/home/nonroot/.cache/torch'] },
  { fixture: '__fixtures__/switch-user/home-env-root', writePaths: ['/home/nonroot/.cache/torch'] },
  // Situation 2 by hand: the golden pipeline pair installs pandas/pyarrow from PyPI, which CI cannot reach.
  { fixture: 'test/e2e/fixtures/pipeline-env-output', writePaths: ['/app/output'] },
  // A start script's writes (a log folder it creates, a pid file), handed over from the script's own lines.
  { fixture: '__fixtures__/script-writes/log-and-pid', writePaths: ['/app/logs', '/run/app.pid'] },
];

/** Broken-but-non-root Dockerfiles: each shows that a probe other than non-root can fail. */
export interface FailingCase {
  /** The Dockerfile, relative to the repository root. */
  dockerfile: string;
  context?: string;
  writePaths: string[];
  supervisor?: boolean;
  timeoutSeconds?: number;
  /** Checks that must pass, and checks that must fail. */
  pass: string[];
  fail: string[];
}

export const failingCases: FailingCase[] = [
  {
    dockerfile: 'test/e2e/fixtures/supervisor-naive-fix.Dockerfile',
    context: 'test/e2e/fixtures/supervisor-naive-fix.context',
    writePaths: ['/var/run', '/var/log/supervisor/supervisord.log'],
    supervisor: true,
    pass: ['build', 'non-root', 'writable /var/log/supervisor/supervisord.log'],
    fail: ['writable /var/run', 'supervisor', 'command'],
  },
  {
    dockerfile: 'test/e2e/fixtures/home-naive-fix.Dockerfile',
    context: 'test/e2e/fixtures/home-naive-fix.context',
    writePaths: ['/home/nonroot/.cache/torch'],
    pass: ['build', 'non-root'],
    fail: ['writable /home/nonroot/.cache/torch', 'command'],
  },
  // Start scripts doing root work are skipped (golden output == input): as root they run, as a plain user they die.
  {
    dockerfile: '__fixtures__/privilege-drop/entrypoint-chown-set-e.input.Dockerfile',
    context: '__fixtures__/privilege-drop/entrypoint-chown-set-e.context',
    writePaths: [],
    pass: ['build', 'command'],
    fail: ['non-root'],
  },
  {
    dockerfile: 'test/e2e/fixtures/entrypoint-chown-naive-fix.Dockerfile',
    context: '__fixtures__/privilege-drop/entrypoint-chown-set-e.context',
    writePaths: [],
    pass: ['build', 'non-root'],
    fail: ['command'],
  },
  {
    dockerfile: 'test/e2e/fixtures/script-writes-naive-fix.Dockerfile',
    context: '__fixtures__/script-writes/log-and-pid.context',
    writePaths: ['/app/logs', '/run/app.pid'],
    pass: ['build', 'non-root'],
    fail: ['writable /app/logs', 'writable /run/app.pid', 'command'],
  },
  {
    dockerfile: '__fixtures__/privilege-drop/cron-from-script.input.Dockerfile',
    context: '__fixtures__/privilege-drop/cron-from-script.context',
    writePaths: [],
    pass: ['build', 'command'],
    fail: ['non-root'],
  },
  {
    dockerfile: 'test/e2e/fixtures/cron-naive-fix.Dockerfile',
    context: '__fixtures__/privilege-drop/cron-from-script.context',
    writePaths: [],
    pass: ['build', 'non-root'],
    fail: ['command'],
  },
];
