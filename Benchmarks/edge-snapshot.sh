#!/usr/bin/env bash
# Benchmark: `handover snapshot --only tls,http` over 200 hosts (50 domains × apex/www/app/api) on one local nginx,
# every name mapped with connect_to: a TLS handshake per host, http:// and https:// redirect chains per host
# (http → https, 2 hops), and one health endpoint per domain sampled 5 times. Against a shell loop doing the same
# with `openssl s_client` and `curl`. Then the same snapshot 50 ms of round trip away (delaying forwarders), against
# its critical path; and with one host that accepts and never answers.
# Usage: Benchmarks/edge-snapshot.sh [HANDOVER_BINARY]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
source "$root/Benchmarks/lib.sh"
handover="${1:-$root/.build/release/handover}"
work="$(mktemp -d "${TMPDIR:-/tmp}/handover-edgebench.XXXXXX")"
pids=()
cleanup() { exec 2>/dev/null; for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
tls_port=$((20000 + RANDOM % 20000)); http_port=$((tls_port + 1))
mkdir -p "$work/tmp" "$work/repo"
sans=""; hosts=()
for i in $(seq -w 0 49); do
  for h in "" www. app. api.; do hosts+=("${h}d$i.test"); sans+="DNS:${h}d$i.test,"; done
done
bench_certs "$work" "$sans"
bench_nginx_conf "$work" "    server { listen 127.0.0.1:$http_port; location / { return 301 https://\$host\$request_uri; } }
    server { listen 127.0.0.1:$tls_port ssl; ssl_certificate $work/leaf.pem; ssl_certificate_key $work/leaf.key;
             ssl_protocols TLSv1.2 TLSv1.3;
             location = /healthz { default_type application/json; return 200 '{\"ok\":true}'; }
             location / { return 200 \"ok\\n\"; } }"
/usr/sbin/nginx -p "$work" -c "$work/nginx.conf" >/dev/null 2>&1 & pids+=($!)
for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$tls_port") 2>/dev/null && break; sleep 0.05; done
manifest="$work/repo/handover.yml"
{
  printf 'project: Edge bench\ndomains:\n'
  for i in $(seq -w 0 49); do printf '  - {name: d%s.test, health: ["https://api.d%s.test/healthz"]}\n' "$i" "$i"; done
  printf 'collect:\n  timeout: 2s\n  samples: 5\n  ca_file: %s\n  connect_to:\n' "$work/ca.pem"
  for h in "${hosts[@]}"; do
    printf '    "%s:443": "127.0.0.1:%s"\n    "%s:80": "127.0.0.1:%s"\n' "$h" "$tls_port" "$h" "$http_port"
  done
} > "$manifest"
git -C "$work/repo" init -q
run() { "$handover" snapshot --manifest "$manifest" --only tls,http --snapshots-dir "$work/s" >/dev/null; }
run  # warm-up
t0=$(date +%s%N); run; t1=$(date +%s%N)
ours=$(ms "$t0" "$t1")
peak=$(/usr/bin/time -f '%M' "$handover" snapshot --manifest "$manifest" --only tls,http --snapshots-dir "$work/s" 2>&1 >/dev/null | tail -1)
requests=$(python3 -c "
import json,glob; d=json.load(open(sorted(glob.glob('$work/s/*.json'))[-1]))['http']['data']
print(sum(len(h['http']['hops'])+len(h['https']['hops']) for h in d['hosts']) + sum(e['attempts'] for e in d['endpoints']))")
t0=$(date +%s%N)
for h in "${hosts[@]}"; do
  openssl s_client -connect "127.0.0.1:$tls_port" -servername "$h" -CAfile "$work/ca.pem" -verify_hostname "$h" </dev/null >/dev/null 2>&1 || true
  for scheme in http https; do
    curl -s -k -L --max-redirs 10 -o /dev/null --connect-to "$h:443:127.0.0.1:$tls_port" --connect-to "$h:80:127.0.0.1:$http_port" \
      -w '%{http_code} %{num_redirects}\n' "$scheme://$h/" >/dev/null || true
  done
done
for i in $(seq -w 0 49); do
  for _ in 1 2 3 4 5; do
    curl -s -k -o /dev/null --connect-to "api.d$i.test:443:127.0.0.1:$tls_port" -w '%{time_total}\n' "https://api.d$i.test/healthz" >/dev/null || true
  done
done
t1=$(date +%s%N)
loop=$(ms "$t0" "$t1")
echo "200 hosts on a local nginx: TLS handshake + http:// and https:// redirect chains per host, 50 health endpoints × 5 samples"
echo "  handover snapshot --only tls,http: ${ours} ms, peak RSS ${peak} KiB, ${requests} HTTP requests recorded"
echo "  openssl s_client + curl loop: ${loop} ms"
awk -v a="$ours" -v b="$loop" 'BEGIN { printf "  ratio loop / handover: %.1f\n", b / a }'
# The same snapshot 50 ms of round trip away: delaying forwarders (this kernel has no netem) in front of both ports.
# Dependent round trips of the longest chain: http:// hop (connect, request) → https:// hop (connect, TLS 1.3
# handshake, request) = 5, the health samples on one connection (connect, TLS, 5 requests) = 7 → 7 × 50 ms.
slow_tls=$((tls_port + 2)); slow_http=$((tls_port + 3))
python3 "$root/Benchmarks/delay-forwarder.py" "$slow_tls" "$tls_port" 50 & pids+=($!)
python3 "$root/Benchmarks/delay-forwarder.py" "$slow_http" "$http_port" 50 & pids+=($!)
for port in "$slow_tls" "$slow_http"; do
  for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.05; done
done
sed "s/127.0.0.1:$tls_port\"/127.0.0.1:$slow_tls\"/; s/127.0.0.1:$http_port\"/127.0.0.1:$slow_http\"/" "$manifest" > "$work/repo/slow.yml"
{ printf 'project: Edge bench\ndomains:\n  - {name: d00.test, health: ["https://api.d00.test/healthz"]}\n'
  sed -n '/^collect:/,$p' "$work/repo/slow.yml"; } > "$work/repo/one.yml"
t0=$(date +%s%N); "$handover" snapshot --manifest "$work/repo/slow.yml" --only tls,http --snapshots-dir "$work/s2" >/dev/null; t1=$(date +%s%N)
t2=$(date +%s%N); "$handover" snapshot --manifest "$work/repo/one.yml" --only tls,http --snapshots-dir "$work/s3" >/dev/null; t3=$(date +%s%N)
echo "with 50 ms added round trip (delaying forwarders on both ports):"
echo "  200 hosts: $(ms "$t0" "$t1") ms; one domain (4 hosts, 1 health endpoint × 5): $(ms "$t2" "$t3") ms"
one=$(ms "$t2" "$t3")
echo "  critical path: 7 dependent round trips (connect, TLS, 5 samples on one connection) × 50 ms = 350 ms"
bench_row "TLS + HTTP, 200 hosts" "$ours" "$peak" "openssl s_client + curl loop" "$loop"
bench_row "TLS + HTTP, one domain, 50 ms round trip" "$one" - "critical path (7 × 50 ms)" 350
python3 - "$manifest" <<'PY' &
import socket, sys, time
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(64)
open(sys.argv[1] + ".silent", "w").write(str(s.getsockname()[1]))
time.sleep(120)
PY
pids+=($!)
for _ in $(seq 100); do [ -s "$manifest.silent" ] && break; sleep 0.05; done
silent=$(cat "$manifest.silent")
sed -i "s/\"app.d07.test:443\": \"127.0.0.1:$tls_port\"/\"app.d07.test:443\": \"127.0.0.1:$silent\"/; s/\"app.d07.test:80\": \"127.0.0.1:$http_port\"/\"app.d07.test:80\": \"127.0.0.1:$silent\"/" "$manifest"
t0=$(date +%s%N); run; t1=$(date +%s%N)
echo "at local latency again, with app.d07.test accepting and never answering (timeout 2 s): $(ms "$t0" "$t1") ms"
