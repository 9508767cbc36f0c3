#!/usr/bin/env bash
# The Spark test (issue 6): runs Scripts/spark_job.py in local[2] mode on a few thousand reports made
# from the examples, and checks that its result equals `conflictmap analyze` on the same folder, byte
# for byte, for two different splits of the folder into batches; and that the job finishes without
# the reports the binary fails on, naming them (robustness issue).
#
# pyspark comes from PyPI into a virtual environment under .cache/ (kept between runs); Java 17
# must be installed (Scripts/install-deps.sh --test installs it). Ends with "spark: N passed, M failed"
# and fails when a check fails. Never timed: see Benchmarks/spark-bench.sh for the figures.
#
# Environment: SPARK_TEST_REPORTS (default 3000); SPARK_TEST_SCRATCH, the build folder (default
# .build, as swift build's --scratch-path); SPARK_TEST_BINARY, a conflictmap to test instead of
# building one.
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

if [ -n "${SPARK_TEST_BINARY:-}" ]; then
    binary=$SPARK_TEST_BINARY
    echo "spark: testing $binary (SPARK_TEST_BINARY)"
else
    scratch=${SPARK_TEST_SCRATCH:-.build}
    echo "spark: building the release binary (swift build -c release --scratch-path $scratch)…"
    if ! swift build -c release --product conflictmap --scratch-path "$scratch" 2>&1 | grep -v "prohibited flag" | grep -E "error|complete!"; then
        fail "swift build -c release failed"
        finish
    fi
    binary=$scratch/release/conflictmap
fi
case $binary in /*) ;; *) binary=$PWD/$binary ;; esac

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

# Poisoned reports (robustness issue): a report the binary cannot finish, once as a file of its own
# and once as line 10 of a JSON Lines file, among a few small files; and a line of broken JSON. The
# first is one long sentence ("The Taliban attacked Kabul and pushed …", 7.6 MB), which analyze
# cannot finish today (its time and memory grow with the square of a sentence's length: 76 KB take
# 5 s and 350 MB); with --cpu-limit 1 the binary is stopped after 1 s of CPU time (a batch of these
# small files takes 0.2 s), so the batches holding it fail. The job must finish, name the two (the file; the file, line and id), and write
# what analyze writes for the folder without them (the line blank, so that the next lines keep
# their numbers and ids). analyze skips the broken line with a warning today; should it ever fail
# on it instead, the job must name and leave it out too. Both folders are called "reports", so that
# analyze names their files alike.
top=$PWD
mkdir -p "$work/poisoned/reports" "$work/rest/reports"
for i in 0 1 2 3; do head -20 "$corpus/reports-000$i.jsonl" > "$work/poisoned/reports/reports-000$i.jsonl"; done
python3 - "$work/poisoned/reports" "$work/rest/reports" <<'EOF'
import json, os, shutil, sys
poisoned, rest = sys.argv[1:]
slow = "Report\n\n" + ("The Taliban attacked Kabul and pushed " * 200000)[:7_600_000]
with open(os.path.join(poisoned, "slow.txt"), "w") as f:
    f.write(slow)
for name, number, line in (("reports-0001.jsonl", 10, json.dumps({"title": "Report", "text": slow})),
                           ("reports-0002.jsonl", 5, '{"id": "broken", "text": "Fighting near Charikar')):
    with open(os.path.join(poisoned, name)) as f:
        lines = f.read().split("\n")
    lines.insert(number - 1, line)
    with open(os.path.join(poisoned, name), "w") as f:
        f.write("\n".join(lines))
    lines[number - 1] = ""
    with open(os.path.join(rest, name), "w") as f:
        f.write("\n".join(lines))
for name in ("reports-0000.jsonl", "reports-0003.jsonl"):
    shutil.copy(os.path.join(poisoned, name), os.path.join(rest, name))
EOF
data=(--gazetteer "$top/Gazetteer" --actors "$top/Actors")
(cd "$work/rest" && "$binary" analyze reports "${data[@]}" > ../rest.json 2>/dev/null \
    && "$binary" analyze reports --format geojson "${data[@]}" > ../rest.geojson 2>/dev/null)
if "$binary" analyze "$work/poisoned/reports/reports-0002.jsonl" "${data[@]}" > /dev/null 2>&1; then broken=0; else broken=1; fi
start=$(date +%s)
if (cd "$work/poisoned" && "$top/$venv/bin/python" "$top/Scripts/spark_job.py" reports ../out-poisoned --master "local[2]" --partitions 3 \
    --binary "$binary" --cpu-limit 1 --no-map) > "$work/poisoned.log" 2>&1; then
    took=$(( $(date +%s) - start ))
    grep "^spark_job:" "$work/poisoned.log"
    named=1
    expected=$((2 + broken))
    grep -q "^spark_job: left out reports/slow.txt (the whole file): conflictmap was killed by SIGXCPU" "$work/poisoned.log" || named=0
    grep -q "^spark_job: left out reports/reports-0001.jsonl, line 10 (report reports-0001#10)" "$work/poisoned.log" || named=0
    if [ "$broken" = 1 ]; then
        grep -q "^spark_job: left out reports/reports-0002.jsonl, line 5 (report reports-0002#5)" "$work/poisoned.log" || named=0
    fi
    grep -q "^spark_job: left out $expected reports the binary fails on: " "$work/poisoned.log" || named=0
    if [ "$named" = 1 ]; then
        pass "poisoned reports: the job finished in $took s, naming the $expected it left out"
    else
        fail "poisoned reports: the job did not name the $expected reports it left out (or the binary now reads the 7.6 MB sentence in 1 s of CPU time)"
    fi
    if cmp -s "$work/out-poisoned/analysis.json" "$work/rest.json" && cmp -s "$work/out-poisoned/analysis.geojson" "$work/rest.geojson"; then
        pass "poisoned reports: analysis.json and analysis.geojson equal conflictmap analyze's on the folder without them, byte for byte"
    else
        cmp "$work/out-poisoned/analysis.json" "$work/rest.json"
        cmp "$work/out-poisoned/analysis.geojson" "$work/rest.geojson"
        fail "poisoned reports: the result differs from conflictmap analyze's on the folder without them"
    fi
else
    grep "^spark_job:" "$work/poisoned.log" | tail -20
    fail "poisoned reports: the job failed"
fi

# A batch whose partial result comes from a newer conflictmap (here: a stand-in binary that writes
# one) fails the job with the binary's message, and nothing is written.
printf '#!/bin/sh\nif [ "$1" = analyze ]; then cat > /dev/null; echo "{\\"format_version\\":9}"; exit 0; fi\nexec %q "$@"\n' \
    "$binary" > "$work/newer"
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
