// The knowledge table: which row an image reference lands on, whatever its registry, tag or digest.
import { describe, expect, it } from '@jest/globals';
import { BASE_IMAGES, lookupBaseImage, normaliseImage } from '../src/data/base-images.js';

const digest = '@sha256:2c2bd5fe7e1a1c5b2d8d7e4a8f0d1a6b7c3e9f0a1b2c3d4e5f60718293a4b5c6';

describe('normaliseImage', () => {
  it.each([
    [`docker.io/library/node:20${digest}`, 'node:20'],
    ['public.ecr.aws/docker/library/python:3.12', 'python:3.12'],
    ['index.docker.io/library/ubuntu:24.04', 'ubuntu:24.04'],
    ['mirror.gcr.io/library/alpine:3.20', 'alpine:3.20'],
    ['docker.io/jupyter/base-notebook', 'jupyter/base-notebook'],
    ['Registry.Access.RedHat.com/ubi9/ubi-minimal:9.4', 'registry.access.redhat.com/ubi9/ubi-minimal:9.4'],
  ])('%s → %s', (ref, expected) => {
    expect(normaliseImage(ref)).toBe(expected);
  });
});

describe('lookupBaseImage', () => {
  const family = (ref: string) => lookupBaseImage(ref)?.family;
  const user = (ref: string) => lookupBaseImage(ref)?.user;

  it.each([
    ['debian:bookworm-slim', 'debian'],
    ['python:3.12-slim', 'debian'],
    ['public.ecr.aws/docker/library/python:3.12', 'debian'],
    ['ubuntu:22.04', 'ubuntu'],
    ['alpine:3.20', 'alpine'],
    ['busybox:1.36', 'alpine'],
    ['python:3.12-alpine', 'alpine'],
    ['registry.access.redhat.com/ubi9/ubi:9.4', 'rhel'],
    ['redhat/ubi9', 'rhel'],
    ['registry.access.redhat.com/ubi9/ubi-minimal:9.4', 'ubi-minimal'],
    ['redhat/ubi9-minimal', 'ubi-minimal'],
    ['registry.access.redhat.com/ubi9/ubi-micro', 'ubi-minimal'],
    ['amazonlinux:2023', 'rhel'],
    ['amazonlinux:2', 'rhel'],
    ['amazoncorretto:21-alpine', 'alpine'],
    ['rockylinux:9', 'rhel'],
    ['cgr.dev/chainguard/wolfi-base', 'wolfi'],
    ['cgr.dev/chainguard/python:latest-dev', 'wolfi'],
    ['cgr.dev/chainguard/python:latest', 'distroless'],
    ['gcr.io/distroless/python3-debian12', 'distroless'],
    ['gcr.io/distroless/static-debian12:nonroot', 'distroless'],
    ['scratch', 'scratch'],
    ['mcr.microsoft.com/windows/servercore:ltsc2022', 'windows'],
    ['mcr.microsoft.com/windows/nanoserver:ltsc2022', 'windows'],
    ['mcr.microsoft.com/dotnet/aspnet:8.0-nanoserver-ltsc2022', 'windows'],
    ['mysql:8.4', 'ubi-minimal'],
    ['mongo:7', 'ubuntu'],
  ])('%s is %s', (ref, expected) => {
    expect(family(ref)).toBe(expected);
  });

  it('finds node through a registry prefix, a tag and a digest', () => {
    expect(user(`docker.io/library/node:20${digest}`)).toMatchObject({ name: 'node', uid: 1000, gid: 1000, isDefault: false });
    expect(family(`docker.io/library/node:20${digest}`)).toBe('debian');
    expect(family('node:20-alpine')).toBe('alpine');
  });

  it('reads a mirror or private registry host in front of a Docker Hub name, and says so', () => {
    expect(family('docker.arvancloud.ir/python:3.10')).toBe('debian');
    expect(family('registry.example.com:5000/library/alpine:3.20')).toBe('alpine');
    expect(family('localhost:5000/node:20')).toBe('debian');
    expect(lookupBaseImage('docker.arvancloud.ir/python:3.10')?.source).toContain("'docker.arvancloud.ir' read as a registry that serves Docker Hub's 'python:3.10'");
    expect(lookupBaseImage('python:3.10')?.source).not.toContain('registry');
    expect(family('registry.example.com/team/app')).toBeUndefined();
  });

  it('knows the users images ship', () => {
    expect(user('ubuntu:24.04')).toMatchObject({ name: 'ubuntu', uid: 1000 });
    expect(user('ubuntu:noble')).toMatchObject({ name: 'ubuntu', uid: 1000 });
    expect(user('ubuntu:22.04')).toBeUndefined();
    expect(user('quay.io/jupyter/scipy-notebook:2024-05-27')).toMatchObject({ name: 'jovyan', uid: 1000, gid: 100, userSpelling: '${NB_UID}', isDefault: true });
    expect(user('jupyter/base-notebook')).toMatchObject({ name: 'jovyan' });
    expect(user('bitnami/python:3.12')).toMatchObject({ uid: 1001, gid: 0, isDefault: true });
    expect(user('bitnami/minideb:bookworm')).toBeUndefined();
    expect(user('nginxinc/nginx-unprivileged:1.27-alpine')).toMatchObject({ uid: 101, isDefault: true });
    expect(user('registry.access.redhat.com/ubi9/python-311:latest')).toMatchObject({ uid: 1001, gid: 0, userSpelling: '1001', isDefault: true });
    expect(user('mcr.microsoft.com/dotnet/aspnet:8.0')).toMatchObject({ name: 'app', uid: 1654, userSpelling: '$APP_UID', isDefault: false });
    expect(user('mcr.microsoft.com/dotnet/aspnet:8.0-jammy-chiseled')).toMatchObject({ uid: 1654, isDefault: true });
    expect(user('mcr.microsoft.com/dotnet/aspnet:6.0')).toBeUndefined();
    expect(user('gcr.io/distroless/static-debian12:nonroot')).toMatchObject({ uid: 65532, isDefault: true });
    expect(user('gcr.io/distroless/python3-debian12')).toMatchObject({ uid: 65532, isDefault: false });
    expect(user('cgr.dev/chainguard/static')).toMatchObject({ uid: 65532, isDefault: true });
  });

  it('says where useradd must be installed first', () => {
    expect(lookupBaseImage('registry.access.redhat.com/ubi9/ubi-minimal')?.installUserTools).toMatch(/^microdnf install -y shadow-utils/);
    expect(lookupBaseImage('amazonlinux:2023')?.installUserTools).toMatch(/^dnf install -y shadow-utils/);
    expect(lookupBaseImage('amazonlinux:2')?.installUserTools).toMatch(/^yum install -y shadow-utils/);
    expect(lookupBaseImage('registry.access.redhat.com/ubi9/ubi')?.installUserTools).toBeUndefined();
  });

  it('has no shell where RUN cannot work', () => {
    for (const ref of ['scratch', 'gcr.io/distroless/python3-debian12', 'cgr.dev/chainguard/static']) {
      expect(lookupBaseImage(ref)?.shell).toBe(false);
    }
    expect(lookupBaseImage('cgr.dev/chainguard/python:latest-dev')?.shell).not.toBe(false);
  });

  it('knows nothing of a private image', () => {
    expect(lookupBaseImage('registry.example.com/team/base:latest')).toBeUndefined();
  });

  it('every row names its source', () => {
    for (const row of BASE_IMAGES) expect(row.source.length).toBeGreaterThan(10);
  });
});

describe('pathological references', () => {
  it('does not classify a reference longer than any valid image name', () => {
    expect(lookupBaseImage(`gcr.io/distroless/${'a:'.repeat(50_000)}nonroot`)).toBeUndefined();
  });
});
