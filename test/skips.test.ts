// Files left alone on purpose: each golden skip case says why, naming the comment, program or line.
import { describe, expect, it } from '@jest/globals';
import { goldenCases, hardenWithContext, readBytes } from './helpers.js';

const expectedSkips: Record<string, RegExp> = {
  'base-detection/arg-no-default': /ARG BASE with no default.*--build-arg BASE=/,
  'base-detection/windows-nanoserver': /Windows base image/,
  'opt-out/checkov-docker-3': /line 1: '#checkov:skip=CKV_DOCKER_3/,
  'opt-out/checkov-docker-8': /line 3: '#checkov:skip=CKV_DOCKER_8/,
  'opt-out/hadolint-dl3002': /line 3: '# hadolint ignore=DL3002'/,
  'opt-out/hadolint-global': /line 1: '# hadolint global ignore=DL3008,DL3002'/,
  'opt-out/nosemgrep': /line 3: '# nosemgrep'/,
  'opt-out/nosemgrep-rule': /line 1: '# nosemgrep: dockerfile.security.missing-user/,
  'opt-out/own-ignore-file': /line 1: '# harden-dockerfile ignore' opts this file out/,
  'opt-out/own-ignore-instruction': /line 3 creates 'app' without a uid/,
  'opt-out/own-ignore-user-root': /line 5: '# harden-dockerfile ignore' keeps the USER on line 6/,
  'opt-out/trivy-ds002': /line 2: '#trivy:ignore:DS002'/,
  'opt-out/trivy-ds-0002': /line 2: '#trivy:ignore:DS-0002'/,
  'privilege-drop/chroot-userspec': /chroot --userspec/,
  'privilege-drop/cron': /starts cron, which must start as root; .*supercronic/,
  'privilege-drop/cron-script': /start\.sh:2 starts cron/,
  'privilege-drop/crond-alpine': /starts crond.*supercronic/,
  'privilege-drop/gosu-entrypoint': /docker-entrypoint\.sh drops root itself with gosu/,
  'privilege-drop/onbuild': /line 4: ONBUILD RUN .*--force/,
  'privilege-drop/postgres-entrypoint': /'postgres:16'.*switches to 'postgres'/,
  'privilege-drop/redis-entrypoint': /'redis:7'.*switches to 'redis'/,
  'privilege-drop/setpriv': /setpriv --reuid/,
  'privilege-drop/smbd': /starts smbd/,
  'privilege-drop/sshd': /starts sshd.*docker exec/,
  'privilege-drop/su-exec-cmd': /with su-exec/,
  'privilege-drop/entrypoint-chown-set-e': /^entrypoint\.sh:4: 'chown -R www-data:www-data \/data' changes file owners, .*set -e stops the container; do it at build time/,
  'privilege-drop/entrypoint-sed-etc': /^docker-entrypoint\.sh:5: 'sed -i .*edits \/etc\/nginx\/sites-available\/default in place, .*set -e/,
  'privilege-drop/entrypoint-sources-useradd': /^scripts\/functions\.sh:4: 'useradd --uid 1000 app' changes users/,
  'privilege-drop/cron-and-tail': /^line 5 starts cron, .*supercronic/,
  'privilege-drop/cron-from-script': /^entrypoint\.sh:4 starts cron, .*supercronic/,
  'privilege-drop/cron-background': /^run\.sh:3 starts cron, .*supercronic/,
  'privilege-drop/rsyslogd': /^start\.sh:2 starts rsyslogd, .*stdout/,
  'privilege-drop/sshd-initd': /^entrypoint\.sh:2 starts sshd, .*docker exec/,
  'privilege-drop/service-php-fpm': /^line 5: 'service php8\.2-fpm start' starts php8\.2-fpm through its init script, .*start the daemon directly instead \(php-fpm8\.2 --daemonize\)/,
  'privilege-drop/gunicorn-config-user': /^gunicorn\.conf\.py:3: 'user = "www-data"' makes gunicorn switch to www-data itself, which needs root/,
  'privilege-drop/gunicorn-user-flag': /^line 4: '--user=www-data' makes gunicorn switch to www-data itself/,
  'privilege-drop/supervisor-many-users': /^supervisord starts its programs as different users \(\[program:web\] gunicorn switches to app at gunicorn\.conf\.py:2, \[program:proxy\] user=proxy at supervisord\.conf:7\)/,
  'privilege-drop/supervisor-gunicorn-user': /^\[program:web\] supervisord\.conf:2: '--user www-data' makes gunicorn switch to www-data itself, which needs root, so supervisord must start as root too; left alone/,
  'privilege-drop/supervisor-cron': /^supervisord\.conf:6: \[program:cron\] starts cron, which must start as root, so supervisord must too; .*supercronic/,
  'privilege-drop/installs-gosu-unread-entrypoint': /^line 2 installs gosu, .*the start script entrypoint\.sh is not in the build context to check/,
};

const cases = new Map(goldenCases().map((c) => [c.id, c]));

describe('skipped files say why', () => {
  it.each(Object.entries(expectedSkips))('%s', (id, message) => {
    const c = cases.get(id);
    expect(c).toBeDefined();
    const result = hardenWithContext('Dockerfile', readBytes(c!.input), c!.options, c!.context);
    expect(result.skipped).toMatch(message);
    expect(result.outputs).toEqual([]);
  });

  it('only the root-user rules of linters opt out', () => {
    const c = cases.get('opt-out/nosemgrep-other-line')!;
    expect(hardenWithContext('Dockerfile', readBytes(c.input), c.options).skipped).toBeUndefined();
  });

  it('--force hardens a parent image with ONBUILD RUN', () => {
    const c = cases.get('privilege-drop/onbuild-force')!;
    const result = hardenWithContext('Dockerfile', readBytes(c.input), c.options);
    expect(result.skipped).toBeUndefined();
    expect(result.outputs).toHaveLength(1);
  });
});
