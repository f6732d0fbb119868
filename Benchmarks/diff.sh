#!/usr/bin/env bash
# Benchmark: `handover diff` of two synthetic snapshots (10,000 DNS records, 500 hosts, 2,000 env names, 5 % changed):
# wall time and peak memory. Then the commits-between step on a 100,000-commit repository (git fast-import), through
# `handover diff` whose snapshots point at two commits 50,000 apart, against `git rev-list --count A..B`.
# Usage: Benchmarks/diff.sh [HANDOVER_BINARY]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
source "$root/Benchmarks/lib.sh"
handover="${1:-$root/.build/release/handover}"
work="$(mktemp -d "${TMPDIR:-/tmp}/handover-diffbench.XXXXXX")"
trap 'rm -rf "$work"' EXIT

git init -q -b main "$work/repo"
python3 "$root/Benchmarks/make-history.py" 100000 10 | git -C "$work/repo" fast-import --quiet
git -C "$work/repo" checkout -q main
b=$(git -C "$work/repo" rev-parse main)
a=$(git -C "$work/repo" rev-parse main~50000)
python3 "$root/Benchmarks/make-diff-snapshots.py" "$root/snapshots/example-acme.json" "$work" "$a" "$b"

cd "$work"
"$handover" diff old.json new.json --format json --snapshots-dir "$work/s" --manifest "$work/none.yml" >/dev/null  # warm-up
t0=$(date +%s%N)
"$handover" diff old.json new.json --format json --snapshots-dir "$work/s" --manifest "$work/none.yml" > plain.json
t1=$(date +%s%N)
peak=$(/usr/bin/time -f '%M' "$handover" diff old.json new.json --format json --snapshots-dir "$work/s" --manifest "$work/none.yml" 2>&1 >/dev/null | tail -1)
changes=$(python3 -c "import json; d=json.load(open('plain.json')); print(len(d['changes']), 'changes,', len(d['stories']), 'stories')")
echo "diff of two synthetic snapshots: $(ms "$t0" "$t1") ms, peak RSS ${peak} KiB, ${changes}"
bench_row "diff of two 500-host snapshots" "$(ms "$t0" "$t1")" "$peak" - -

t0=$(date +%s%N)
"$handover" diff old.json new.json --format json --repository "$work/repo" --snapshots-dir "$work/s" --manifest "$work/none.yml" > commits.json
t1=$(date +%s%N)
total=$(python3 -c "import json; d=json.load(open('commits.json')); print(d['commits']['direction'], d['commits']['total'])")
echo "same diff plus commits between (50,000 of 100,000 commits, libgit2 revwalk): $(ms "$t0" "$t1") ms — $total"
between=$(ms "$t0" "$t1")
t0=$(date +%s%N)
count=$(git -C "$work/repo" rev-list --count "$a..$b")
t1=$(date +%s%N)
echo "git rev-list --count A..B: $(ms "$t0" "$t1") ms — $count"
bench_row "diff + commits between, 50,000 of 100,000" "$between" - "git rev-list --count" "$(ms "$t0" "$t1")"
