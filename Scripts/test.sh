#!/usr/bin/env bash
# Quick start, command 2: installs what is missing (including the readers the tests check files
# with: pdfinfo, rsvg-convert, ogrinfo; Java for Spark), then runs the whole test suite with
# `swift test`, then the Spark test (Scripts/test-spark.sh). Fails if either fails.
set -euo pipefail
cd "$(dirname "$0")/.."
bash Scripts/install-deps.sh --test
echo "test: building and running the test suite (swift test)…"
swift build --build-tests 2>&1 | grep -v "prohibited flag" | grep -E "error|warning: |Compiling|Build complete" | grep -v "^.*Compiling" || true
set +e
swift test "$@" 2>&1 | grep -v "prohibited flag"
status=${PIPESTATUS[0]}
set -e
# The Spark test (issue 6): the job in local[2] mode gives conflictmap analyze's result, byte for byte.
# It builds the release binary and installs pyspark into .cache/ the first time.
if [ $# -eq 0 ]; then
    bash Scripts/test-spark.sh || status=1
else
    echo "spark: skipped (test.sh was given arguments for swift test; run bash Scripts/test-spark.sh)"
fi
# Fuzzing (README, "Fuzzing"): each libFuzzer target runs FUZZ_SECONDS (default 60; 0 skips) from its
# seeds and the crash reproducers in Fuzz/regressions/; it ends with "fuzz: N passed, M failed", and
# a crash fails the run.
if [ $# -eq 0 ] && [ "${FUZZ_SECONDS:-60}" != "0" ]; then
    bash Scripts/fuzz.sh all "${FUZZ_SECONDS:-60}" || status=1
else
    echo "fuzz: skipped (test.sh was given arguments for swift test, or FUZZ_SECONDS=0; run bash Scripts/fuzz.sh all 60)"
fi
exit "$status"
