#!/usr/bin/env bash
# Fuzzing (README, "Fuzzing"): builds a libFuzzer target (with AddressSanitizer) and runs it.
#
#   Scripts/fuzz.sh TARGET [SECONDS] [LIBFUZZER-OPTION...]   one target (default 60 s)
#   Scripts/fuzz.sh all [SECONDS] [LIBFUZZER-OPTION...]      every target in turn, SECONDS each
#   Scripts/fuzz.sh list                                     the targets
#
# Targets: reports, gazetteer-line, partial, actors, geojson, render (Fuzz/Targets/; what each does
# is FuzzHarness in Fuzz/Harness/). Options after SECONDS go to libFuzzer, e.g. -runs=1000000.
#
# It installs only what the build needs (Cairo, Pango, fonts: Scripts/install-deps.sh), builds a
# snapshot of the sources (so that edits made meanwhile do not break the build) in .build-fuzz/,
# seeds the corpus from Examples/, Actors/, Gazetteer/, the tests' string literals, Fuzz/corpus/
# and Fuzz/regressions/ (Fuzz/make-corpus.py; the corpus grows in .build-fuzz/corpus/<target>/),
# and runs libFuzzer for SECONDS with one job. A crash, a leak, a timeout or running out of memory
# is kept in Fuzz/artifacts/<target>/ (ignored by git) and makes the exit status non-zero; `all`
# ends with "fuzz: N passed, M failed".
#
# Environment: FUZZ_TIMEOUT (seconds one input may take, default 30), FUZZ_RSS_MB (default 3072),
# FUZZ_NO_BUILD=1 (run what is built), FUZZ_TREE=head (build the libraries as last committed),
# FUZZ_SANITIZERS (default fuzzer,address; fuzzer alone builds without AddressSanitizer, for long
# runs: about 3 times as fast on reports and actors; Swift's bounds and overflow checks still trap;
# that build goes to .build-fuzz/sanitize-fuzzer/, the corpus is the same), FUZZ_MAX_LEN (the
# longest input libFuzzer makes; default per target, below).
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
TARGETS=(reports gazetteer-line partial actors geojson render)
SCRATCH="$ROOT/.build-fuzz"
SANITIZERS=${FUZZ_SANITIZERS:-fuzzer,address}
case $SANITIZERS in
    fuzzer,address|address,fuzzer) SANITIZERS=fuzzer,address; BUILD="$SCRATCH" ;;
    fuzzer) BUILD="$SCRATCH/sanitize-fuzzer" ;;
    *) echo "fuzz: FUZZ_SANITIZERS must be fuzzer,address or fuzzer, not '$SANITIZERS'" >&2; exit 2 ;;
esac

usage() { sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }

[ $# -ge 1 ] || usage
what=$1; shift
if [ "$what" = "list" ]; then printf '%s\n' "${TARGETS[@]}"; exit 0; fi
seconds=${1:-60}
[ $# -ge 1 ] && shift
[[ "$seconds" =~ ^[0-9]+$ ]] || { echo "fuzz: SECONDS must be a whole number, not '$seconds'" >&2; exit 2; }
[[ "${FUZZ_MAX_LEN:-1}" =~ ^[1-9][0-9]*$ ]] || { echo "fuzz: FUZZ_MAX_LEN must be a whole number, not '$FUZZ_MAX_LEN'" >&2; exit 2; }
if [ "$what" = "all" ]; then
    selected=("${TARGETS[@]}")
else
    found=0
    for t in "${TARGETS[@]}"; do [ "$t" = "$what" ] && found=1; done
    [ $found = 1 ] || { echo "fuzz: no target '$what' (targets: ${TARGETS[*]})" >&2; exit 2; }
    selected=("$what")
fi

# Per target: the longest input libFuzzer makes (the seeds are shorter).
max_len() {
    [ -n "${FUZZ_MAX_LEN:-}" ] && { echo "$FUZZ_MAX_LEN"; return; }
    case $1 in
        reports|render|partial) echo 16384 ;;
        geojson|actors) echo 8192 ;;
        *) echo 4096 ;;
    esac
}

build() {
    [ "${FUZZ_NO_BUILD:-}" = "1" ] && return 0
    bash Scripts/install-deps.sh >&2 || return 1
    command -v python3 >/dev/null 2>&1 || { echo "fuzz: python3 is needed (the snapshot and the seed corpus)" >&2; return 1; }
    # A snapshot of what the package builds from (only changed files are copied, so rebuilds stay
    # incremental). FUZZ_TREE=head takes the libraries from the last commit (Package.swift and Fuzz/
    # from the working tree): for fuzzing while the working tree is half edited.
    local src="$SCRATCH/src" from="$ROOT" export=""
    if [ "${FUZZ_TREE:-work}" = "head" ]; then
        export=$(mktemp -d)
        git archive HEAD Sources Benchmarks Tests | tar -x -C "$export" || return 1
        from="$export"
    fi
    python3 Fuzz/snapshot.py "$src" "$from" Sources Benchmarks Tests -- "$ROOT" Package.swift Fuzz/Harness Fuzz/Targets Fuzz/RegressionTests Fuzz/CLibFuzzer || return 1
    [ -n "$export" ] && rm -rf "$export"
    [ -f Package.resolved ] && cp -p Package.resolved "$src/"
    for t in "${selected[@]}"; do
        echo "fuzz: building fuzz-$t (release, -sanitize=$SANITIZERS)…" >&2
        local log="$BUILD/build-$t.log"
        mkdir -p "$BUILD"
        if ! CONFLICTMAP_FUZZ=1 swift build --package-path "$src" --scratch-path "$BUILD" -c release \
                -Xswiftc -sanitize=$SANITIZERS -Xswiftc -parse-as-library -Xswiftc -g --product "fuzz-$t" >"$log" 2>&1; then
            grep -E "error:" "$log" | sort -u | head -20 >&2
            echo "fuzz: the build of fuzz-$t failed (the whole log: $log)" >&2
            return 1
        fi
    done
}

run() {
    local t=$1
    shift
    local exe="$BUILD/release/fuzz-$t"
    [ -x "$exe" ] || { echo "fuzz: $exe is not built" >&2; return 1; }
    local corpus="$SCRATCH/corpus/$t" seeds="$SCRATCH/seeds/$t" artifacts="$ROOT/Fuzz/artifacts/$t"
    rm -rf "$seeds"
    mkdir -p "$corpus" "$artifacts"
    python3 Fuzz/make-corpus.py "$t" "$seeds" >&2 || return 1
    local log="$SCRATCH/fuzz-$t.log"
    echo "fuzz: running $t for ${seconds}s, -sanitize=$SANITIZERS, max_len $(max_len "$t") (log: $log)…" >&2
    # The project's root is the current folder: the harness reads Gazetteer/ and Actors/ there.
    # One process (no -jobs/-fork): the machine's cores are shared. Swift keeps caches for the
    # process's life, so leak checking is off.
    ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0} \
        "$exe" "$corpus" "$seeds" -max_total_time="$seconds" \
        -artifact_prefix="$artifacts/" -max_len="$(max_len "$t")" -timeout="${FUZZ_TIMEOUT:-30}" \
        -rss_limit_mb="${FUZZ_RSS_MB:-3072}" -print_final_stats=1 "$@" >"$log" 2>&1
    local status=$?
    local execs
    execs=$(grep -E "stat::number_of_executed_units" "$log" | tail -1 | awk '{print $2}')
    if [ $status -eq 0 ]; then
        echo "fuzz: $t passed: ${execs:-?} executions, no crash"
        return 0
    fi
    echo "fuzz: $t FAILED (exit status $status) after ${execs:-?} executions; the input is in Fuzz/artifacts/$t/:" >&2
    grep -E "ERROR: |==ERROR|Fatal error|fuzz invariant|SUMMARY|Test unit written|#[0-9]+ 0x" "$log" | head -25 >&2
    echo "fuzz: the whole log: $log" >&2
    return 1
}

if ! build; then
    echo "fuzz: the build failed, so every target counts as failed" >&2
    echo "fuzz: 0 passed, ${#selected[@]} failed"
    exit 1
fi
passed=0
failed=0
for t in "${selected[@]}"; do
    if run "$t" "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
done
echo "fuzz: $passed passed, $failed failed"
[ $failed -eq 0 ]
