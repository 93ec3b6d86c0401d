#!/usr/bin/env bash
# Installs the Debian packages tito needs that are missing (apt-get update
# first, only when something is missing). Idempotent and fast when all is there.
#   scripts/deps.sh            build + run dependencies
#   scripts/deps.sh --test     also what the test suite needs (clang for the fuzzer, valgrind;
#                              qemu, a Debian kernel and a static busybox for the pure cgroup v2
#                              VM of tests/cgroup2, ~70 s to install the first time)
set -euo pipefail

pkgs=(build-essential cmake pkg-config git ca-certificates
      libhiredis-dev libpq-dev libseccomp-dev libinih-dev libcriterion-dev
      redis-server postgresql-15 postgresql-client-15
      python3 python3-numpy procps util-linux iproute2)
if [ "${1:-}" = "--test" ]; then
  pkgs+=(clang libclang-rt-14-dev valgrind
         qemu-system-x86 linux-image-amd64 busybox-static)
fi

missing=()
for p in "${pkgs[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [ "$status" = "install ok installed" ] || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "tito: installing missing packages: ${missing[*]}" >&2
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "tito: need root (or sudo) to install: ${missing[*]}" >&2; exit 3; }
  sudo=sudo
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# The postgresql packages would otherwise create and start a system cluster we do not use.
$sudo mkdir -p /etc/postgresql-common/createcluster.d
echo "create_main_cluster = false" | $sudo tee /etc/postgresql-common/createcluster.d/tito.conf >/dev/null
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
