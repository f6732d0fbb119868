#!/usr/bin/env bash
# Benchmark: where a process start goes. `handover --version` and `handover lookup` from the index (the 500-host
# snapshot of make-diff-snapshots.py): CPU-time medians (perf stat task-clock), page faults, peak RSS, the dynamic
# loader's own statistics (LD_DEBUG=statistics), and a perf profile over 20 runs grouped by library. The floor beside
# them: an empty Swift program that imports Foundation (dynamic, as handover links it, and with -static-stdlib), and
# `git --version`.
# Usage: Benchmarks/startup.sh [HANDOVER_BINARY]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
source "$root/Benchmarks/lib.sh"
handover="${1:-$root/.build/release/handover}"
work="$(mktemp -d "${TMPDIR:-/tmp}/handover-startbench.XXXXXX")"
trap 'rm -rf "$work"' EXIT
a=$(printf 'a%.0s' $(seq 40)); b=$(printf 'b%.0s' $(seq 40))
python3 "$root/Benchmarks/make-diff-snapshots.py" "$root/snapshots/example-acme.json" "$work" "$a" "$b" >/dev/null
mkdir -p "$work/s"; cp "$work/new.json" "$work/s/20261201T000000Z-bbbb.json"
args=(--snapshots-dir "$work/s" --manifest "$work/none.yml")
"$handover" lookup api.d042.test "${args[@]}" >/dev/null  # writes the index
sleep 0.1; "$handover" lookup api.d042.test "${args[@]}" >/dev/null

# by_library NAME CMD… — 20 perf profiles of CMD, the share of samples per library (top 6), averaged.
by_library() {
  local name="$1"; shift
  for i in $(seq 20); do perf record -q -e cpu-clock -F 20000 -o "$work/p.$i" "$@" >/dev/null 2>&1 || true; done
  for i in $(seq 20); do perf report -q -i "$work/p.$i" --sort dso 2>/dev/null | grep '%' || true; done |
    awk -v n="$name" '{gsub("%","",$1); s[$2]+=$1} END {for (k in s) printf "%.1f %s\n", s[k]/20, k}' | sort -rn | head -6 |
    awk -v n="$name" 'BEGIN {printf "  %s, share of CPU samples by library:", n} {printf " %s %s%%;", $2, $1} END {print ""}'
}

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for what in version lookup; do
  if [ "$what" = version ]; then cmd=("$handover" --version); else cmd=("$handover" lookup api.d042.test "${args[@]}"); fi
  read -r wall cpu < <(bench_median 20 "${cmd[@]}")
  faults=$(perf stat -x, -e page-faults "${cmd[@]}" 2>&1 >/dev/null | awk -F, '/page-faults/ {print $1}')
  peak=$(/usr/bin/time -f '%M' "${cmd[@]}" 2>&1 >/dev/null | tail -1)
  loader=$(LD_DEBUG=statistics "${cmd[@]}" 2>&1 >/dev/null | awk '/total startup time in dynamic loader/ {t=$(NF-1)} /time needed for relocation/ {r=$(NF-2)} /number of relocations:/ {n=$NF} /relative relocations/ {rr=$NF} END {printf "%.1f M cycles in the dynamic loader (%.1f M relocating), %s symbol and %s relative relocations", t/1e6, r/1e6, n, rr}')
  echo "handover ${cmd[*]:1:2}: median ${wall} ms wall, ${cpu} ms CPU over 20 runs, ${faults} page faults, peak RSS ${peak} KiB; ${loader}"
  by_library "$what" "${cmd[@]}"
  if [ "$what" = version ]; then version_cpu="$cpu"; version_peak="$peak"; fi
done
echo "libraries loaded at start: $(ldd "$handover" | grep -c '=>')"
read -r gwall gcpu < <(bench_median 20 git --version)
echo "git --version: median ${gwall} ms wall, ${gcpu} ms CPU"
if command -v swiftc >/dev/null; then
  printf 'import Foundation\nprint(Date().timeIntervalSince1970 > 0)\n' > "$work/empty.swift"
  swiftc -O "$work/empty.swift" -o "$work/empty" 2>/dev/null && swiftc -O -static-stdlib "$work/empty.swift" -o "$work/empty-static" 2>/dev/null
  read -r ewall ecpu < <(bench_median 20 "$work/empty")
  read -r swall scpu < <(bench_median 20 "$work/empty-static")
  echo "an empty Swift program importing Foundation: ${ecpu} ms CPU linked dynamically ($(ldd "$work/empty" | grep -c '=>') libraries), ${scpu} ms CPU with -static-stdlib ($(du -m "$work/empty-static" | cut -f1) MB)"
fi
bench_row "process start, --version (median CPU ms)" "${version_cpu%.*}" "$version_peak" "git --version" "${gcpu%.*}"
