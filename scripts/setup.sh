#!/usr/bin/env bash
# Installs what is missing and builds tito into ./build (binaries: build/tito,
# build/tito-worker). Safe to run again; fast when everything is in place.
#   scripts/setup.sh [--test] [extra cmake args...]
set -euo pipefail
cd "$(dirname "$0")/.."
mode=""
if [ "${1:-}" = "--test" ]; then mode=--test; shift; fi
scripts/deps.sh $mode
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTITO_WERROR=ON "$@" >/dev/null
cmake --build build -j"$(nproc)" >/dev/null
echo "tito: built build/tito and build/tito-worker" >&2
