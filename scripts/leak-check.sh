#!/usr/bin/env bash
# Checks the numeric core for memory leaks with two tools, each with a
# positive control that must detect a deliberate leak:
#
# 1. valgrind memcheck on VALGRIND_ITERATIONS (default 20000) iterations of every workload in
#    the LeakCheck program. Definite and indirect leaks are errors. "Possibly
#    lost" blocks are not, because the Swift runtime keeps a metadata cache
#    that memcheck reports as possibly lost.
# 2. Peak resident memory (GNU time) of native runs with 10^5 and 10^6
#    iterations. Without leaks it stays flat, so growth of more than 4 MiB
#    (rss_growth_limit_kb) fails the check.
#
# valgrind slows the program about 50-fold, so its run uses fewer iterations
# than the native one. Measured on a 2-core machine shared with other builds
# (load average 8.5): 100000 valgrind iterations took 415 s wall time and
# about 110 s of CPU time, and the whole script 10 minutes. With the default
# of 50000 iterations the valgrind run took 130 s and the whole script 3 min
# 41 s (94 s of CPU time) at load average 12. Those figures cover the
# BigInt, Rational and RationalMatrix workloads; with the BigFloat and Ball
# workloads added, 3000 valgrind iterations took 31 s, so the default is now
# 20000 (about 3.5 minutes, an estimate). Each iteration creates and drops
# dozens of values, so the valgrind run covers over 10^6 of them.
#
# Usage: scripts/leak-check.sh [VALGRIND_ITERATIONS]
# Exit status: 0 clean, 1 leak found, 2 missing tool or build failure,
# 3 no leak found but a positive control was not detected either, so the
# check itself is broken.

set -euo pipefail

cd "$(dirname "$0")/.."

valgrind_iterations="${1:-20000}"
native_small=100000
native_large=1000000
control_iterations=1000
rss_growth_limit_kb=4096

if ! [[ "$valgrind_iterations" =~ ^[0-9]+$ ]]; then
    echo "Error: invalid iteration count \"$valgrind_iterations\"; pass a nonnegative integer" >&2
    exit 2
fi
if ! command -v valgrind >/dev/null; then
    echo "Error: valgrind not found; install it with: apt-get install -y valgrind" >&2
    exit 2
fi
if ! [[ -x /usr/bin/time ]]; then
    echo "Error: GNU time (/usr/bin/time) not found; install it with: apt-get install -y time" >&2
    exit 2
fi

echo "Building LeakCheck (release)..." >&2
swift build -c release --product LeakCheck >&2 || exit 2
program="$(swift build -c release --show-bin-path)/LeakCheck"

log_dir="$(mktemp -d)"
trap 'rm -rf "$log_dir"' EXIT

memcheck=(valgrind --leak-check=full --errors-for-leak-kinds=definite,indirect --error-exitcode=1)

# Prints the "definitely lost" and "indirectly lost" lines of a valgrind log.
leak_summary() {
    grep -E "definitely lost:|indirectly lost:" "$1" | sed 's/^==[0-9]*== */  /'
}

# Prints the peak resident set size in KiB of one native run. Exits the
# script with status 1 when the run fails, since a crash is not a leak result.
peak_rss_kb() {
    if ! /usr/bin/time -f "%M" -o "$log_dir/rss" "$program" "$@" >/dev/null; then
        echo "FAIL native run failed: $program $* ($(head -n 1 "$log_dir/rss"))" >&2
        exit 1
    fi
    tail -n 1 "$log_dir/rss"
}

status=0

echo "valgrind: $valgrind_iterations iterations of every workload..." >&2
start=$SECONDS
if "${memcheck[@]}" "$program" --iterations "$valgrind_iterations" >"$log_dir/clean.out" 2>"$log_dir/clean.log"; then
    echo "PASS valgrind, $valgrind_iterations iterations, $((SECONDS - start)) s:"
else
    echo "FAIL valgrind, $valgrind_iterations iterations: leaks or memory errors (log follows)"
    cat "$log_dir/clean.log"
    status=1
fi
leak_summary "$log_dir/clean.log"

echo "valgrind positive control: $control_iterations deliberate leaks..." >&2
if "${memcheck[@]}" "$program" --iterations "$control_iterations" --workload BigInt --deliberate-leak \
    >/dev/null 2>"$log_dir/control.log"; then
    echo "BROKEN valgrind positive control: the deliberate leak was not reported"
    if ((status == 0)); then status=3; fi
elif grep -qE "definitely lost: [1-9]" "$log_dir/control.log"; then
    echo "PASS valgrind positive control detected:"
    leak_summary "$log_dir/control.log"
else
    echo "BROKEN valgrind positive control failed without a definite leak (log follows)"
    cat "$log_dir/control.log"
    if ((status == 0)); then status=3; fi
fi

echo "native peak memory: $native_small and $native_large iterations..." >&2
small_kb="$(peak_rss_kb --iterations "$native_small")"
large_kb="$(peak_rss_kb --iterations "$native_large")"
growth_kb=$((large_kb - small_kb))
if ((growth_kb <= rss_growth_limit_kb)); then
    echo "PASS peak memory: $small_kb KiB after $native_small iterations, $large_kb KiB after $native_large"
else
    echo "FAIL peak memory grew by $growth_kb KiB (limit $rss_growth_limit_kb) from $native_small to $native_large iterations"
    status=1
fi

leak_small_kb="$(peak_rss_kb --iterations "$native_small" --workload BigInt --deliberate-leak)"
leak_large_kb="$(peak_rss_kb --iterations "$native_large" --workload BigInt --deliberate-leak)"
leak_growth_kb=$((leak_large_kb - leak_small_kb))
if ((leak_growth_kb > rss_growth_limit_kb)); then
    echo "PASS peak memory positive control: grew by $leak_growth_kb KiB with the deliberate leak"
else
    echo "BROKEN peak memory positive control: grew by only $leak_growth_kb KiB with the deliberate leak"
    if ((status == 0)); then status=3; fi
fi

exit "$status"
