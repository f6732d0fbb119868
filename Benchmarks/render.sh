#!/usr/bin/env bash
# Benchmark: `handover render` (all four documents, Markdown and HTML, plus the .ics) of a synthetic snapshot with
# 500 hosts (make-diff-snapshots.py), wall time and peak memory; then `handover lookup api`, process start to exit,
# median of 20 runs; again with the installed form of the binary (`make install`: the Swift runtime linked statically)
# when HANDOVER_INSTALLED names it, as scripts/bench does.
# Usage: [HANDOVER_INSTALLED=BINARY] Benchmarks/render.sh [HANDOVER_BINARY]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
source "$root/Benchmarks/lib.sh"
handover="${1:-$root/.build/release/handover}"
work="$(mktemp -d "${TMPDIR:-/tmp}/handover-renderbench.XXXXXX")"
trap 'rm -rf "$work"' EXIT
a=$(printf 'a%.0s' $(seq 40)); b=$(printf 'b%.0s' $(seq 40))
python3 "$root/Benchmarks/make-diff-snapshots.py" "$root/snapshots/example-acme.json" "$work" "$a" "$b" >/dev/null
mkdir -p "$work/s"
cp "$work/new.json" "$work/s/20261201T000000Z-bbbb.json"
cd "$work"
args=(--snapshots-dir "$work/s" --manifest "$work/none.yml")
"$handover" render "${args[@]}" --out "$work/docs" >/dev/null  # warm-up
t0=$(date +%s%N); "$handover" render "${args[@]}" --out "$work/docs" >/dev/null; t1=$(date +%s%N)
peak=$(/usr/bin/time -f '%M' "$handover" render "${args[@]}" --out "$work/docs" 2>&1 >/dev/null | tail -1)
size=$(du -sk "$work/docs" | cut -f1)
echo "render of 500 hosts (4 documents × Markdown + HTML, .ics): $(ms "$t0" "$t1") ms, peak RSS ${peak} KiB, ${size} KiB written"
bench_row "render every document, 500 hosts" "$(ms "$t0" "$t1")" "$peak" - -
t0=$(date +%s%N); "$handover" lookup api.d042.test "${args[@]}" >/dev/null; t1=$(date +%s%N)
echo "handover lookup api.d042.test without an index (decodes the snapshot, writes the index): $(ms "$t0" "$t1") ms"
unindexed=$(ms "$t0" "$t1")
read -r median median_cpu < <(bench_median 20 "$handover" lookup api.d042.test "${args[@]}")
read -r version version_cpu < <(bench_median 20 "$handover" --version)
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "handover lookup api.d042.test from the index: median ${median} ms wall, ${median_cpu} ms CPU over 20 runs (process start to exit)"
echo "handover --version (process start alone): median ${version} ms wall, ${version_cpu} ms CPU over 20 runs"
bench_row "lookup from the index (median)" "$median" - "lookup decoding the snapshot" "$unindexed"
if [ -n "${HANDOVER_INSTALLED:-}" ] && [ "$HANDOVER_INSTALLED" != none ]; then
  "$HANDOVER_INSTALLED" lookup api.d042.test "${args[@]}" > "$work/installed.txt"
  "$handover" lookup api.d042.test "${args[@]}" > "$work/release.txt"
  cmp -s "$work/installed.txt" "$work/release.txt" || { echo "the installed binary answers differently" >&2; exit 1; }
  read -r installed installed_cpu < <(bench_median 20 "$HANDOVER_INSTALLED" lookup api.d042.test "${args[@]}")
  read -r iversion iversion_cpu < <(bench_median 20 "$HANDOVER_INSTALLED" --version)
  echo "the installed form (static Swift runtime, $(du -m "$HANDOVER_INSTALLED" | cut -f1) MB unstripped): lookup from the index median ${installed} ms wall, ${installed_cpu} ms CPU; --version ${iversion} ms wall, ${iversion_cpu} ms CPU (20 runs each)"
  bench_row "lookup from the index, installed binary (median)" "$installed" - "goal (issue 19)" 20
fi
