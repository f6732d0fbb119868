#!/usr/bin/env bash
# Benchmark: `handover snapshot --only dns,email` for 100 domains × 4 hosts against a local knot, against the
# same questions asked one by one with kdig; then through a forwarder adding 50 ms of round trip, against the
# critical path (the longest chain of dependent queries × 50 ms).
# Usage: Benchmarks/dns-snapshot.sh [HANDOVER_BINARY]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
source "$root/Benchmarks/lib.sh"
handover="${1:-$root/.build/release/handover}"
work="$(mktemp -d "${TMPDIR:-/tmp}/handover-dnsbench.XXXXXX")"
pids=()
cleanup() { exec 2>/dev/null; for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
mkdir -p "$work/zones" "$work/repo"
port=$((20000 + RANDOM % 20000)); slow=$((port + 1))
bench_knot_conf "$work" "127.0.0.1@$port"
manifest="$work/repo/handover.yml"
printf 'project: DNS bench\ncollect: {timeout: 2s, deadline: 120s}\ndomains:\n' > "$manifest"
for i in $(seq -w 0 99); do
  d="d$i.test"
  bench_zone "$work" "$d" "$(bench_app_records "$d" 192.0.2.1 192.0.2.2 192.0.2.3 192.0.2.25 2001:db8::1)"
  printf '  - {name: %s, hosts: [www, app, api], dkim_selectors: [s1]}\n' "$d" >> "$manifest"
done
/usr/sbin/knotd -c "$work/knot.conf" >/dev/null 2>&1 & pids+=($!)
bench_knot_wait "$work" 100
git -C "$work/repo" init -q

snap() { "$handover" snapshot --manifest "$manifest" --only dns,email --snapshots-dir "$work/snaps" --resolver "127.0.0.1:$1" "${@:2}"; }

# The questions handover asks, for the kdig loop.
HANDOVER_TRACE_DNS=1 snap "$port" 2> "$work/questions" >/dev/null
queries=$(wc -l < "$work/questions")
t0=$(date +%s%N); snap "$port" >/dev/null; t1=$(date +%s%N)
ours=$(ms "$t0" "$t1")
peak=$(/usr/bin/time -f '%M' "$handover" snapshot --manifest "$manifest" --only dns,email --snapshots-dir "$work/snaps" --resolver "127.0.0.1:$port" 2>&1 >/dev/null | tail -1)
t0=$(date +%s%N)
while read -r name type; do kdig @127.0.0.1 -p "$port" +short +time=2 +retry=1 "$name" "$type" >/dev/null 2>&1 || true; done < "$work/questions"
t1=$(date +%s%N)
kdig_ms=$(ms "$t0" "$t1")
echo "100 domains × 4 hosts, $queries questions, local knot:"
echo "  handover snapshot --only dns,email: ${ours} ms, peak RSS ${peak} KiB"
echo "  the same questions one by one with kdig: ${kdig_ms} ms"
awk -v a="$ours" -v b="$kdig_ms" 'BEGIN { printf "  ratio kdig loop / handover: %.1f\n", b / a }'

python3 "$root/Benchmarks/delay-forwarder.py" "$slow" "$port" 50 & pids+=($!)
sleep 0.5
t0=$(date +%s%N); snap "$slow" >/dev/null; t1=$(date +%s%N)
delayed=$(ms "$t0" "$t1")
one_domain=$(mktemp); printf 'project: one\ncollect: {timeout: 2s}\ndomains:\n  - {name: d00.test, hosts: [www, app, api], dkim_selectors: [s1]}\n' > "$one_domain"
t0=$(date +%s%N); "$handover" snapshot --manifest "$one_domain" --only dns,email --snapshots-dir "$work/snaps1" --resolver "127.0.0.1:$slow" >/dev/null; t1=$(date +%s%N)
single=$(ms "$t0" "$t1")
echo "with 50 ms added round trip (delaying forwarder):"
echo "  100 domains: ${delayed} ms; one domain: ${single} ms"
echo "  critical path: 3 dependent queries (CAA climb api.dNN.test → dNN.test → test; SPF TXT → include TXT → a/mx) × 50 ms = 150 ms"
bench_row "DNS + email, 100 domains × 4 hosts" "$ours" "$peak" "kdig, one question at a time" "$kdig_ms"
bench_row "DNS + email, one domain, 50 ms round trip" "$single" - "critical path (3 × 50 ms)" 150
