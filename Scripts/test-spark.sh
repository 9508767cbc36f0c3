#!/usr/bin/env bash
# The Spark test (issue 6): runs Scripts/spark_job.py in local[2] mode on a few thousand reports made
# from the examples, and checks that its result equals `conflictmap analyze` on the same folder, byte
# for byte, for two different splits of the folder into batches.
#
# pyspark comes from PyPI into a virtual environment under .cache/ (kept between runs); Java 17
# must be installed (Scripts/install-deps.sh --test installs it). Ends with "spark: N passed, M failed"
# and fails when a check fails. Never timed: see Benchmarks/spark-bench.sh for the figures.
set -uo pipefail
cd "$(dirname "$0")/.."

PYSPARK_VERSION=3.5.8
REPORTS=${SPARK_TEST_REPORTS:-3000}
venv=.cache/pyspark-$PYSPARK_VERSION
passed=0
failed=0
pass() { echo "spark: ok: $*"; passed=$((passed + 1)); }
fail() { echo "spark: FAILED: $*"; failed=$((failed + 1)); }
finish() {
    echo "spark: $passed passed, $failed failed"
    [ "$failed" -eq 0 ]
    exit
}

if ! command -v java >/dev/null 2>&1; then
    fail "java is not installed (Scripts/install-deps.sh --test installs openjdk-17-jre-headless)"
    finish
fi

# pyspark in a virtual environment, installed once; a half-finished install is started again.
if [ ! -f "$venv/.complete" ]; then
    echo "spark: installing pyspark $PYSPARK_VERSION from PyPI into $venv…"
    start=$(date +%s)
    rm -rf "$venv"
    if python3 -m venv "$venv" && "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "pyspark==$PYSPARK_VERSION"; then
        touch "$venv/.complete"
        echo "spark: pyspark installed in $(( $(date +%s) - start )) s"
    else
        fail "could not install pyspark $PYSPARK_VERSION into $venv"
        finish
    fi
fi

echo "spark: building the release binary (swift build -c release)…"
if ! swift build -c release --product conflictmap 2>&1 | grep -v "prohibited flag" | grep -E "error|complete!"; then
    fail "swift build -c release failed"
    finish
fi
binary=.build/release/conflictmap

work=$(mktemp -d "${TMPDIR:-/tmp}/conflictmap-spark.XXXXXX")
trap 'rm -rf "$work"' EXIT
corpus="$work/corpus"
python3 Scripts/make-corpus.py "$corpus" --reports "$REPORTS" --files 24 --seed 6 || { fail "make-corpus.py failed"; finish; }

"$binary" analyze "$corpus" > "$work/single.json" 2> "$work/single.err" || { fail "conflictmap analyze failed: $(cat "$work/single.err")"; finish; }
"$binary" analyze "$corpus" --format geojson > "$work/single.geojson" 2>/dev/null
"$binary" analyze "$corpus" --partial > "$work/single.partial.jsonl" 2>/dev/null

# Two splits: Spark's own (one partition a core, merged on the driver) and seven partitions asked
# for, merged two at a time in rounds on the executors.
for setup in "2 8" "7 2"; do
    set -- $setup
    partitions=$1
    fan_in=$2
    out="$work/out-$partitions"
    name="local[2], $partitions partitions, merge fan-in $fan_in"
    echo "spark: running Scripts/spark_job.py ($name)…"
    if ! "$venv/bin/python" Scripts/spark_job.py "$corpus" "$out" --master "local[2]" --partitions "$partitions" --fan-in "$fan_in" \
        --binary "$binary" --timings "$work/timings.json" > "$work/job.log" 2>&1; then
        grep -v " WARN \|^Setting default log level\|setLogLevel" "$work/job.log" | tail -20
        fail "$name: the job failed"
        continue
    fi
    grep "^spark_job:" "$work/job.log"
    # The folder really was split, and the partial results really were merged (on the executors
    # when there are more than fan-in of them).
    read -r batches merges driver < <(python3 -c 'import json,sys; t=json.load(open(sys.argv[1])); print(t["batches"], t["merges_on_executors"], t["merged_on_driver"])' "$work/timings.json")
    if [ "$batches" -ge 2 ] && [ "$driver" -le "$fan_in" ] && { [ "$batches" -le "$fan_in" ] || [ "$merges" -ge 1 ]; } \
        && [ $((merges + driver)) -ge 2 ]; then
        pass "$name: $batches batches; $merges merges on the executors; $driver partial results merged on the driver"
    else
        fail "$name: $batches batches, $merges merges on the executors, $driver on the driver: the folder was not split and merged"
    fi
    if cmp -s "$out/analysis.json" "$work/single.json" && cmp -s "$out/analysis.geojson" "$work/single.geojson" \
        && cmp -s "$out/analysis.partial.jsonl" "$work/single.partial.jsonl"; then
        pass "$name: analysis.json, analysis.geojson and the merged partial result equal conflictmap analyze's, byte for byte ($(wc -c < "$out/analysis.json") bytes)"
    else
        cmp "$out/analysis.json" "$work/single.json"
        cmp "$out/analysis.geojson" "$work/single.geojson"
        cmp "$out/analysis.partial.jsonl" "$work/single.partial.jsonl"
        fail "$name: the result differs from conflictmap analyze's"
    fi
    # The map: a PNG of the default size, drawn from the merged result.
    if python3 - "$out/map.png" <<'EOF'
import struct, sys
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
width, height = struct.unpack(">II", data[16:24])
assert (width, height) == (1600, 1200), (width, height)
assert len(data) > 100_000, "suspiciously small"
EOF
    then
        pass "$name: map.png is a 1600×1200 PNG"
    else
        fail "$name: map.png is missing or not the map"
    fi
done

# A folder as analyze reads it: file names with spaces, "%" and non-ASCII letters, a sub-folder, a
# name starting with "_" (which Hadoop's readers skip), a hidden file (which analyze skips), plain
# text, a file that is not UTF-8, and an empty file.
odd="$work/odd folder"
mkdir -p "$odd/sub dir"
head -3 "$corpus/reports-0000.jsonl" > "$odd/a b.jsonl"
sed -n 4,6p "$corpus/reports-0001.jsonl" > "$odd/sub dir/c%d ü.jsonl"
sed -n 7p "$corpus/reports-0002.jsonl" > "$odd/_under.jsonl"
cp Examples/panjshir-2021/003_38aac9b758440dd4.txt "$odd/plain.txt"
printf 'Fighting near Charikar\n\nClashes were reported near Charikar in Parwan on Monday, caf\xe9 owners said.\n' > "$odd/latin1.txt"
echo '{"text": "Taliban fighters entered Kabul."}' > "$odd/.hidden.jsonl"
: > "$odd/empty.jsonl"
"$binary" analyze "$odd" > "$work/odd.json" 2>/dev/null
if "$venv/bin/python" Scripts/spark_job.py "$odd" "$work/out-odd" --master "local[2]" --partitions 3 --binary "$binary" --no-map \
    > "$work/odd.log" 2>&1 && cmp -s "$work/out-odd/analysis.json" "$work/odd.json"; then
    pass "a folder with odd file names, a sub-folder, plain text, a file that is not UTF-8 and an empty file: the same bytes"
else
    grep "^spark_job:" "$work/odd.log"
    fail "a folder with odd file names: the job's result differs from conflictmap analyze's"
fi

# A batch whose partial result comes from a newer conflictmap (here: a stand-in binary that writes
# one) fails the job with the binary's message, and nothing is written.
printf '#!/bin/sh\nif [ "$1" = analyze ]; then cat > /dev/null; echo "{\\"format_version\\":9}"; exit 0; fi\nexec %q "$@"\n' \
    "$PWD/$binary" > "$work/newer"
chmod +x "$work/newer"
if "$venv/bin/python" Scripts/spark_job.py "$corpus" "$work/out-newer" --master "local[2]" --binary "$work/newer" --no-map \
    > "$work/newer.log" 2>&1; then
    fail "a batch with a partial result from a newer format did not fail the job"
elif grep -q "written by a newer conflictmap (partial format 9" "$work/newer.log" && [ ! -e "$work/out-newer/analysis.json" ]; then
    pass "a batch with a partial result from a newer format fails the job with the binary's message; nothing is written"
else
    tail -5 "$work/newer.log"
    fail "the failed job did not say why, or wrote a result"
fi

finish
