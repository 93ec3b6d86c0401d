#!/bin/sh
# fuzz.sh [SECONDS]: builds the libFuzzer target with clang (ASan + UBSan) in
# its own build dir and fuzzes a copy of tests/fuzz/corpus for SECONDS
# (default 60). Exits non-zero on any crash, leak, timeout or broken
# invariant; the reproducer lands in the artifacts dir printed at the end.
# Env: TITO_FUZZ_BUILD (build dir, default <repo>/build-fuzz), CC (default clang).
set -eu

secs=${1:-60}
case $secs in
  ''|*[!0-9]*) echo "usage: fuzz.sh [SECONDS]" >&2; exit 2 ;;
esac
root=$(cd "$(dirname "$0")/.." && pwd)
build=${TITO_FUZZ_BUILD:-$root/build-fuzz}
cc=${CC:-clang}

CC=$cc cmake -S "$root" -B "$build" -DTITO_FUZZ=ON -DTITO_TESTS=OFF \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j2 --target fuzz_convert

work=$(mktemp -d "${TMPDIR:-/tmp}/tito-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/corpus" "$build/fuzz-artifacts"
cp "$root"/tests/fuzz/corpus/* "$work/corpus/"

status=0
"$build/fuzz_convert" "$work/corpus" \
  -max_total_time="$secs" -max_len=65536 -rss_limit_mb=2048 -timeout=20 \
  -print_final_stats=1 -artifact_prefix="$build/fuzz-artifacts/" || status=$?
if [ "$status" -ne 0 ]; then
  echo "fuzz.sh: FAILED (exit $status); reproducers in $build/fuzz-artifacts/" >&2
  exit 1
fi
echo "fuzz.sh: no findings in ${secs}s"
