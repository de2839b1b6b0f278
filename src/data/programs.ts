// Programs' own run-time layouts, per distro family: where each writes at run time and which of its settings fail
// as non-root. One row per program and family (or image), each with its source. `{version}` in a path stands for
// the version the package name carries (php8.2-fpm → 8.2, php82-fpm → 82).

/** Distro families a package row applies to, as base detection names them. */
export type LayoutFamily = 'debian' | 'alpine' | 'rhel';

export interface ProgramLayout {
  program: string;
  /** Installed by the family's package manager (the first group of the pattern is the version), or the image it is built FROM. */
  found: { family: LayoutFamily; packages: RegExp } | { image: RegExp };
  /** Folders it writes at run time: created by it (or its start script) when absent, root-owned or another user's when present. */
  dirs?: string[];
  /** Files it appends to that the package creates at install time, owned by root or its own user: a chown of the folder does not reach them. */
  installedFiles?: string[];
  /** Files it creates beside others in a root-owned folder (a log in /var/log): created and handed over on their own. */
  files?: string[];
  /** Its pid file is named by a `pid` directive of this config (or compiled in when the directive is absent): moved to `to`. */
  pid?: { config: string; to: string };
  /** Shell variables of this file name the user its start script makes and checks folders for: set to the runtime user. */
  runUserVariables?: { file: string; variables: string[] };
  /** Pool settings that make it chown its socket (fails as non-root): commented out in these configs, packaged or copied into `dir`. */
  socketOwner?: { dir: string; packaged?: string; keys: string[]; packagedLines?: string[] };
  /** The log file it opens when started with a config (`--fpm-config`, `-y`) that sets no error_log: a pool file used as the whole config. */
  defaultErrorLog?: { options: string[]; file: string };
  /** The port its packaged config listens on, when below 1024. */
  port?: number;
  source: string;
}

/**
 * Where each web server keeps the configs that say what it listens on, and the directive: a config the build copies
 * there replaces the packaged one's port (nginx docs: listen; Apache docs: Listen; RHEL httpd keeps Apache's layout under /etc/httpd).
 */
export const LISTEN_CONFIGS: Record<string, { root: string; directive: RegExp }> = {
  nginx: { root: '/etc/nginx', directive: /^\s*listen\s+([^;\s]+)/ },
  apache2: { root: '/etc/apache2', directive: /^\s*Listen\s+(\S+)/ },
  httpd: { root: '/etc/httpd', directive: /^\s*Listen\s+(\S+)/ },
};

/** php-fpm pool keys whose chown of the listening socket fails as non-root ("failed to chown() the socket"). */
const FPM_SOCKET_OWNER = ['listen.owner', 'listen.group'];
/** The lines of php-fpm's own www.conf.default that decide its socket, as the upstream tarball ships them. */
const FPM_UPSTREAM_POOL = ['listen = 127.0.0.1:9000', ';listen.owner = www-data', ';listen.group = www-data', ';listen.mode = 0660'];
/** php-fpm options that name the config it reads instead of php-fpm.conf. */
const FPM_CONFIG_OPTIONS = ['--fpm-config', '-y'];

export const PROGRAM_LAYOUTS: ProgramLayout[] = [
  {
    program: 'nginx',
    found: { image: /^(docker\.io\/)?(library\/)?nginx(:|@|$)/ },
    dirs: ['/var/cache/nginx'],
    pid: { config: '/etc/nginx/nginx.conf', to: '/tmp/nginx.pid' },
    port: 80,
    source: 'nginxinc/docker-nginx-unprivileged Dockerfile: chown /var/cache/nginx, pid moved to /tmp/nginx.pid; logs are symlinks to /dev/stdout and /dev/stderr',
  },
  {
    program: 'nginx',
    found: { family: 'debian', packages: /^nginx(-(light|full|extras|core))?$/ },
    dirs: ['/var/lib/nginx/body', '/var/lib/nginx/proxy', '/var/lib/nginx/fastcgi', '/var/lib/nginx/uwsgi', '/var/lib/nginx/scgi', '/var/log/nginx'],
    installedFiles: ['/var/log/nginx/access.log', '/var/log/nginx/error.log'],
    pid: { config: '/etc/nginx/nginx.conf', to: '/tmp/nginx.pid' },
    port: 80,
    source: 'Debian bookworm nginx: temp paths /var/lib/nginx/{body,proxy,fastcgi,uwsgi,scgi} made at start, /var/log/nginx/{access,error}.log pre-created www-data:adm 0640, pid /run/nginx.pid',
  },
  {
    program: 'nginx',
    found: { family: 'alpine', packages: /^nginx$/ },
    dirs: ['/run/nginx', '/var/tmp/nginx', '/var/log/nginx'],
    // A copied nginx.conf often names /var/run/nginx.pid, root-owned: the pid moves as on Debian.
    pid: { config: '/etc/nginx/nginx.conf', to: '/tmp/nginx.pid' },
    port: 80,
    source: 'Alpine aports nginx: --pid-path=/run/nginx/nginx.pid (post-install makes /run/nginx), temp paths in /var/tmp/nginx 0700 nginx (/var/lib/nginx/tmp links there), logs in /var/log/nginx',
  },
  {
    program: 'nginx',
    found: { family: 'rhel', packages: /^nginx(-core)?$/ },
    dirs: ['/var/lib/nginx', '/var/lib/nginx/tmp', '/var/log/nginx'],
    pid: { config: '/etc/nginx/nginx.conf', to: '/tmp/nginx.pid' },
    port: 80,
    source: 'Fedora/RHEL nginx package: /var/lib/nginx and /var/lib/nginx/tmp 0770 nginx:root hold the temp paths, /var/log/nginx 0711 root, pid /run/nginx.pid in nginx.conf',
  },
  {
    program: 'apache2',
    found: { family: 'debian', packages: /^apache2$/ },
    dirs: ['/var/run/apache2', '/var/lock/apache2', '/var/log/apache2'],
    installedFiles: ['/var/log/apache2/access.log', '/var/log/apache2/error.log', '/var/log/apache2/other_vhosts_access.log'],
    runUserVariables: { file: '/etc/apache2/envvars', variables: ['APACHE_RUN_USER', 'APACHE_RUN_GROUP'] },
    port: 80,
    source: 'Debian bookworm apache2: apache2ctl makes $APACHE_RUN_DIR/socks and $APACHE_LOCK_DIR owned by $APACHE_RUN_USER and aborts if they are not; /var/log/apache2 root:adm 0750 with its logs pre-created root:adm 0640',
  },
  {
    program: 'httpd',
    found: { family: 'rhel', packages: /^httpd$/ },
    dirs: ['/run/httpd', '/var/log/httpd'],
    port: 80,
    source: 'Fedora/RHEL httpd package: /run/httpd 0710 root:apache holds the pid file and cgisock, /var/log/httpd 0700 root',
  },
  {
    program: 'php-fpm',
    found: { family: 'debian', packages: /^php(\d+\.\d+)-fpm$/ },
    dirs: ['/run/php'],
    files: ['/var/log/php{version}-fpm.log'],
    socketOwner: {
      dir: '/etc/php/{version}/fpm/pool.d',
      packaged: '/etc/php/{version}/fpm/pool.d/www.conf',
      keys: FPM_SOCKET_OWNER,
      packagedLines: ['listen = /run/php/php{version}-fpm.sock', 'listen.owner = www-data', 'listen.group = www-data', ';listen.mode = 0660'],
    },
    defaultErrorLog: { options: FPM_CONFIG_OPTIONS, file: '/var/log/php-fpm.log' },
    source: 'Debian bookworm php8.2-fpm: pool www listens on /run/php/php8.2-fpm.sock with listen.owner/listen.group www-data, pid /run/php/php8.2-fpm.pid, error_log /var/log/php8.2-fpm.log; built with --localstatedir=/var, so a config without error_log logs to /var/log/php-fpm.log',
  },
  {
    program: 'php-fpm',
    found: { family: 'alpine', packages: /^php(\d+)-fpm$/ },
    dirs: ['/var/log/php{version}'],
    socketOwner: { dir: '/etc/php{version}/php-fpm.d', packaged: '/etc/php{version}/php-fpm.d/www.conf', keys: FPM_SOCKET_OWNER, packagedLines: FPM_UPSTREAM_POOL },
    source: 'Alpine aports php8x (php82, php83): error_log defaults to log/php8x/error.log under the /var prefix; pool www is upstream www.conf.default: listens on 127.0.0.1:9000 with listen.owner commented out',
  },
  {
    program: 'php-fpm',
    found: { image: /^(docker\.io\/)?(library\/)?php:[^@]*fpm/ },
    socketOwner: { dir: '/usr/local/etc/php-fpm.d', packaged: '/usr/local/etc/php-fpm.d/www.conf', keys: FPM_SOCKET_OWNER, packagedLines: FPM_UPSTREAM_POOL },
    defaultErrorLog: { options: FPM_CONFIG_OPTIONS, file: '/usr/local/var/log/php-fpm.log' },
    source: 'docker-library/php fpm images: php-fpm.d/www.conf is upstream www.conf.default (listen = 127.0.0.1:9000, listen.owner commented out), docker.conf sets error_log /proc/self/fd/2 and zz-docker.conf listen = 9000 for php-fpm.conf only; no pid file; built with prefix /usr/local, so a config without error_log logs to /usr/local/var/log/php-fpm.log',
  },
];

/** What a `./configure` flag of a program built from source names at run time. */
export interface ConfigureFlag {
  flag: string;
  /** Its value when the flag is absent, relative to the prefix unless absolute. */
  default: string;
  /** `config`: the config file it reads; `pid`: its pid file; `dir`: a folder it creates and writes; `log`: a log it opens at start; `unused`: not written on Linux. */
  kind: 'config' | 'pid' | 'dir' | 'log' | 'unused';
  /** The config directive that overrides the compiled-in value. */
  directive?: string;
}

export interface BuiltLayout {
  program: string;
  /** A RUN line that builds it from its source tarball and runs `./configure`. */
  built: RegExp;
  /** --prefix when the flag is absent. */
  prefix: string;
  flags: ConfigureFlag[];
  port?: number;
  source: string;
}

export const BUILT_LAYOUTS: BuiltLayout[] = [
  {
    program: 'nginx',
    built: /\bnginx-[\w.${}-]*\.tar\.gz\b/,
    prefix: '/usr/local/nginx',
    flags: [
      { flag: '--conf-path', default: 'conf/nginx.conf', kind: 'config' },
      { flag: '--pid-path', default: 'logs/nginx.pid', kind: 'pid', directive: 'pid' },
      { flag: '--error-log-path', default: 'logs/error.log', kind: 'log' },
      { flag: '--http-log-path', default: 'logs/access.log', kind: 'log' },
      { flag: '--lock-path', default: 'logs/nginx.lock', kind: 'unused' },
      { flag: '--http-client-body-temp-path', default: 'client_body_temp', kind: 'dir', directive: 'client_body_temp_path' },
      { flag: '--http-proxy-temp-path', default: 'proxy_temp', kind: 'dir', directive: 'proxy_temp_path' },
      { flag: '--http-fastcgi-temp-path', default: 'fastcgi_temp', kind: 'dir', directive: 'fastcgi_temp_path' },
      { flag: '--http-uwsgi-temp-path', default: 'uwsgi_temp', kind: 'dir', directive: 'uwsgi_temp_path' },
      { flag: '--http-scgi-temp-path', default: 'scgi_temp', kind: 'dir', directive: 'scgi_temp_path' },
    ],
    port: 80,
    source: 'nginx.org docs/configure.html: defaults under --prefix /usr/local/nginx; nginx opens the compiled-in error log before reading its config and creates the http temp paths at start; lock_file is used only without atomic operations, which Linux has',
  },
];

/**
 * Where servers that a start command runs take the address they listen on: flags, and keys of the config file
 * the command names (`positional`: a lone argument that is loaded as the config). A port below 1024 needs root
 * or NET_BIND_SERVICE outside Docker 20.10+'s zero unprivileged-port start.
 */
export const LISTEN_SETTINGS: { program: string; flags: string[]; config?: { flags: string[]; positional?: RegExp; keys: string[] }; source: string }[] = [
  { program: 'gunicorn', flags: ['-b', '--bind'], config: { flags: ['-c', '--config'], keys: ['bind'] }, source: 'gunicorn settings: bind (-b/--bind) takes HOST:PORT; also read from the config file' },
  {
    program: 'uwsgi',
    flags: ['--http', '--http-socket', '--https', '--socket', '-s', '--uwsgi-socket'],
    config: { flags: ['--ini'], positional: /\.ini$/, keys: ['http', 'http-socket', 'https', 'socket', 'uwsgi-socket'] },
    source: 'uWSGI options: http, http-socket, https, socket take [HOST]:PORT; a lone .ini argument is loaded as --ini',
  },
  { program: 'uvicorn', flags: ['--port'], source: 'uvicorn settings: --port' },
  { program: 'daphne', flags: ['-p', '--port'], source: 'daphne --port' },
];
