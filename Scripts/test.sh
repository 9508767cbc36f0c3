#!/usr/bin/env bash
# Quick start, command 2: installs what is missing (including the readers the tests check files
# with: pdfinfo, rsvg-convert, ogrinfo), then runs the whole test suite with `swift test`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash Scripts/install-deps.sh --test
echo "test: building and running the test suite (swift test)…"
swift build --build-tests 2>&1 | grep -v "prohibited flag" | grep -E "error|warning: |Compiling|Build complete" | grep -v "^.*Compiling" || true
swift test "$@" 2>&1 | grep -v "prohibited flag"
exit "${PIPESTATUS[0]}"
