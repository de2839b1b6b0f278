#!/usr/bin/env bash
# Build a small Debian bookworm root filesystem from Debian's own packages and import it as the
# base images the e2e fixtures start FROM. CI has no image registry, only Debian's mirrors, so the
# images cannot be pulled; this makes them offline-equivalent. Idempotent: does nothing when all
# tags already exist (set HARDEN_E2E_REBUILD_BASE=1 to force).
#
# Environment:
#   HARDEN_E2E_ENGINE   podman (default) or docker
#   DEBIAN_MIRROR       default: the mirror this machine's apt uses for the suite, else debootstrap's own
set -euo pipefail

ENGINE="${HARDEN_E2E_ENGINE:-podman}"
SUITE=bookworm

# The first deb URI apt is configured with for $SUITE: deb822 *.sources stanzas, then one-line sources.list.
apt_mirror() {
  local f
  for f in /etc/apt/sources.list.d/*.sources; do
    [[ -f $f ]] || continue
    awk -v suite="$SUITE" '
      function flush() { if (deb && hit && uri != "") { print uri; found = 1; exit } deb = hit = 0; uri = "" }
      /^[[:space:]]*$/ { flush(); next }
      /^Types:/ { for (i = 2; i <= NF; i++) if ($i == "deb") deb = 1 }
      /^Suites:/ { for (i = 2; i <= NF; i++) if ($i == suite) hit = 1 }
      /^URIs:/ { uri = $2 }
      END { if (!found) flush() }
    ' "$f"
  done
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [[ -f $f ]] || continue
    sed -E 's/\[[^]]*\]//' "$f" | awk -v suite="$SUITE" '$1 == "deb" && $3 == suite { print $2 }'
  done
}
MIRROR="${DEBIAN_MIRROR:-$( (apt_mirror || true) | head -n 1)}"
# python3 + python-is-python3: the python fixtures (and `python` for the python:* images);
# python3-pip, python3-flask, python3-gunicorn and gunicorn (its command): fixtures that
# `pip install flask gunicorn` (pip is pointed at no index, see below, so Debian's packages satisfy
# it); supervisor: the supervisor fixtures; procps: ps/pgrep. coreutils (timeout, id) and passwd
# (groupadd/useradd) are already part of minbase.
PACKAGES=python3,python-is-python3,python3-pip,python3-flask,python3-gunicorn,gunicorn,supervisor,procps
TAGS=(
  docker.io/library/debian:bookworm-slim
  docker.io/library/debian:bookworm
  docker.io/library/python:3.12-slim
  docker.io/library/python:3.11-slim
)
# Bump when the recipe changes, so an older image is rebuilt instead of reused.
RECIPE=4
LABEL=org.harden-dockerfile.e2e-base
PATH_ENV=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

image_exists() {
  [[ $("$ENGINE" image inspect --format "{{index .Config.Labels \"$LABEL\"}}" "$1" 2>/dev/null) == "$RECIPE" ]]
}

if [[ "${HARDEN_E2E_REBUILD_BASE:-}" != 1 ]]; then
  missing=0
  for t in "${TAGS[@]}"; do image_exists "$t" || missing=1; done
  if [[ $missing == 0 ]]; then
    echo "make-base-image: base images (recipe $RECIPE) already present, nothing to do"
    exit 0
  fi
fi

if [[ $(id -u) != 0 ]]; then
  echo "make-base-image: debootstrap needs root" >&2
  exit 2
fi
for cmd in debootstrap "$ENGINE" tar; do
  command -v "$cmd" >/dev/null || { echo "make-base-image: '$cmd' not found" >&2; exit 2; }
done

start=$(date +%s)
work=$(mktemp -d /var/tmp/harden-e2e-rootfs.XXXXXX)
rootfs="$work/rootfs"
cleanup() {
  # debootstrap mounts proc/sys inside the target; never rm -rf through a live mount.
  if [[ -d "$rootfs" ]]; then
    for m in $(awk -v r="$rootfs" 'index($2, r) == 1 { print $2 }' /proc/mounts | sort -r); do
      umount -l "$m" 2>/dev/null || true
    done
  fi
  rm -rf --one-file-system "$work"
}
trap cleanup EXIT

echo "make-base-image: debootstrap $SUITE ($PACKAGES) from ${MIRROR:-the debootstrap default mirror}"
# With no mirror argument debootstrap picks its own default.
if ! debootstrap --variant=minbase --include="$PACKAGES" "$SUITE" "$rootfs" ${MIRROR:+"$MIRROR"} >"$work/debootstrap.log" 2>&1; then
  tail -n 40 "$work/debootstrap.log" >&2
  tail -n 40 "$rootfs/debootstrap/debootstrap.log" 2>/dev/null >&2 || true
  echo "make-base-image: debootstrap failed" >&2
  exit 1
fi

# Slim it down the way the official images are: no package cache, no downloaded lists.
rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* "$rootfs"/tmp/* || true
# No package index is reachable from CI: pip only checks what is installed (Debian's python3-*).
printf '[global]\nno-index = true\nbreak-system-packages = true\ndisable-pip-version-check = true\n' >"$rootfs/etc/pip.conf"

echo "make-base-image: importing"
old_ids=$(for t in "${TAGS[@]}"; do "$ENGINE" image inspect --format '{{.Id}}' "$t" 2>/dev/null || true; done | sort -u)
first="${TAGS[0]}"
quiet=(); [[ $ENGINE == podman ]] && quiet=(--quiet)
tar --numeric-owner -C "$rootfs" -c . | "$ENGINE" import "${quiet[@]}" \
  --change "ENV PATH=$PATH_ENV" \
  --change 'CMD ["bash"]' \
  --change "LABEL $LABEL=$RECIPE" \
  - "$first" >/dev/null
for t in "${TAGS[@]:1}"; do "$ENGINE" tag "$first" "$t"; done
# A previous recipe's image is now untagged: remove it (it stays if something else still uses it).
for id in $old_ids; do "$ENGINE" image rm "$id" >/dev/null 2>&1 || true; done

echo "make-base-image: tagged ${TAGS[*]} in $(( $(date +%s) - start ))s"
