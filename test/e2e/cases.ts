// Golden fixtures that the e2e suite builds for real. Only Debian-based ones whose base image can be
// made offline by make-base-image.sh belong here (no Alpine/RHEL roots, no PyPI downloads).

export interface E2ECase {
  /** Folder under __fixtures__/ (one per pass, or e2e-smoke for the harness's own fixtures). */
  pass: string;
  /** Fixture name: __fixtures__/<pass>/<name>.input.Dockerfile and .output.Dockerfile. */
  name: string;
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
];

export const cases: E2ECase[] = [
  { pass: 'e2e-smoke', name: 'serve-readonly', writePaths: [] },
  { pass: 'e2e-smoke', name: 'pipeline-env-output', writePaths: ['/app/output'] },
  { pass: 'e2e-smoke', name: 'supervisor-packaged', writePaths: ['/var/log/supervisor', '/run/supervisor'], supervisor: true, timeoutSeconds: 10 },
  { pass: 'e2e-smoke', name: 'trailing-user-root', writePaths: [] },
];
