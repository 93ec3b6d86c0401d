#!/usr/bin/env bash
# Installs what is missing, builds, and runs the whole test suite:
#   1. every ctest suite (Criterion unit tests, converter/exporter corpora, the
#      TinyTorch course, integration and fault-injection tests against real
#      redis-server and PostgreSQL processes that the tests start themselves);
#   2. the fast suites again under AddressSanitizer + UndefinedBehaviorSanitizer;
#   3. the notebook fuzzer for a bounded time.
# Exit status is non-zero if anything failed.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
scripts/setup.sh --test

jobs=${TITO_TEST_JOBS:-2}
status=0
echo "== ctest (build/)"
(cd build && ctest --output-on-failure -j"$jobs") || status=1

echo "== ASan/UBSan (build-asan/): fast suites"
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DTITO_WERROR=ON -DTITO_SANITIZE=ON >/dev/null
cmake --build build-asan -j"$(nproc)" >/dev/null
(cd build-asan && ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions=$root/tests/lsan.supp ctest --output-on-failure -j"$jobs" -L fast) || status=1

if [ -x scripts/fuzz.sh ]; then
  echo "== fuzz (${TITO_FUZZ_SECONDS:-60} s)"
  scripts/fuzz.sh "${TITO_FUZZ_SECONDS:-60}" || status=1
fi
exit $status
