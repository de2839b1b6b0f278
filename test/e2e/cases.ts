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
  // What the app's own code writes, read from the code the container runs (transforms/writable/app-writes.ts).
  { fixture: '__fixtures__/app-writes/sqlite-next-to-code', writePaths: ['/srv/notes'] },
  { fixture: '__fixtures__/app-writes/celery-beat', writePaths: ['/app'], timeoutSeconds: 10 },
  { fixture: '__fixtures__/app-writes/flask-uploads', writePaths: ['/app/uploads'] },
  // A cache URL in ENV (django-environ's filecache://): Debian's python3-django caches into that folder at start.
  { fixture: '__fixtures__/app-writes/env-filecache', writePaths: ['/var/cache/site'], timeoutSeconds: 10 },
  { fixture: '__fixtures__/app-writes/pipeline-env-scratch', writePaths: ['/pipeline/tmp', '/var/lib/pipeline/queue'] },
  // A pandas-like write whose path is a function parameter, resolved through the calls in the file.
  { fixture: '__fixtures__/app-writes/param-through-calls', writePaths: ['/app'] },
  // `os.system(f'curl … -O')` downloads into the working folder (curl from Debian, a file:// URL).
  { fixture: '__fixtures__/app-writes/os-system-curl', writePaths: ['/app'], timeoutSeconds: 10 },
  // torchvision's MNIST('../data', download=True) from /app makes /data (stand-in torch and torchvision in the context).
  { fixture: '__fixtures__/app-writes/dataset-download', context: ctx('__fixtures__/app-writes/dataset-download'), writePaths: ['/data'] },
  // A start script that downloads with curl (--output-dir … -O, -o FILE): the folder and the file are handed over.
  { fixture: '__fixtures__/script-writes/downloads', writePaths: ['/var/lib/models', '/var/lib/app/config.json'] },
  // Situation 2 by hand: the golden pipeline pair installs pandas/pyarrow from PyPI, which CI cannot reach.
  { fixture: 'test/e2e/fixtures/pipeline-env-output', writePaths: ['/app/output'] },
  // Programs' own layouts, installed from Debian's packages in the build and started by their own command.
  { fixture: '__fixtures__/writable-programs/nginx-debian', writePaths: ['/var/lib/nginx/body', '/var/log/nginx/error.log', '/var/log/nginx/access.log'], timeoutSeconds: 10 },
  { fixture: '__fixtures__/writable-programs/nginx-copied-conf-no-pid', writePaths: ['/var/log/nginx/error.log'], timeoutSeconds: 10 },
  { fixture: '__fixtures__/writable-programs/apache2-debian', writePaths: ['/var/run/apache2', '/var/lock/apache2', '/var/log/apache2/error.log'], timeoutSeconds: 10 },
  { fixture: '__fixtures__/writable-programs/php-fpm-debian-nginx', writePaths: ['/run/php', '/var/log/php8.2-fpm.log', '/var/log/nginx/error.log'], timeoutSeconds: 10 },
  // The pool's socket moved into root-owned /var/run by the Dockerfile's own sed, nginx pointed at it by another: the
  // command fetches a .php page through both, so a php-fpm that cannot start fails the case.
  { fixture: '__fixtures__/writable-programs/php-fpm-debian-pool-by-sed', writePaths: ['/var/run/php-fpm', '/run/php'], timeoutSeconds: 15 },
  // A download to local_dir never creates HF_HOME: the chown after it needs a mkdir -p. The context holds a
  // stand-in huggingface_hub (PyPI is out of reach) that writes only under local_dir, as the real one does.
  { fixture: '__fixtures__/writable-paths/hf-local-dir-download', writePaths: ['/srv/hf'] },
  // A folder handed over with the children the build made as root: the app writes into the children.
  { fixture: '__fixtures__/writable-paths/folder-with-root-children', writePaths: ['/srv/storage/uploads', '/srv/storage/outputs'] },
  // A start script's writes (a log folder it creates, a pid file), handed over from the script's own lines.
  { fixture: '__fixtures__/script-writes/log-and-pid', writePaths: ['/app/logs', '/run/app.pid'] },
  // nltk data downloaded as root at build time, read by the app as the user. Debian's python3-nltk is real; its
  // data servers are out of reach, so the context's stand-in download asks nltk for its default folder and writes there.
  { fixture: '__fixtures__/writable-paths/nltk-offline-download', writePaths: [], timeoutSeconds: 10 },
  // A start command that renders a program's config under /etc: that one file is handed over.
  { fixture: '__fixtures__/script-writes/envsubst-nginx-conf', writePaths: ['/etc/nginx/conf.d/default.conf', '/var/log/nginx/error.log'], timeoutSeconds: 10 },
  // gunicorn's config switches to the user the Dockerfile creates: run as that user, the switch is to itself.
  { fixture: '__fixtures__/create-user/gunicorn-config-own-user', writePaths: [], timeoutSeconds: 10 },
  // A TypeScript app compiled in the image (Debian's node-typescript): its write is read from the .ts source the context has.
  { fixture: '__fixtures__/app-writes/node-typescript-dist', writePaths: ['/app/models'], timeoutSeconds: 10 },
  // A cache variable set above build-time downloads: root fills the user's cache, and a library appends to a log in its
  // model folder at start (stand-ins for whisper and DeepFilterNet, whose wheels need PyPI).
  { fixture: '__fixtures__/writable-paths/whisper-root-seeded-cache', writePaths: ['/home/nonroot/.cache/DeepFilterNet/DeepFilterNet3'], timeoutSeconds: 10 },
  // multer diskStorage with a destination callback, under Debian's nodejs (a stand-in multer writes the upload as multer does).
  { fixture: '__fixtures__/app-writes/multer-upload-node', writePaths: ['/app/uploads'], timeoutSeconds: 10 },
];

/** Broken-but-non-root Dockerfiles: each shows that a probe other than non-root can fail. */
export interface FailingCase {
  /** The Dockerfile, relative to the repository root. */
  dockerfile: string;
  /** The build context, relative to the repository root; several are laid one over the other, in order. */
  context?: string | string[];
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
  {
    dockerfile: 'test/e2e/fixtures/nginx-naive-fix.Dockerfile',
    writePaths: ['/var/log/nginx/error.log'],
    timeoutSeconds: 10,
    pass: ['build', 'non-root'],
    fail: ['writable /var/log/nginx/error.log', 'command'],
  },
  {
    dockerfile: 'test/e2e/fixtures/apache2-naive-fix.Dockerfile',
    writePaths: ['/var/log/apache2/error.log'],
    timeoutSeconds: 10,
    pass: ['build', 'non-root'],
    fail: ['writable /var/log/apache2/error.log', 'command'],
  },
  {
    dockerfile: 'test/e2e/fixtures/php-fpm-naive-fix.Dockerfile',
    context: 'test/e2e/fixtures/php-fpm-naive-fix.context',
    writePaths: ['/run/php'],
    timeoutSeconds: 10,
    pass: ['build', 'non-root'],
    fail: ['writable /run/php', 'command'],
  },
  {
    dockerfile: 'test/e2e/fixtures/php-fpm-pool-by-sed-naive-fix.Dockerfile',
    context: '__fixtures__/writable-programs/php-fpm-debian-pool-by-sed.context',
    writePaths: ['/var/run/php-fpm'],
    timeoutSeconds: 15,
    pass: ['build', 'non-root'],
    fail: ['writable /var/run/php-fpm', 'command'],
  },
  {
    dockerfile: 'test/e2e/fixtures/php-fpm-pool-by-sed-socket-left.Dockerfile',
    context: '__fixtures__/writable-programs/php-fpm-debian-pool-by-sed.context',
    writePaths: ['/run/php', '/var/log/php8.2-fpm.log'],
    timeoutSeconds: 15,
    pass: ['build', 'non-root', 'writable /run/php', 'writable /var/log/php8.2-fpm.log'],
    fail: ['command'],
  },
  {
    dockerfile: 'test/e2e/fixtures/root-children-naive-fix.Dockerfile',
    context: '__fixtures__/writable-paths/folder-with-root-children.context',
    writePaths: ['/srv/storage', '/srv/storage/uploads'],
    pass: ['build', 'non-root', 'writable /srv/storage'],
    fail: ['writable /srv/storage/uploads', 'command'],
  },
  {
    dockerfile: 'test/e2e/fixtures/hf-local-dir-naive-fix.Dockerfile',
    context: '__fixtures__/writable-paths/hf-local-dir-download.context',
    writePaths: ['/srv/hf'],
    pass: ['build', 'non-root'],
    fail: ['writable /srv/hf', 'command'],
  },
  // cron under supervisord is a reason to leave the file alone: forced through, the cron program never runs.
  {
    dockerfile: 'test/e2e/fixtures/supervisor-cron-forced.Dockerfile',
    context: '__fixtures__/privilege-drop/supervisor-cron.context',
    writePaths: ['/var/log/supervisor', '/run/supervisor'],
    supervisor: true,
    timeoutSeconds: 10,
    pass: ['build', 'non-root', 'writable /var/log/supervisor', 'writable /run/supervisor', 'command'],
    fail: ['supervisor'],
  },
  {
    dockerfile: 'test/e2e/fixtures/envsubst-nginx-naive-fix.Dockerfile',
    context: '__fixtures__/script-writes/envsubst-nginx-conf.context',
    writePaths: ['/etc/nginx/conf.d/default.conf'],
    timeoutSeconds: 10,
    pass: ['build', 'non-root'],
    fail: ['writable /etc/nginx/conf.d/default.conf', 'command'],
  },
  // The naive fix of each app-writes case: its command fails where the code writes.
  appWritesNaiveFix('celery-beat', ['/app'], 10),
  appWritesNaiveFix('sqlite-next-to-code', ['/srv/notes']),
  appWritesNaiveFix('env-filecache', ['/var/cache/site'], 10),
  appWritesNaiveFix('flask-uploads', ['/app/uploads']),
  appWritesNaiveFix('pipeline-env-scratch', ['/pipeline/tmp', '/var/lib/pipeline/queue']),
  appWritesNaiveFix('param-through-calls', ['/app']),
  appWritesNaiveFix('os-system-curl', ['/app'], 10),
  {
    dockerfile: 'test/e2e/fixtures/script-downloads-naive-fix.Dockerfile',
    context: '__fixtures__/script-writes/downloads.context',
    writePaths: ['/var/lib/models'],
    pass: ['build', 'non-root'],
    fail: ['writable /var/lib/models', 'command'],
  },
  {
    dockerfile: 'test/e2e/fixtures/dataset-download-naive-fix.Dockerfile',
    context: ['__fixtures__/app-writes/dataset-download.context', 'test/e2e/contexts/app-writes/dataset-download'],
    writePaths: ['/data'],
    pass: ['build', 'non-root'],
    fail: ['writable /data', 'command'],
  },
  appWritesNaiveFix('multer-upload-node', ['/app/uploads'], 10),
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
  {
    dockerfile: 'test/e2e/fixtures/nltk-download-naive-fix.Dockerfile',
    context: '__fixtures__/writable-paths/nltk-offline-download.context',
    writePaths: [],
    timeoutSeconds: 10,
    pass: ['build', 'non-root'],
    fail: ['command'],
  },
  // gunicorn switching to another user itself (user/group in its config) is skipped: as root it runs, as any other user it exits.
  {
    dockerfile: '__fixtures__/privilege-drop/gunicorn-config-user.input.Dockerfile',
    context: '__fixtures__/privilege-drop/gunicorn-config-user.context',
    writePaths: [],
    timeoutSeconds: 10,
    pass: ['build', 'command'],
    fail: ['non-root'],
  },
  {
    dockerfile: 'test/e2e/fixtures/gunicorn-config-user-naive-fix.Dockerfile',
    context: '__fixtures__/privilege-drop/gunicorn-config-user.context',
    writePaths: [],
    timeoutSeconds: 10,
    pass: ['build', 'non-root'],
    fail: ['command'],
  },
  {
    dockerfile: 'test/e2e/fixtures/gunicorn-own-user-naive-fix.Dockerfile',
    context: '__fixtures__/create-user/gunicorn-config-own-user.context',
    writePaths: [],
    timeoutSeconds: 10,
    pass: ['build', 'non-root'],
    fail: ['command'],
  },
  appWritesNaiveFix('node-typescript-dist', ['/app/models'], 10),
  // The pipeline that only a real run shows (--learn, test/e2e/learn.test.ts): its naive fix cannot write its folder.
  {
    dockerfile: 'test/e2e/fixtures/script-pipeline-naive-fix.Dockerfile',
    context: 'test/e2e/fixtures/learn/script-pipeline',
    writePaths: ['/srv/work'],
    pass: ['build', 'non-root'],
    fail: ['writable /srv/work', 'command'],
  },
  // The cache folder chowned without -R: what root downloaded into it at build time stays root's, and the log append fails.
  {
    dockerfile: 'test/e2e/fixtures/root-seeded-cache-flat-chown.Dockerfile',
    context: '__fixtures__/writable-paths/whisper-root-seeded-cache.context',
    writePaths: ['/home/nonroot/.cache', '/home/nonroot/.cache/DeepFilterNet/DeepFilterNet3'],
    timeoutSeconds: 10,
    pass: ['build', 'non-root', 'writable /home/nonroot/.cache'],
    fail: ['writable /home/nonroot/.cache/DeepFilterNet/DeepFilterNet3', 'command'],
  },
];

/** A user and a USER line over an app-writes fixture, nothing handed over: each write path and the command fail. */
function appWritesNaiveFix(name: string, writePaths: string[], timeoutSeconds = 5): FailingCase {
  return {
    dockerfile: `test/e2e/fixtures/${name}-naive-fix.Dockerfile`,
    context: `__fixtures__/app-writes/${name}.context`,
    writePaths,
    timeoutSeconds,
    pass: ['build', 'non-root'],
    fail: [...writePaths.map((p) => `writable ${p}`), 'command'],
  };
}
