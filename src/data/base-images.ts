// What the tool knows about base images: the family (which commands exist) and the non-root user
// an image already ships. One row per image pattern; the first row that matches wins.
import type { BaseFamily, ShippedUser } from '../types.js';

export interface BaseImageRow {
  /** Matched against the normalised reference `repository:tag` (registry kept for non-Docker-Hub images). */
  pattern: RegExp;
  family: BaseFamily;
  /** False for images with no shell, where RUN cannot work. */
  shell?: boolean;
  user?: ShippedUser;
  /** Where the fact comes from. */
  source: string;
}

const jovyan: ShippedUser = { name: 'jovyan', uid: 1000, gid: 100, userSpelling: '${NB_UID}', isDefault: true };
const distrolessNonroot: ShippedUser = { name: 'nonroot', uid: 65532, gid: 65532, isDefault: true };

export const BASE_IMAGES: BaseImageRow[] = [
  { pattern: /^mcr\.microsoft\.com\/windows|servercore|nanoserver|windowsservercore/, family: 'windows', source: 'Windows container images (mcr.microsoft.com/windows/*)' },
  { pattern: /^scratch(:|$)/, family: 'scratch', shell: false, source: 'scratch is an empty image: no shell, no /etc/passwd' },
  { pattern: /^gcr\.io\/distroless\/.*:(.*-)?nonroot/, family: 'distroless', shell: false, user: distrolessNonroot, source: 'distroless :nonroot tags run as nonroot (65532)' },
  { pattern: /^gcr\.io\/distroless\//, family: 'distroless', shell: false, user: { ...distrolessNonroot, isDefault: false }, source: 'distroless images ship nonroot (65532) in /etc/passwd' },
  { pattern: /^cgr\.dev\/chainguard\/[^:]+:.*dev/, family: 'wolfi', user: distrolessNonroot, source: 'Chainguard -dev images: wolfi with apk and a shell, default user nonroot (65532)' },
  { pattern: /^cgr\.dev\/chainguard\/wolfi-base/, family: 'wolfi', user: distrolessNonroot, source: 'Chainguard wolfi-base: apk and busybox, nonroot (65532)' },
  { pattern: /^cgr\.dev\//, family: 'distroless', shell: false, user: distrolessNonroot, source: 'Chainguard images run as nonroot (65532) and have no shell' },
  { pattern: /^(quay\.io\/)?jupyter\//, family: 'ubuntu', user: jovyan, source: 'Jupyter docker-stacks: user jovyan, NB_UID 1000, NB_GID 100; images expect USER ${NB_UID} at the end' },
  { pattern: /^bitnami\//, family: 'debian', user: { name: '1001', uid: 1001, gid: 0, isDefault: true }, source: 'Bitnami images run as 1001 (group 0) by default' },
  { pattern: /^nginxinc\/nginx-unprivileged:.*alpine/, family: 'alpine', user: { name: 'nginx', uid: 101, gid: 101, isDefault: true }, source: 'nginx-unprivileged runs as nginx (101)' },
  { pattern: /^nginxinc\/nginx-unprivileged/, family: 'debian', user: { name: 'nginx', uid: 101, gid: 101, isDefault: true }, source: 'nginx-unprivileged runs as nginx (101)' },
  { pattern: /^(registry\.access\.redhat\.com|registry\.redhat\.io)\/ubi\d+\/ubi-micro|ubi\d*-micro/, family: 'ubi-minimal', source: 'ubi-micro: no package manager and no useradd' },
  { pattern: /^(registry\.access\.redhat\.com|registry\.redhat\.io|redhat)\/ubi\d+(\/ubi)?-minimal|ubi\d+\/ubi-minimal/, family: 'ubi-minimal', source: 'ubi-minimal: microdnf, useradd only after installing shadow-utils' },
  { pattern: /^(registry\.access\.redhat\.com|registry\.redhat\.io|quay\.io\/sclorg)\/ubi\d+\/(python|nodejs|ruby|php|perl|go-toolset|openjdk|s2i)/, family: 'rhel', user: { name: 'default', uid: 1001, gid: 0, isDefault: true }, source: 'UBI s2i images run as 1001 with group 0' },
  { pattern: /^(registry\.access\.redhat\.com\/|registry\.redhat\.io\/|redhat\/)?ubi\d/, family: 'rhel', source: 'Red Hat Universal Base Images' },
  { pattern: /^(fedora|centos|quay\.io\/centos\/centos|rockylinux|rockylinux\/rockylinux|almalinux|amazonlinux|oraclelinux|amazoncorretto)(:|$)/, family: 'rhel', source: 'RHEL-family distributions: dnf/yum and shadow-utils' },
  { pattern: /^mcr\.microsoft\.com\/dotnet\/.*(chiseled|distroless)/, family: 'distroless', shell: false, user: { name: 'app', uid: 1654, gid: 1654, userSpelling: '$APP_UID', isDefault: true }, source: '.NET chiseled images have no shell and run as app (1654)' },
  { pattern: /^mcr\.microsoft\.com\/dotnet\/[^:]+:([89]|\d\d).*alpine/, family: 'alpine', user: { name: 'app', uid: 1654, gid: 1654, userSpelling: '$APP_UID', isDefault: false }, source: '.NET 8+ images ship user app (1654) as $APP_UID' },
  { pattern: /^mcr\.microsoft\.com\/dotnet\/[^:]+:([89]|\d\d).*(noble|jammy)/, family: 'ubuntu', user: { name: 'app', uid: 1654, gid: 1654, userSpelling: '$APP_UID', isDefault: false }, source: '.NET 8+ images ship user app (1654) as $APP_UID' },
  { pattern: /^mcr\.microsoft\.com\/dotnet\/[^:]+:([89]|\d\d)/, family: 'debian', user: { name: 'app', uid: 1654, gid: 1654, userSpelling: '$APP_UID', isDefault: false }, source: '.NET 8+ images ship user app (1654) as $APP_UID' },
  { pattern: /^node:.*alpine/, family: 'alpine', user: { name: 'node', uid: 1000, gid: 1000, isDefault: false }, source: 'Docker official node images ship user node (1000)' },
  { pattern: /^node(:|$)/, family: 'debian', user: { name: 'node', uid: 1000, gid: 1000, isDefault: false }, source: 'Docker official node images ship user node (1000)' },
  { pattern: /^ubuntu:(2[4-9]|[3-9]\d)\.|^ubuntu:(noble|oracular|plucky|questing|latest|rolling|devel)|^ubuntu$/, family: 'ubuntu', user: { name: 'ubuntu', uid: 1000, gid: 1000, isDefault: false }, source: 'ubuntu:24.04 and later ship user ubuntu (1000)' },
  { pattern: /^ubuntu(:|$)/, family: 'ubuntu', source: 'Ubuntu official images' },
  { pattern: /^(alpine|busybox)(:|$)|^[^:]+:.*alpine/, family: 'alpine', source: 'Alpine (busybox adduser/addgroup), or an -alpine tag' },
  { pattern: /^[^:]+:.*(ubi\d|rockylinux|centos|amzn|amazonlinux)/, family: 'rhel', source: 'a tag naming a RHEL-family base (nvidia/cuda:*-ubi9, *-rockylinux9)' },
  { pattern: /^[^:]+:.*(jammy|focal|noble|bionic|ubuntu)/, family: 'ubuntu', source: 'a tag naming an Ubuntu release' },
  { pattern: /^(eclipse-temurin|pytorch\/pytorch|nvidia\/cuda|tensorflow\/tensorflow|huggingface\/|rocker\/|condaforge\/|nvcr\.io\/nvidia\/)/, family: 'ubuntu', source: 'these images are built on Ubuntu' },
  { pattern: /^[^:]+:.*(bookworm|bullseye|buster|trixie|stretch|slim)/, family: 'debian', source: 'a tag naming a Debian release' },
  { pattern: /^(debian|python|golang|ruby|php|perl|openjdk|maven|gradle|buildpack-deps|nginx|httpd|postgres|redis|rust|r-base|julia|continuumio\/[^:]+|mambaorg\/micromamba|haskell|elixir|erlang|clojure|swift|gcc|node-red|tomcat)(:|$)/, family: 'debian', source: 'Docker official images built on Debian' },
];

/** Reduce an image reference to `repository:tag`: drop digests and Docker Hub's `docker.io/library/` prefixes. */
export function normaliseImage(reference: string): string {
  let ref = reference.trim().toLowerCase().replace(/@sha256:[0-9a-f]+$/, '');
  ref = ref.replace(/^(docker\.io|index\.docker\.io|registry-1\.docker\.io|public\.ecr\.aws\/docker|mirror\.gcr\.io)\//, '');
  ref = ref.replace(/^library\//, '');
  return ref;
}

export function lookupBaseImage(reference: string): BaseImageRow | undefined {
  const ref = normaliseImage(reference);
  return BASE_IMAGES.find((row) => row.pattern.test(ref));
}
