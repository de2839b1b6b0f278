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
  /** Installs useradd/groupadd where the image lacks them; run in the same RUN as the user creation. */
  installUserTools?: string;
  /** Where the fact comes from. */
  source: string;
}

// docker-stacks-foundation/Dockerfile: ARG NB_UID="1000", NB_GID="100", ends with USER ${NB_UID}.
const jovyan: ShippedUser = { name: 'jovyan', uid: 1000, gid: 100, userSpelling: '${NB_UID}', isDefault: true };
// distroless base images' /etc/passwd: nonroot:x:65532:65532.
const distrolessNonroot: ShippedUser = { name: 'nonroot', uid: 65532, gid: 65532, isDefault: true };
// dotnet/dotnet-docker runtime-deps Dockerfiles: ENV APP_UID=1654, groupadd/useradd app (announced in discussion #4995).
const dotnetApp = (isDefault: boolean): ShippedUser => ({ name: 'app', uid: 1654, gid: 1654, userSpelling: '$APP_UID', isDefault });
// sclorg s2i images: user `default`, uid 1001, primary group 0, Dockerfiles end with USER 1001.
const s2iDefault: ShippedUser = { name: 'default', uid: 1001, gid: 0, userSpelling: '1001', isDefault: true };
// nginxinc/docker-nginx-unprivileged Dockerfiles: ARG UID=101 GID=101, USER $UID.
const nginxUnprivileged: ShippedUser = { name: 'nginx', uid: 101, gid: 101, isDefault: true };
// docker-library/node Dockerfiles: groupadd --gid 1000 node && useradd --uid 1000 --gid node node; images stay root.
const nodeUser: ShippedUser = { name: 'node', uid: 1000, gid: 1000, isDefault: false };

const microdnfShadow = 'microdnf install -y shadow-utils && microdnf clean all';
// amazonlinux/container-images issues #28 and #83: the image has no useradd until shadow-utils is installed.
const yumShadow = 'yum install -y shadow-utils && yum clean all';
const dnfShadow = 'dnf install -y shadow-utils && dnf clean all';

export const BASE_IMAGES: BaseImageRow[] = [
  { pattern: /^mcr\.microsoft\.com\/windows|servercore|nanoserver|windowsservercore/, family: 'windows', source: 'Windows container images (mcr.microsoft.com/windows/*, servercore, nanoserver)' },
  { pattern: /^scratch(:|$)/, family: 'scratch', shell: false, source: 'scratch is an empty image: no shell, no /etc/passwd' },
  { pattern: /^gcr\.io\/distroless\/[^:]*:([^:]*-)?nonroot/, family: 'distroless', shell: false, user: distrolessNonroot, source: 'distroless :nonroot tags run as nonroot (65532) (GoogleContainerTools/distroless README)' },
  { pattern: /^gcr\.io\/distroless\//, family: 'distroless', shell: false, user: { ...distrolessNonroot, isDefault: false }, source: 'distroless images have no shell and ship nonroot (65532) in /etc/passwd' },
  { pattern: /^(cgr\.dev\/chainguard|chainguard)\/wolfi-base/, family: 'wolfi', user: { ...distrolessNonroot, isDefault: false }, source: 'Chainguard wolfi-base: apk and busybox, ships nonroot (65532)' },
  { pattern: /^(cgr\.dev\/chainguard|chainguard)\/[^:]+:.*-dev/, family: 'wolfi', user: distrolessNonroot, source: 'Chainguard -dev images: wolfi with apk and a shell, default user nonroot (65532)' },
  { pattern: /^cgr\.dev\//, family: 'distroless', shell: false, user: distrolessNonroot, source: 'Chainguard images run as nonroot (65532) and have no shell' },
  { pattern: /^(quay\.io\/)?jupyter\//, family: 'ubuntu', user: jovyan, source: 'Jupyter docker-stacks: user jovyan, NB_UID 1000, NB_GID 100; images expect USER ${NB_UID} at the end' },
  { pattern: /^bitnami\/minideb(:|$)/, family: 'debian', source: 'bitnami/minideb is a plain Debian base that runs as root' },
  { pattern: /^bitnami\//, family: 'debian', user: { name: '1001', uid: 1001, gid: 0, userSpelling: '1001', isDefault: true }, source: 'Bitnami non-root images run as 1001 (group 0) by default' },
  { pattern: /(^|\/)nginx-unprivileged:.*alpine/, family: 'alpine', user: nginxUnprivileged, source: 'nginx-unprivileged runs as nginx (101)' },
  { pattern: /(^|\/)nginx-unprivileged(:|$)/, family: 'debian', user: nginxUnprivileged, source: 'nginx-unprivileged runs as nginx (101)' },
  { pattern: /ubi\d*[-/](ubi-)?micro/, family: 'ubi-minimal', source: 'ubi-micro: no package manager and no useradd' },
  { pattern: /^(registry\.access\.redhat\.com|registry\.redhat\.io|quay\.io\/sclorg)\/ubi\d+\/(python|nodejs|ruby|php|perl)-\d+-minimal/, family: 'ubi-minimal', user: s2iDefault, installUserTools: microdnfShadow, source: 'UBI minimal s2i images run as 1001 with group 0' },
  { pattern: /ubi\d*(\/ubi)?-minimal/, family: 'ubi-minimal', installUserTools: microdnfShadow, source: 'ubi-minimal: microdnf, useradd only after installing shadow-utils' },
  { pattern: /^(registry\.access\.redhat\.com|registry\.redhat\.io|quay\.io\/sclorg)\/ubi\d+\/(python|nodejs|ruby|php|perl|go-toolset|s2i-base|s2i-core|httpd|nginx)-?/, family: 'rhel', user: s2iDefault, source: 'UBI s2i images run as 1001 with group 0 (sclorg s2i-*-container Dockerfiles end with USER 1001)' },
  { pattern: /^(registry\.access\.redhat\.com\/|registry\.redhat\.io\/|redhat\/)?ubi\d/, family: 'rhel', source: 'Red Hat Universal Base Images: dnf and shadow-utils' },
  { pattern: /^(rockylinux|rockylinux\/rockylinux|almalinux):[^:]*minimal|^oraclelinux:[^:]*slim/, family: 'ubi-minimal', installUserTools: microdnfShadow, source: 'the -minimal / -slim tags of RHEL rebuilds ship microdnf, not dnf' },
  { pattern: /^amazoncorretto:.*alpine/, family: 'alpine', source: 'amazoncorretto -alpine tags are Alpine' },
  { pattern: /^(public\.ecr\.aws\/amazonlinux\/)?amazonlinux:2($|[.-])|^amazoncorretto:(?!.*al2023)/, family: 'rhel', installUserTools: yumShadow, source: 'Amazon Linux 2 (and amazoncorretto on it): yum, no shadow-utils in the container image' },
  { pattern: /^(public\.ecr\.aws\/amazonlinux\/)?amazonlinux(:|$)|^amazoncorretto:.*al2023/, family: 'rhel', installUserTools: dnfShadow, source: 'Amazon Linux 2023: dnf, no shadow-utils in the container image' },
  { pattern: /^(fedora|centos|quay\.io\/centos\/centos|rockylinux|rockylinux\/rockylinux|almalinux|oraclelinux)(:|$)/, family: 'rhel', source: 'RHEL-family distributions: dnf/yum and shadow-utils' },
  { pattern: /^mcr\.microsoft\.com\/dotnet\/.*(chiseled|distroless)/, family: 'distroless', shell: false, user: dotnetApp(true), source: '.NET chiseled images have no shell and run as app (1654)' },
  { pattern: /^mcr\.microsoft\.com\/dotnet\/[^:]+:([89]|\d\d).*alpine/, family: 'alpine', user: dotnetApp(false), source: '.NET 8+ images ship user app (1654) as $APP_UID' },
  { pattern: /^mcr\.microsoft\.com\/dotnet\/[^:]+:([89]|\d\d).*(noble|jammy|resolute)/, family: 'ubuntu', user: dotnetApp(false), source: '.NET 8+ images ship user app (1654) as $APP_UID' },
  { pattern: /^mcr\.microsoft\.com\/dotnet\/[^:]+:([89]|\d\d)/, family: 'debian', user: dotnetApp(false), source: '.NET 8+ images ship user app (1654) as $APP_UID' },
  { pattern: /^node:.*alpine/, family: 'alpine', user: nodeUser, source: 'Docker official node images ship user node (1000)' },
  { pattern: /^node(:|$)/, family: 'debian', user: nodeUser, source: 'Docker official node images ship user node (1000)' },
  // Launchpad cloud-images bug 2005129 and jupyterhub/repo2docker#1346: ubuntu:23.04 and later carry ubuntu:x:1000:1000.
  { pattern: /^ubuntu:(2[3-9]|[3-9]\d)\.|^ubuntu:(lunar|mantic|noble|oracular|plucky|questing|resolute|latest|rolling|devel)|^ubuntu$/, family: 'ubuntu', user: { name: 'ubuntu', uid: 1000, gid: 1000, isDefault: false }, source: 'ubuntu:23.04 and later ship user ubuntu (1000)' },
  { pattern: /^ubuntu(:|$)/, family: 'ubuntu', source: 'Ubuntu official images' },
  { pattern: /^(alpine|busybox)(:|$)|^[^:]+:.*alpine/, family: 'alpine', source: 'Alpine (busybox adduser/addgroup), or an -alpine tag' },
  { pattern: /^[^:]+:.*(ubi\d|rockylinux|centos|amzn|amazonlinux)/, family: 'rhel', source: 'a tag naming a RHEL-family base (nvidia/cuda:*-ubi9, *-rockylinux9)' },
  { pattern: /^[^:]+:.*(jammy|focal|noble|bionic|ubuntu)/, family: 'ubuntu', source: 'a tag naming an Ubuntu release' },
  { pattern: /^mysql:.*(debian|bookworm|bullseye)/, family: 'debian', source: 'mysql -debian tags are Debian' },
  { pattern: /^mysql(:|$)/, family: 'ubi-minimal', installUserTools: microdnfShadow, source: 'the mysql official image is built on oraclelinux:*-slim (microdnf)' },
  { pattern: /^(mariadb|mongo|rabbitmq|cassandra|zookeeper|eclipse-temurin|pytorch\/pytorch|nvidia\/cuda|tensorflow\/tensorflow|huggingface\/|rocker\/|condaforge\/|nvcr\.io\/nvidia\/)/, family: 'ubuntu', source: 'these images are built on Ubuntu' },
  { pattern: /^[^:]+:.*(bookworm|bullseye|buster|trixie|stretch|slim)/, family: 'debian', source: 'a tag naming a Debian release' },
  { pattern: /^(debian|python|golang|ruby|php|perl|openjdk|maven|gradle|buildpack-deps|nginx|httpd|postgres|redis|rust|r-base|julia|continuumio\/[^:]+|mambaorg\/micromamba|haskell|elixir|erlang|clojure|swift|gcc|node-red|tomcat)(:|$)/, family: 'debian', source: 'Docker official images built on Debian' },
];

/** Reduce an image reference to `repository:tag`: drop digests and Docker Hub's `docker.io/library/` prefixes. */
export function normaliseImage(reference: string): string {
  let ref = reference.trim().toLowerCase().replace(/@[a-z0-9]+:[0-9a-f]+$/, '');
  ref = ref.replace(/^(docker\.io|index\.docker\.io|registry-1\.docker\.io|public\.ecr\.aws\/docker|mirror\.gcr\.io)\//, '');
  ref = ref.replace(/^library\//, '');
  return ref;
}

/** Longer than any valid reference (255-character name, 128-character tag, a digest): not an image. */
const MAX_REFERENCE_LENGTH = 512;

export function lookupBaseImage(reference: string): BaseImageRow | undefined {
  if (reference.length > MAX_REFERENCE_LENGTH) return undefined;
  const ref = normaliseImage(reference);
  const row = BASE_IMAGES.find((r) => r.pattern.test(ref));
  if (row) return row;
  // A pull-through mirror or private registry (`docker.arvancloud.ir/python:3.10`) serves Docker Hub's images under its own host.
  const mirrored = /^((?:[a-z0-9-]+\.)+[a-z0-9-]+(?::\d+)?|localhost(?::\d+)?)\/(?:docker\/)?(?:library\/)?(.+)$/.exec(ref);
  if (!mirrored) return undefined;
  const hubRow = BASE_IMAGES.find((r) => r.pattern.test(mirrored[2]));
  return hubRow && { ...hubRow, source: `${hubRow.source}; '${mirrored[1]}' read as a registry that serves Docker Hub's '${mirrored[2]}'` };
}
