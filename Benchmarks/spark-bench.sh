#!/usr/bin/env bash
# Measures the throughput of `conflictmap analyze` in one process and of Scripts/spark_job.py in
# Spark local[1] and local[2] mode on the same corpus (made from the examples by
# Scripts/make-corpus.py), and Spark's fixed overhead (the job on one file of one report).
#
#   bash Benchmarks/spark-bench.sh [REPORTS...]      default: 3000 12000
#
# Writes a Markdown table to standard output and to Benchmarks/spark-bench.md. A measurement, not a
# test: nothing here is asserted. Needs the pyspark environment that Scripts/test-spark.sh installs.
set -euo pipefail
cd "$(dirname "$0")/.."

PYSPARK_VERSION=3.5.8
venv=.cache/pyspark-$PYSPARK_VERSION
if [ ! -f "$venv/.complete" ]; then
    echo "spark-bench: run bash Scripts/test-spark.sh first (it installs pyspark into $venv)" >&2
    exit 1
fi
swift build -c release --product conflictmap 2>&1 | grep -E "error|complete!" >&2
binary=.build/release/conflictmap
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(3000 12000)

work=$(mktemp -d "${TMPDIR:-/tmp}/conflictmap-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

# Wall-clock seconds of a command (its output discarded).
seconds() {
    local start end
    start=$(date +%s.%N)
    "$@" > /dev/null 2>&1
    end=$(date +%s.%N)
    awk -v a="$start" -v b="$end" 'BEGIN { print b - a }'
}
rate() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.2f", n / 1000000 / s }'; }
fmt() { printf "%.1f" "$1"; }

job() {  # job MASTER CORPUS OUT [options]
    local master=$1 corpus=$2 out=$3
    shift 3
    "$venv/bin/python" Scripts/spark_job.py "$corpus" "$out" --master "$master" --binary "$binary" --no-map \
        --timings "$out.timings.json" "$@"
}

cpu=$(grep -m1 "model name" /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')
{
    echo "Measured $(date -u +%Y-%m-%d) on $(nproc) cores ($cpu), $(free -g | awk '/Mem:/ {print $2}') GB;"
    echo "pyspark $PYSPARK_VERSION, $(java -version 2>&1 | head -1). Each figure is one run, wall-clock, from the"
    echo "command's start until analysis.json is written (the Spark job's map is not drawn). Load average"
    echo "at the start: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine slows every figure)."
    echo
    echo "| corpus | one process (2 threads) | one process (1 thread) | Spark local[1] | Spark local[2] |"
    echo "| --- | --- | --- | --- | --- |"
} > "$work/table.md"

for n in "${sizes[@]}"; do
    corpus="$work/corpus-$n"
    python3 Scripts/make-corpus.py "$corpus" --reports "$n" --files 24 --seed 6 2> /dev/null
    bytes=$(cat "$corpus"/*.jsonl | wc -c)
    echo "spark-bench: $n reports, $bytes bytes" >&2
    one=$(seconds "$binary" analyze "$corpus")
    single=$(seconds "$binary" analyze "$corpus" --threads 1)
    local1=$(seconds job "local[1]" "$corpus" "$work/out1-$n")
    local2=$(seconds job "local[2]" "$corpus" "$work/out2-$n")
    phases=$(python3 -c 'import json,sys; t=json.load(open(sys.argv[1]))["seconds"]; print(", ".join(f"{k} {v:.1f} s" for k, v in t.items() if k != "total"))' "$work/out2-$n.timings.json")
    echo "spark-bench: local[2] phases: $phases" >&2
    printf '| %s reports, %.1f MB | %s s, **%s MB/s** | %s s, %s MB/s | %s s, **%s MB/s** | %s s, **%s MB/s** |\n' \
        "$n" "$(awk -v n="$bytes" 'BEGIN { print n / 1000000 }')" "$(fmt "$one")" "$(rate "$bytes" "$one")" "$(fmt "$single")" "$(rate "$bytes" "$single")" \
        "$(fmt "$local1")" "$(rate "$bytes" "$local1")" "$(fmt "$local2")" "$(rate "$bytes" "$local2")" >> "$work/table.md"
    echo "$n|$phases" >> "$work/phases"
done

# Fixed costs: one file of one report.
tiny="$work/tiny"
mkdir -p "$tiny"
head -1 "$work/corpus-${sizes[0]}/reports-0000.jsonl" > "$tiny/one.jsonl"
one_tiny=$(seconds "$binary" analyze "$tiny")
spark_tiny=$(seconds job "local[2]" "$tiny" "$work/out-tiny")
merge_two=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["seconds"]["start_spark"])' "$work/out-tiny.timings.json")
{
    echo
    echo "Fixed costs, on one file of one report: \`conflictmap analyze\` $(fmt "$one_tiny") s (almost all of it loading the"
    echo "gazetteer, paid once per process: once per batch under Spark); the Spark job in local[2] mode"
    echo "$(fmt "$spark_tiny") s, of which $(fmt "$merge_two") s starting Spark (the JVM and the Python workers)."
    echo
    echo "The Spark job's phases in local[2] mode:"
    echo
    while IFS='|' read -r n phases; do echo "- $n reports: $phases"; done < "$work/phases"
} >> "$work/table.md"

cp "$work/table.md" Benchmarks/spark-bench.md
cat Benchmarks/spark-bench.md
