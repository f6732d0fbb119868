#!/usr/bin/env bash
# Benchmark: blocking C calls on the shared pool (`BlockingWork`). ldns blocks a pool thread for the whole of a
# query, so the pool's size is the number of DNS questions in flight. `handover snapshot --only dns,email` for
# 100 domains × 4 hosts (the zones of dns-snapshot.sh) against a local knot; through a forwarder adding 50 ms of
# round trip; and through a forwarder that never answers the questions about 10 of the domains (dead nameservers:
# each of those questions costs timeout × retries = 2 × 2 s). Prints wall time and the most threads the process
# had at once (sampled every 20 ms from /proc).
# Usage: Benchmarks/blocking-pool.sh [HANDOVER_BINARY]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
source "$root/Benchmarks/lib.sh"
handover="${1:-$root/.build/release/handover}"
work="$(mktemp -d "${TMPDIR:-/tmp}/handover-poolbench.XXXXXX")"
pids=()
cleanup() { exec 2>/dev/null; for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
mkdir -p "$work/zones" "$work/repo"
port=$((20000 + RANDOM % 20000)); slow=$((port + 1)); dropping=$((port + 2))
bench_knot_conf "$work" "127.0.0.1@$port"
manifest="$work/repo/handover.yml"
printf 'project: Pool bench\ncollect: {timeout: 2s, retries: 2, deadline: 120s}\ndomains:\n' > "$manifest"
for i in $(seq -w 0 99); do
  d="d$i.test"; [ "$i" -lt 10 ] && d="dead$i.test"
  bench_zone "$work" "$d" "$(bench_app_records "$d" 192.0.2.1 192.0.2.2 192.0.2.3 192.0.2.25 2001:db8::1)"
  printf '  - {name: %s, hosts: [www, app, api], dkim_selectors: [s1]}\n' "$d" >> "$manifest"
done
/usr/sbin/knotd -c "$work/knot.conf" >/dev/null 2>&1 & pids+=($!)
bench_knot_wait "$work" 100
python3 "$root/Benchmarks/delay-forwarder.py" "$slow" "$port" 50 & pids+=($!)
python3 "$root/Benchmarks/drop-forwarder.py" "$dropping" "$port" dead & pids+=($!)
sleep 0.5
git -C "$work/repo" init -q

# run RESOLVER_PORT — "MS THREADS": wall time of one snapshot and the most threads it had at once.
run() {
  local t0 t1 pid most=0 n
  t0=$(date +%s%N)
  "$handover" snapshot --manifest "$manifest" --only dns,email --snapshots-dir "$work/snaps" --resolver "127.0.0.1:$1" >/dev/null &
  pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    n=$(awk '/^Threads:/ { print $2 }' "/proc/$pid/status" 2>/dev/null || echo 0)
    [ "${n:-0}" -gt "$most" ] && most=$n
    sleep 0.02
  done
  wait "$pid"; t1=$(date +%s%N)
  echo "$(ms "$t0" "$t1") $most"
}

questions=$(HANDOVER_TRACE_DNS=1 "$handover" snapshot --manifest "$manifest" --only dns,email --snapshots-dir "$work/snaps" \
  --resolver "127.0.0.1:$port" 2>&1 >/dev/null | wc -l)
read -r local_ms local_threads < <(run "$port")
read -r slow_ms slow_threads < <(run "$slow")
read -r dead_ms dead_threads < <(run "$dropping")
echo "100 domains × 4 hosts, $questions questions:"
echo "  local knot:                     ${local_ms} ms, at most ${local_threads} threads"
echo "  50 ms round trip:               ${slow_ms} ms, at most ${slow_threads} threads"
echo "  10 domains never answered:      ${dead_ms} ms, at most ${dead_threads} threads"
bench_row "DNS + email, 100 domains, local knot" "$local_ms" - - -
bench_row "DNS + email, 100 domains, 50 ms round trip" "$slow_ms" - - -
bench_row "DNS + email, 100 domains, 10 never answered (2 s × 2)" "$dead_ms" - - -
