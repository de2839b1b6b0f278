// What the tool knows about the programs a container starts: those that drop root themselves,
// and those that must start as root. One row per fact, with where it comes from.

/** Commands that switch to another user before running the real program. */
export const PRIVILEGE_DROPPERS: { command: string; needs?: RegExp; label?: string; source: string }[] = [
  { command: 'gosu', source: 'tianon/gosu: run a program as another user (docker-library entrypoints)' },
  { command: 'su-exec', source: 'ncopa/su-exec: the Alpine gosu' },
  { command: 'setpriv', needs: /--reuid|--regid|--init-groups|--clear-groups/, label: 'setpriv --reuid', source: 'util-linux setpriv --reuid/--regid' },
  { command: 'chroot', needs: /--userspec/, label: 'chroot --userspec', source: 'coreutils chroot --userspec=USER:GROUP' },
  { command: 'runuser', source: 'util-linux runuser -u USER' },
  { command: 's6-setuidgid', source: 's6 s6-setuidgid USER' },
];

/** Official images whose docker-entrypoint.sh starts as root and drops to the service user itself. */
export const DROPPING_ENTRYPOINT_IMAGES: { pattern: RegExp; user: string; source: string }[] = [
  { pattern: /^postgres(:|$)/, user: 'postgres', source: 'docker-library/postgres docker-entrypoint.sh: exec gosu postgres' },
  { pattern: /^redis(:|$)/, user: 'redis', source: 'docker-library/redis docker-entrypoint.sh: exec gosu redis' },
  { pattern: /^mysql(:|$)/, user: 'mysql', source: 'docker-library/mysql docker-entrypoint.sh: exec gosu mysql' },
  { pattern: /^mariadb(:|$)/, user: 'mysql', source: 'MariaDB/mariadb-docker docker-entrypoint.sh: exec gosu mysql' },
  { pattern: /^mongo(:|$)/, user: 'mongodb', source: 'docker-library/mongo docker-entrypoint.sh: exec gosu mongodb' },
  { pattern: /^rabbitmq(:|$)/, user: 'rabbitmq', source: 'docker-library/rabbitmq docker-entrypoint.sh: exec gosu rabbitmq' },
  { pattern: /^cassandra(:|$)/, user: 'cassandra', source: 'docker-library/cassandra docker-entrypoint.sh: exec gosu cassandra' },
  { pattern: /^zookeeper(:|$)/, user: 'zookeeper', source: '31z4/zookeeper-docker docker-entrypoint.sh: exec gosu zookeeper' },
];

/** Programs that need root at start, with the usual way to run the same job unprivileged. */
export const ROOT_ONLY_PROGRAMS: { command: string; alternative: string; source: string }[] = [
  { command: 'cron', alternative: 'run the jobs with supercronic, which works as any user', source: 'Debian cron reads root-owned crontabs and setuid()s to each job owner' },
  { command: 'crond', alternative: 'run the jobs with supercronic, which works as any user', source: 'busybox/cronie crond: same as cron' },
  { command: 'sshd', alternative: 'use docker exec / kubectl exec instead of SSH, or run sshd in its own container', source: 'OpenSSH sshd switches to the logged-in user, which needs root' },
  { command: 'smbd', alternative: 'serve the files from a dedicated Samba container, or over another protocol', source: 'Samba smbd becomes each connecting user, which needs root' },
];
