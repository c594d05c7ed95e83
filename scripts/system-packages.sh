#!/usr/bin/env bash
# Install the Debian packages listed in scripts/system-packages.txt that are missing (idempotent;
# one dpkg query when nothing is missing). A line is `package` or `package release` (for example
# `libreoffice-calc bookworm-backports`): a release not yet in apt's sources is added first.
# Needs root (CI and these machines run as root); elsewhere it prints what to install and fails.
set -euo pipefail
cd "$(dirname "$0")/.."
list=scripts/system-packages.txt
[[ -f $list ]] || exit 0
mapfile -t lines < <(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$list")
((${#lines[@]})) || exit 0
missing=()
for line in "${lines[@]}"; do
  read -r name release <<<"$line"
  if [[ "$(dpkg-query -W -f='${Status}' "$name" 2>/dev/null)" != *"ok installed"* ]]; then
    missing+=("$name${release:+ $release}")
  fi
done
((${#missing[@]})) || exit 0
if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null; then
  echo "error: system packages missing: ${missing[*]} (install them with your package manager)" >&2
  exit 1
fi
echo "setup: installing system packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
for entry in "${missing[@]}"; do
  read -r _ release <<<"$entry"
  if [[ -n ${release:-} && ! -f /etc/apt/sources.list.d/vsme-$release.sources ]]; then
    cat >"/etc/apt/sources.list.d/vsme-$release.sources" <<SRC
Types: deb
URIs: http://deb.debian.org/debian
Suites: $release
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
  fi
done
apt-get update -qq >/dev/null
for entry in "${missing[@]}"; do
  read -r name release <<<"$entry"
  apt-get install -y -qq --no-install-recommends ${release:+-t "$release"} "$name" >/dev/null
done
