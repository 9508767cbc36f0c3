#!/usr/bin/env bash
# Peak memory and wall time of `conflictmap analyze` on large JSON Lines corpora.
#
#   bash Benchmarks/memory-bench.sh [SIZES_MB...]      # default: 30 100 300
#
# For each size it makes a corpus of that many megabytes in one JSON Lines file with
# Scripts/make-corpus.py (reports made from the examples; about 3.7 KB each), then runs the
# release binary four ways: `analyze FILE` (the JSON analysis), `analyze --partial FILE`, and the
# same two with the corpus piped in on standard input (`cat FILE | conflictmap analyze -`). It
# measures each run's peak resident memory and wall time with GNU time (`/usr/bin/time -v`,
# installed from Debian's `time` package when missing), checks that every report was read, and
# writes the figures to Benchmarks/memory-bench.md (and prints them).
#
# CONFLICTMAP_BIN chooses the binary (default: .build/release/conflictmap, built when missing);
# BENCH_DIR the folder for the corpora and outputs (default: a temporary folder, removed after).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(30 100 300)
BIN="${CONFLICTMAP_BIN:-$ROOT/.build/release/conflictmap}"
OUT_MD="$ROOT/Benchmarks/memory-bench.md"

if [ ! -x /usr/bin/time ]; then
    echo "memory-bench: installing GNU time (Debian package 'time')" >&2
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get install -y -q time >/dev/null
fi
if [ ! -x "$BIN" ]; then
    echo "memory-bench: building the release binary" >&2
    swift build -c release --product conflictmap >/dev/null
fi

WORK="${BENCH_DIR:-$(mktemp -d /tmp/conflictmap-memory-bench.XXXXXX)}"
mkdir -p "$WORK"
[ -n "${BENCH_DIR:-}" ] || trap 'rm -rf "$WORK"' EXIT

# One run: prints "peak_MB wall_s output_MB documents" for the command's last process.
measure() {
    local label="$1" input="$2" mode="$3"; shift 3
    local log="$WORK/time.log" out="$WORK/out.json"
    rm -f "$out"
    if [ "$input" = "-" ]; then
        cat "$FILE" | /usr/bin/time -v -o "$log" "$BIN" analyze "$@" --out "$out" - 2>"$WORK/err.log" >/dev/null
    else
        /usr/bin/time -v -o "$log" "$BIN" analyze "$@" --out "$out" "$input" 2>"$WORK/err.log" >/dev/null
    fi
    local rss wall
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$log")
    # Wall clock as h:mm:ss or m:ss.ss → seconds.
    wall=$(echo "$wall" | awk -F: '{ if (NF == 3) print $1 * 3600 + $2 * 60 + $3; else print $1 * 60 + $2 }')
    local docs
    docs=$(python3 - "$out" "$mode" <<'PY'
import json, sys, re
path, mode = sys.argv[1], sys.argv[2]
if mode == "partial":
    # Count the reports without loading a gigabyte of JSON: each record has one "signature".
    n = 0
    with open(path, "rb") as f:
        while True:
            chunk = f.read(1 << 24)
            if not chunk:
                break
            n += chunk.count(b'"signature":"')
    print(n)
else:
    n, inside = 0, False
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith('  "documents" : ['):
                inside = True
            elif inside and line.startswith("  ]"):
                break
            elif inside and line.startswith("    {"):
                n += 1
    print(n)
PY
)
    local size
    size=$(stat -c %s "$out")
    printf '%s %s %s %s\n' "$((rss / 1024))" "$wall" "$((size / 1000000))" "$docs"
}

{
    echo "# conflictmap analyze: peak memory and wall time on large JSON Lines"
    echo
    echo "Written by \`bash Benchmarks/memory-bench.sh\` on $(date -u +%Y-%m-%d) ($(nproc) cores; load average at the start: $(cut -d' ' -f1-3 /proc/loadavg))."
    echo
    echo "| corpus | reports | input | output | peak resident | wall | output size | reports written |"
    echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
} >"$OUT_MD.tmp"

for MB in "${SIZES[@]}"; do
    # make-corpus.py writes about 3.7 KB a report.
    REPORTS=$((MB * 1000000 / 3700))
    DIR="$WORK/corpus-$MB"
    python3 Scripts/make-corpus.py "$DIR" --reports "$REPORTS" --files 1 2>/dev/null
    FILE="$DIR/reports-0000.jsonl"
    BYTES=$(stat -c %s "$FILE")
    for input in file stdin; do
        src="$FILE"
        [ "$input" = file ] || src="-"
        for mode in json partial; do
            args=()
            [ "$mode" = json ] || args=(--partial)
            read -r rss wall outmb docs < <(measure "$MB" "$src" "$mode" "${args[@]}")
            line="| $((BYTES / 1000000)) MB | $REPORTS | $input | $mode | **$rss MB** | $wall s | $outmb MB | $docs |"
            echo "$line" >>"$OUT_MD.tmp"
            echo "memory-bench: $line" >&2
            if [ "$docs" != "$REPORTS" ]; then
                echo "memory-bench: $REPORTS reports in, $docs written" >&2
                exit 1
            fi
        done
    done
    rm -rf "$DIR"
done
mv "$OUT_MD.tmp" "$OUT_MD"
cat "$OUT_MD"
