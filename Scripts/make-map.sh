#!/usr/bin/env bash
# Quick start, command 1: installs what is missing, builds conflictmap (release), and draws the
# map of the example reports into Output/. Extra arguments go to `conflictmap render`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash Scripts/install-deps.sh
echo "make-map: building conflictmap (release)…"
swift build -c release --product conflictmap 2>&1 | grep -v "prohibited flag" | tail -n 3
.build/release/conflictmap render "$@"
