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

/** Programs that need root at start, with the usual way to run the same job unprivileged; `services` are their init-script names. */
export const ROOT_ONLY_PROGRAMS: { command: string; services: string[]; alternative: string; source: string }[] = [
  { command: 'cron', services: ['cron'], alternative: 'run the jobs with supercronic, which works as any user', source: 'Debian cron reads root-owned crontabs and setuid()s to each job owner' },
  { command: 'crond', services: ['crond', 'cronie', 'dcron'], alternative: 'run the jobs with supercronic, which works as any user', source: 'busybox/cronie crond: same as cron' },
  { command: 'sshd', services: ['ssh', 'sshd', 'openssh'], alternative: 'use docker exec / kubectl exec instead of SSH, or run sshd in its own container', source: 'OpenSSH sshd switches to the logged-in user, which needs root' },
  { command: 'smbd', services: ['smbd', 'samba'], alternative: 'serve the files from a dedicated Samba container, or over another protocol', source: 'Samba smbd becomes each connecting user, which needs root' },
  { command: 'rsyslogd', services: ['rsyslog', 'rsyslogd'], alternative: 'log to stdout/stderr and let the container runtime collect it', source: 'rsyslogd creates /dev/log and writes root-owned /var/log/syslog and /run/rsyslogd.pid' },
];

/** Commands that start an init script: `service NAME start`, `/etc/init.d/NAME start`, `invoke-rc.d NAME start`, `rc-service NAME start`. */
export const SERVICE_STARTERS: { command: string; source: string }[] = [
  { command: 'service', source: 'sysvinit-utils / init-system-helpers service(8)' },
  { command: 'invoke-rc.d', source: 'init-system-helpers invoke-rc.d(8)' },
  { command: 'rc-service', source: 'OpenRC rc-service(8) (Alpine)' },
];

/** Init-script actions that start the daemon. */
export const SERVICE_START_ACTIONS = ['start', 'restart', 'force-reload', 'reload'];

/**
 * Work a start script can only do as root: as a plain user it fails, and under `set -e` the container with it.
 * `matches` gets the words after the command; `what` says in a few words what it does.
 */
/** Swap is set up by the host or the platform, never from inside a container: the advice for every swap row. */
const SWAP_ADVICE = "drop it: swap is the host's or the platform's to give (fly.toml swap_size_mb, the node's own swap)";

/** Start-script work that needs root; `advice` replaces "do it at build time in a RUN" where that cannot work. */
export const ROOT_ONLY_WORK: { commands: string[]; matches?: (args: string[]) => boolean; what: string; advice?: string; source: string }[] = [
  { commands: ['chown', 'chgrp'], what: 'changes file owners', source: 'chown(2): only CAP_CHOWN (root) gives a file to another user' },
  { commands: ['chmod'], matches: (args) => args.some((a) => /^\/(etc|usr|bin|sbin|lib|root|var\/lib)(\/|$)/.test(a)) || args.some((a) => /^[ugoa]*[+=][rwx]*s|^[2-7][0-7]{3}$/.test(a)), what: 'changes modes of root-owned files or sets setuid/setgid', source: 'chmod(2): only the owner or root may change a mode' },
  { commands: ['useradd', 'adduser', 'usermod', 'userdel', 'groupadd', 'addgroup', 'groupmod', 'groupdel', 'passwd', 'chpasswd', 'smbpasswd', 'pdbedit'], what: 'changes users or passwords', source: 'shadow-utils / samba: write root-owned /etc/passwd, /etc/shadow, passdb' },
  { commands: ['apt-get', 'apt', 'apk', 'yum', 'dnf', 'microdnf', 'dpkg', 'rpm'], matches: (args) => args.some((a) => ['install', 'add', 'update', 'upgrade', 'remove', 'del', '-i'].includes(a)), what: 'installs packages', source: 'package managers write root-owned /usr, /var/lib/dpkg, /lib/apk' },
  { commands: ['sysctl'], matches: (args) => args.some((a) => a === '-w' || a === '-p' || a.includes('=')), what: 'sets kernel parameters', source: 'sysctl(8): /proc/sys is writable by root only' },
  { commands: ['mount', 'umount', 'modprobe', 'insmod'], what: 'needs CAP_SYS_ADMIN', source: 'mount(2), init_module(2): root only' },
  { commands: ['swapon', 'swapoff'], what: 'needs CAP_SYS_ADMIN', advice: SWAP_ADVICE, source: 'swapon(2)/swapoff(2): root only' },
  { commands: ['mkswap'], what: 'sets up swap space', advice: SWAP_ADVICE, source: 'mkswap(8): makes a swap area on a device or a root-owned swap file, only for swapon(2), which needs root' },
  { commands: ['fallocate'], matches: (args) => args.some((a) => /^\/[^/]+$/.test(a) || /swap/i.test(a)), what: 'creates a file in / or a swap file', advice: 'drop it, or create the file in a folder of the app\'s own; a swap file is the host\'s or the platform\'s to give (fly.toml swap_size_mb)', source: 'fallocate(1): the file lands in root-owned / (fly.io and similar start scripts make /swapfile this way)' },
  { commands: ['setcap'], what: 'sets file capabilities', source: 'setcap(8): needs CAP_SETFCAP' },
  { commands: ['ulimit'], matches: (args) => args.some((a) => /^-[a-zA-Z]*H/.test(a)) || args.includes('unlimited'), what: 'raises a hard limit', source: 'setrlimit(2): raising a hard limit needs CAP_SYS_RESOURCE' },
  { commands: ['update-ca-certificates', 'ldconfig', 'locale-gen', 'update-alternatives'], what: 'rewrites system files', source: 'write root-owned /etc/ssl/certs, /etc/ld.so.cache, /usr/lib/locale, /etc/alternatives' },
  { commands: ['iptables', 'ip6tables', 'nft'], what: 'changes the firewall', source: 'netfilter: needs CAP_NET_ADMIN' },
];

/**
 * A program's own config file under /etc that a start script renders whole (`envsubst < t > /etc/nginx/conf.d/default.conf`):
 * that one file can be the user's, as the unprivileged nginx image does for its conf.d. Never the account, sudo,
 * PAM, TLS, cron or SSH files, whose owner decides who is root.
 */
export const RENDERED_CONFIG = /^\/etc\/(?!ssl\/|pki\/|sudoers|security\/|pam\.d\/|cron|ssh\/|ld\.so|apt\/|default\/|init\.d\/|systemd\/)[^/]+\/.+/;

/** What starts a service through its init script (which needs root) directly, by the service's name. */
export const DIRECT_START: { service: RegExp; command: (service: string) => string; source: string }[] = [
  { service: /^php(\d\.\d)?-fpm$|^php-fpm\d*$/, command: (s) => `${s.replace(/^php(\d\.\d)-fpm$/, 'php-fpm$1')} --daemonize`, source: 'php-fpm(8): -D/--daemonize forks into the background; -F stays in the foreground' },
  { service: /^nginx$/, command: () => 'nginx', source: 'nginx(8): forks into the background unless daemon off' },
  { service: /^apache2$/, command: () => 'apache2ctl start', source: 'apache2ctl(8), Debian' },
  { service: /^redis(-server)?$/, command: () => 'redis-server --daemonize yes', source: 'redis.conf: daemonize' },
  { service: /^memcached$/, command: () => 'memcached -d', source: 'memcached(1): -d runs as a daemon' },
];

/** System folders whose files belong to root: a start script writing there needs root. */
export const ROOT_OWNED_FOLDERS: { folder: string; source: string }[] = [
  { folder: '/etc', source: 'FHS: host-specific system configuration, root-owned' },
];

/**
 * Programs that switch to another user themselves when a setting names one (a config file key or a flag):
 * that setuid needs root, so as any other user the program exits. `configFlags` name its config file,
 * `defaultConfig` is the file it reads from its working folder when none is named.
 */
export const SELF_DROPPING_SETTINGS: { program: string; flags: string[]; configFlags: string[]; defaultConfig?: string; configKeys: string[]; source: string }[] = [
  {
    program: 'gunicorn',
    flags: ['-u', '--user', '-g', '--group'],
    configFlags: ['-c', '--config'],
    defaultConfig: 'gunicorn.conf.py',
    configKeys: ['user', 'group'],
    source: 'gunicorn settings user/group: workers call os.setgid/os.setuid (util.set_owner_process) and chown their tmp file to them: PermissionError unless root or the same user',
  },
];
