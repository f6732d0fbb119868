#!/usr/bin/env bash
# Benchmark: `handover diff` of two synthetic snapshots (10,000 DNS records, 500 hosts, 2,000 env names, 5 % changed):
# wall time and peak memory. Then the commits-between step on a 100,000-commit repository (git fast-import), through
# `handover diff` whose snapshots point at two commits 50,000 apart, against `git rev-list --count A..B`; medians of
# the wall and CPU time of 5 runs each, then again once git has written a commit-graph file. Each handover row is
# measured with the same binary three ways: as it runs (the own walk, over the packs or from a commit-graph file), the
# own walk again (HANDOVER_COMMIT_WALKER=own: the same walker, a second sample), libgit2's revwalk
# (HANDOVER_COMMIT_WALKER=libgit2).
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

"$handover" diff old.json new.json --format json --repository "$work/repo" --snapshots-dir "$work/s" --manifest "$work/none.yml" > commits.json
total=$(python3 -c "import json; d=json.load(open('commits.json')); print(d['commits']['direction'], d['commits']['total'])")
HANDOVER_COMMIT_WALKER=own "$handover" diff old.json new.json --format json --repository "$work/repo" --snapshots-dir "$work/s" --manifest "$work/none.yml" > commits-own.json
cmp -s commits.json commits-own.json || { echo "the own walk and libgit2's differ" >&2; exit 1; }
read -r between between_cpu < <(bench_median 5 "$handover" diff old.json new.json --format json --repository "$work/repo" --snapshots-dir "$work/s" --manifest "$work/none.yml")
read -r own own_cpu < <(bench_median 5 env HANDOVER_COMMIT_WALKER=own "$handover" diff old.json new.json --format json --repository "$work/repo" --snapshots-dir "$work/s" --manifest "$work/none.yml")
read -r libgit2 libgit2_cpu < <(bench_median 5 env HANDOVER_COMMIT_WALKER=libgit2 "$handover" diff old.json new.json --format json --repository "$work/repo" --snapshots-dir "$work/s" --manifest "$work/none.yml")
read -r plain plain_cpu < <(bench_median 5 "$handover" diff old.json new.json --format json --snapshots-dir "$work/s" --manifest "$work/none.yml")
read -r revlist revlist_cpu < <(bench_median 5 git -C "$work/repo" rev-list --count "$a..$b")
count=$(git -C "$work/repo" rev-list --count "$a..$b")
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); medians of 5 runs"
echo "same diff plus commits between (50,000 of 100,000 commits, no commit-graph: the own walk over the packs): ${between} ms wall, ${between_cpu} ms CPU — $total"
echo "  the same with the own walk over the packs: ${own} ms wall, ${own_cpu} ms CPU; libgit2 forced: ${libgit2} ms wall, ${libgit2_cpu} ms CPU"
echo "  the diff alone (two 5 MB snapshots decoded at once, compared): ${plain} ms wall, ${plain_cpu} ms CPU"
echo "git rev-list --count A..B: ${revlist} ms wall, ${revlist_cpu} ms CPU — $count"
git -C "$work/repo" commit-graph write 2>/dev/null
read -r graph graph_cpu < <(bench_median 5 git -C "$work/repo" rev-list --count "$a..$b")
"$handover" diff old.json new.json --format json --repository "$work/repo" --snapshots-dir "$work/s" --manifest "$work/none.yml" > commits-graph.json
cmp -s commits.json commits-graph.json || { echo "the walk over the commit-graph differs" >&2; exit 1; }
read -r between_graph between_graph_cpu < <(bench_median 5 "$handover" diff old.json new.json --format json --repository "$work/repo" --snapshots-dir "$work/s" --manifest "$work/none.yml")
read -r libgit2_graph libgit2_graph_cpu < <(bench_median 5 env HANDOVER_COMMIT_WALKER=libgit2 "$handover" diff old.json new.json --format json --repository "$work/repo" --snapshots-dir "$work/s" --manifest "$work/none.yml")
echo "after git commit-graph write: git rev-list --count ${graph} ms wall, ${graph_cpu} ms CPU; handover diff + commits ${between_graph} ms wall, ${between_graph_cpu} ms CPU (own walk, from the commit-graph); libgit2 forced ${libgit2_graph} ms wall, ${libgit2_graph_cpu} ms CPU (libgit2 1.5 does not take the file git 2.39 writes)"
bench_row "diff + commits between, 50,000 of 100,000 (median)" "$between" - "git rev-list --count" "$revlist"
