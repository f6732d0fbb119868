#!/usr/bin/env bash
# Benchmark: `handover snapshot --only tls` over 200 hosts (50 domains × apex/www/app/api, all mapped to one local
# nginx with connect_to) against a shell loop of `openssl s_client` doing the same handshakes; then the same
# snapshot with one host that accepts and never answers, against the configured timeout.
# (HTTP redirects and health are not built yet, so this measures TLS only.)
# Usage: Benchmarks/tls-snapshot.sh [HANDOVER_BINARY]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
source "$root/Benchmarks/lib.sh"
handover="${1:-$root/.build/release/handover}"
work="$(mktemp -d "${TMPDIR:-/tmp}/handover-tlsbench.XXXXXX")"
pids=()
cleanup() { exec 2>/dev/null; for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
port=$((20000 + RANDOM % 20000))
mkdir -p "$work/tmp" "$work/repo"
sans=""; hosts=()
for i in $(seq -w 0 49); do
  for h in "" www. app. api.; do hosts+=("${h}d$i.test"); sans+="DNS:${h}d$i.test,"; done
done
bench_certs "$work" "$sans"
bench_nginx_conf "$work" "    server { listen 127.0.0.1:$port ssl; ssl_certificate $work/leaf.pem; ssl_certificate_key $work/leaf.key;
             ssl_protocols TLSv1.2 TLSv1.3; location / { return 200 \"ok\\n\"; } }"
/usr/sbin/nginx -p "$work" -c "$work/nginx.conf" >/dev/null 2>&1 & pids+=($!)
for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.05; done
manifest="$work/repo/handover.yml"
{
  printf 'project: TLS bench\ndomains:\n'
  for i in $(seq -w 0 49); do printf '  - {name: d%s.test}\n' "$i"; done
  printf 'collect:\n  timeout: 2s\n  ca_file: %s\n  connect_to:\n' "$work/ca.pem"
  for h in "${hosts[@]}"; do printf '    "%s": "127.0.0.1:%s"\n' "$h" "$port"; done
} > "$manifest"
git -C "$work/repo" init -q
t0=$(date +%s%N); "$handover" snapshot --manifest "$manifest" --only tls --snapshots-dir "$work/s" >/dev/null; t1=$(date +%s%N)
ours=$(ms "$t0" "$t1")
peak=$(/usr/bin/time -f '%M' "$handover" snapshot --manifest "$manifest" --only tls --snapshots-dir "$work/s" 2>&1 >/dev/null | tail -1)
t0=$(date +%s%N)
for h in "${hosts[@]}"; do
  openssl s_client -connect "127.0.0.1:$port" -servername "$h" -CAfile "$work/ca.pem" -verify_hostname "$h" </dev/null >/dev/null 2>&1 || true
done
t1=$(date +%s%N)
loop=$(ms "$t0" "$t1")
echo "200 hosts, TLS only, local nginx:"
echo "  handover snapshot --only tls: ${ours} ms, peak RSS ${peak} KiB"
echo "  openssl s_client loop: ${loop} ms"
bench_row "TLS, 200 hosts" "$ours" "$peak" "openssl s_client loop" "$loop"
awk -v a="$ours" -v b="$loop" 'BEGIN { printf "  ratio loop / handover: %.1f\n", b / a }'
# One host that accepts and never answers.
python3 - "$manifest" <<'PY' &
import socket, sys, time
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(64)
open(sys.argv[1] + ".silent", "w").write(str(s.getsockname()[1]))
time.sleep(120)
PY
pids+=($!)
for _ in $(seq 100); do [ -s "$manifest.silent" ] && break; sleep 0.05; done
silent=$(cat "$manifest.silent")
sed -i "s/\"app.d07.test\": \"127.0.0.1:$port\"/\"app.d07.test\": \"127.0.0.1:$silent\"/" "$manifest"
t0=$(date +%s%N); "$handover" snapshot --manifest "$manifest" --only tls --snapshots-dir "$work/s" >/dev/null; t1=$(date +%s%N)
echo "  with app.d07.test accepting and never answering (timeout 2 s): $(ms "$t0" "$t1") ms"
