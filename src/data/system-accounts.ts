// Accounts a base image already has that Dockerfiles hand their app to (`chown -R www-data /var/www`): when the
// Dockerfile does, that account is the one to run as. One row per account and image family, with its source.
import type { BaseFamily } from '../types.js';

export interface SystemAccount {
  name: string;
  uid: number;
  gid: number;
  /** The base families that have it, or an image pattern (matched against the normalised reference). */
  families?: BaseFamily[];
  image?: RegExp;
  source: string;
}

export const SYSTEM_ACCOUNTS: SystemAccount[] = [
  { name: 'www-data', uid: 82, gid: 82, image: /^(docker\.io\/)?(library\/)?php:[^@]*alpine/, source: 'docker-library/php alpine Dockerfiles: addgroup -g 82 -S www-data; adduser -u 82 -D -S -G www-data www-data' },
  { name: 'nginx', uid: 101, gid: 101, image: /^(docker\.io\/)?(library\/)?nginx(:|@|$)/, source: 'nginxinc/docker-nginx Dockerfiles (Debian and Alpine): the nginx user and group are created with id 101' },
  { name: 'www-data', uid: 33, gid: 33, families: ['debian', 'ubuntu'], source: 'Debian base-passwd: www-data is uid and gid 33 on every Debian and Ubuntu image' },
];
