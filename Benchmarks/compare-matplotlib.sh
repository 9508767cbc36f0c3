#!/usr/bin/env bash
# Times the whole `conflictmap render` process against a matplotlib script drawing the same map
# (Benchmarks/matplotlib_map.py), in one run on this machine. Installs matplotlib into a virtual
# environment under .cache/ the first time. Prints the mean of RUNS runs of each and the ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
venv=.cache/bench-venv
if [ ! -x "$venv/bin/python" ]; then
    echo "compare-matplotlib: installing matplotlib into $venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet matplotlib
fi
swift build -c release --product conflictmap 2>&1 | grep -v "prohibited flag" | tail -n 1
out=$(mktemp -d)
.build/release/conflictmap analyze > "$out/analysis.json" 2>/dev/null
time_runs() {  # prints the mean wall time in seconds of RUNS runs of the command
    python3 - "$RUNS" "$@" <<'PY'
import subprocess, sys, time
runs = int(sys.argv[1]); cmd = sys.argv[2:]
subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # warm the caches
times = []
for _ in range(runs):
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    times.append(time.perf_counter() - t0)
print(f"{sum(times) / len(times):.3f}")
PY
}
ours=$(time_runs .build/release/conflictmap render --format png --out "$out/ours.png")
theirs=$(time_runs "$venv/bin/python" Benchmarks/matplotlib_map.py "$out/analysis.json" "$out/matplotlib.png")
# The stricter comparison: matplotlib draws outlines already extracted (read from the outline
# files once, untimed), so only its start, drawing and encoding are timed.
"$venv/bin/python" Benchmarks/matplotlib_map.py --extract "$out/analysis.json" "$out/outlines.json"
strict=$(time_runs "$venv/bin/python" Benchmarks/matplotlib_map.py --outlines "$out/outlines.json" "$out/analysis.json" "$out/matplotlib-strict.png")
echo "conflictmap render (whole process, reports → PNG):         ${ours} s"
echo "matplotlib script (analysis JSON and outline files → PNG):  ${theirs} s"
echo "matplotlib script (analysis JSON, outlines extracted → PNG): ${strict} s"
python3 -c "print(f'ratio: {float(\"$theirs\") / float(\"$ours\"):.1f}×, stricter: {float(\"$strict\") / float(\"$ours\"):.1f}× (target ≥ 4× each)')"
echo "maps: $out/ours.png $out/matplotlib.png $out/matplotlib-strict.png"
