#!/usr/bin/env bash
# Times `conflictmap timeline` as a whole process on 200 dated reports over 14 days (the target:
# under 3 s), and writes Benchmarks/timeline-bench.md. The reports are the 22 real reports of
# Examples/syria-2024-offensive and of Examples/syria-2024, each used again with another
# outlet, title and date, spread over 14 days (as outlets republish wire copy).
#   bash Benchmarks/timeline-bench.sh            (builds the release binary first)
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product conflictmap >/dev/null
bin=.build/release/conflictmap
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$work/reports.jsonl" <<'PY'
import datetime, glob, json, os, sys
files = sorted(glob.glob("Examples/syria-2024-offensive/*.txt")) + sorted(glob.glob("Examples/syria-2024/*.txt"))
texts = [open(f, encoding="utf-8").read() for f in files]
outlets = ["Wire A", "Wire B", "Daily C", "Radio D", "Agency E", "Weekly F", "Post G", "Times H"]
start = datetime.date(2024, 11, 25)
with open(sys.argv[1], "w", encoding="utf-8") as out:
    for i in range(200):
        text = texts[i % len(texts)]
        day = start + datetime.timedelta(days=i * 14 // 200)
        title = text.split("\n", 1)[0]
        out.write(json.dumps({"id": f"r{i:03d}", "title": title, "text": text, "date": day.isoformat(),
                              "outlet": outlets[i % len(outlets)]}) + "\n")
PY
"$bin" analyze "$work/reports.jsonl" --quiet --format json >/dev/null   # warm the gazetteer's index cache
measure() {  # best of three wall-clock seconds
  local best=999
  for _ in 1 2 3; do
    local t0 t1
    t0=$(date +%s.%N); "$@" >/dev/null; t1=$(date +%s.%N)
    best=$(python3 -c "print(min($best, $t1 - $t0))")
  done
  printf '%.2f' "$best"
}
grid=$(measure "$bin" timeline "$work/reports.jsonl" --out "$work/t.png" --quiet)
pdf=$(measure "$bin" timeline "$work/reports.jsonl" --out "$work/t.pdf" --quiet)
apng=$(measure "$bin" timeline "$work/reports.jsonl" --out "$work/t.apng" --quiet --size 1200x900)
steps=$("$bin" timeline "$work/reports.jsonl" --out "$work/t.png" 2>&1 | sed -n 's/.*: \([0-9]*\) steps.*/\1/p')
{
  echo "# Timeline benchmark"
  echo
  echo "\`bash Benchmarks/timeline-bench.sh\`, $(date -u +%Y-%m-%d), $(nproc) cores: 200 dated reports (JSON Lines, $(du -k "$work/reports.jsonl" | cut -f1) KB) over $steps days, the whole process timed, best of three."
  echo
  echo "| output | seconds | target |"
  echo "|---|---|---|"
  echo "| grid PNG, one 640×480 panel a day | $grid | < 3 |"
  echo "| PDF, one 1600×1200 page a day | $pdf | |"
  echo "| animated PNG, 1200×900 frames | $apng | |"
} > Benchmarks/timeline-bench.md
cat Benchmarks/timeline-bench.md
