#!/usr/bin/env bash
# Benchmark: a full `handover snapshot` (every section: DNS, email, TLS, HTTP, registration, git, env, secrets, owners,
# monitoring) of 125 domains (dNNN.bench.test: one registrable domain, one RDAP question) × apex/www/app/api = 500
# hosts, on loopback: a local knot serves the zones (the resolver), one nginx serves TLS and HTTP for every name
# (connect_to) plus a canned RDAP answer, one health endpoint per domain sampled 3 times, and a small repository
# (2,000 commits) with an env file. Wall time, CPU time and peak memory of the
# whole run, median of RUNS runs (the goal of issue 19: at most 3 s and 150 MB).
# Usage: Benchmarks/full-snapshot.sh [HANDOVER_BINARY] [RUNS]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
source "$root/Benchmarks/lib.sh"
handover="${1:-$root/.build/release/handover}"
runs="${2:-3}"
work="$(mktemp -d "${TMPDIR:-/tmp}/handover-fullbench.XXXXXX")"
pids=()
cleanup() { exec 2>/dev/null; for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
dns_port=$((20000 + RANDOM % 20000)); tls_port=$((dns_port + 1)); http_port=$((dns_port + 2))
mkdir -p "$work/repo" "$work/tmp"
domains="${FULL_DOMAINS:-125}"  # 125 × 4 hosts = 500
bench_knot_conf "$work" "127.0.0.1@$dns_port"
sans="DNS:rdap.bench.test,"; hosts=()
for i in $(seq -w 0 $((domains - 1))); do
  d="d$i.bench.test"
  for h in "" www. app. api.; do hosts+=("$h$d"); sans+="DNS:$h$d,"; done
  bench_zone "$work" "$d" "$(bench_app_records "$d" 127.0.0.1 127.0.0.1 127.0.0.1 127.0.0.1)"
done
/usr/sbin/knotd -c "$work/knot.conf" >/dev/null 2>&1 & pids+=($!)
# One certificate per domain (its four names), served by SNI, as 125 real sites would have; FULL_ONE_CERT=1 serves
# every name with one certificate of 501 names instead (this scenario's setup before session 19: each handshake then
# carried and parsed a 15 KB certificate, on both sides).
if [ "${FULL_ONE_CERT:-0}" = 1 ]; then bench_certs "$work" "$sans"; else bench_certs "$work" "DNS:rdap.bench.test"; fi
sites=""
if [ "${FULL_ONE_CERT:-0}" != 1 ]; then
  for i in $(seq -w 0 $((domains - 1))); do
    d="d$i.bench.test"
    bench_domain_cert "$work" "$d"
    sites+="
    server { listen 127.0.0.1:$tls_port ssl; server_name $d www.$d app.$d api.$d;
             ssl_certificate $work/certs/$d.pem; ssl_certificate_key $work/leaf.key; ssl_protocols TLSv1.2 TLSv1.3;
             location = /healthz { default_type application/json; return 200 '{\"ok\":true}'; }
             location / { return 200 \"ok\\n\"; } }"
  done
fi
rdap='{"objectClassName":"domain","ldhName":"bench.test","status":["active"],"events":[{"eventAction":"expiration","eventDate":"2030-01-01T00:00:00Z"}],"entities":[{"objectClassName":"entity","roles":["registrar"],"vcardArray":["vcard",[["fn",{},"text","Bench Registrar"]]]}]}'
bench_nginx_conf "$work" "    server { listen 127.0.0.1:$http_port; location / { return 301 https://\$host\$request_uri; } }
    server { listen 127.0.0.1:$tls_port ssl default_server; ssl_certificate $work/leaf.pem; ssl_certificate_key $work/leaf.key;
             ssl_protocols TLSv1.2 TLSv1.3;
             location /domain/ { default_type application/rdap+json; return 200 '$rdap'; }
             location = /healthz { default_type application/json; return 200 '{\"ok\":true}'; }
             location / { return 200 \"ok\\n\"; } }$sites"
/usr/sbin/nginx -p "$work" -c "$work/nginx.conf" >/dev/null 2>&1 & pids+=($!)
bench_knot_wait "$work" "$domains"
for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$tls_port") 2>/dev/null && break; sleep 0.05; done

repo="$work/repo"
git init -q -b main "$repo"
python3 "$root/Benchmarks/make-history.py" 2000 20 | git -C "$repo" fast-import --quiet
git -C "$repo" checkout -q -f main
printf 'DATABASE_URL=\nSTRIPE_SECRET_KEY=\n' > "$repo/.env.example"
{
  printf 'project: Full bench\nenv: {reference: .env.example}\n'
  printf 'owners:\n  - {asset: dns, owner: Ana}\n  - {asset: hosting, owner: Ben}\n'
  printf 'domains:\n'
  for i in $(seq -w 0 $((domains - 1))); do
    printf '  - {name: d%s.bench.test, dkim_selectors: [s1], health: ["https://api.d%s.bench.test/healthz"], rdap: "https://rdap.bench.test/"}\n' "$i" "$i"
  done
  printf 'collect:\n  timeout: 2s\n  samples: 3\n  ca_file: %s\n  connect_to:\n' "$work/ca.pem"
  printf '    "rdap.bench.test:443": "127.0.0.1:%s"\n' "$tls_port"
  for h in "${hosts[@]}"; do
    printf '    "%s:443": "127.0.0.1:%s"\n    "%s:80": "127.0.0.1:%s"\n' "$h" "$tls_port" "$h" "$http_port"
  done
} > "$repo/handover.yml"
snap() { "$handover" snapshot --manifest "$repo/handover.yml" --snapshots-dir "$work/s" --resolver "127.0.0.1:$dns_port" "$@"; }
snap > "$work/first.txt" 2>&1 || true  # the first run scans the whole history for secrets; later runs go on from it
sed -n '1,16p' "$work/first.txt"
read -r wall cpu < <(bench_median "$runs" "$handover" snapshot --manifest "$repo/handover.yml" --snapshots-dir "$work/s" --resolver "127.0.0.1:$dns_port")
peak=$(/usr/bin/time -f '%M' "$handover" snapshot --manifest "$repo/handover.yml" --snapshots-dir "$work/s" --resolver "127.0.0.1:$dns_port" 2>&1 >/dev/null | tail -1)
summary=$(python3 -c "
import json,glob; s=json.load(open(sorted(glob.glob('$work/s/*.json'))[-1]))
hosts=s['tls']['data']['hosts']
print(', '.join(f'{k} {s[k][\"status\"]}' for k in ['dns','email','tls','http','registration','git','env','secrets']),
      '—', len(hosts), 'TLS hosts,', sum(1 for h in hosts if (h.get('verification') or {}).get('issuerTrusted')), 'issued by the trusted test CA,', len(s['tls']['data']['certificates']), 'certificates; registration outcomes', dict(__import__('collections').Counter(d['outcome'] for d in s['registration']['data']['domains'])),
      (s['registration']['data']['domains'] or [{}])[0].get('detail') or '')")
echo "load average before the runs: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "500 hosts on loopback, every section: median ${wall} ms wall, ${cpu} ms CPU over ${runs} runs, peak RSS ${peak} KiB"
echo "  ${summary}"
parts=""
for only in dns,email tls,http registration git,env,secrets; do
  parts+=" --only $only: $(/usr/bin/time -f '%M' "$handover" snapshot --manifest "$repo/handover.yml" --snapshots-dir "$work/s-$only" --resolver "127.0.0.1:$dns_port" --only "$only" 2>&1 >/dev/null | tail -1) KiB;"
done
echo "  peak RSS of the parts, each alone (an empty history):${parts}"
bench_row "full snapshot, 500 hosts on loopback (median)" "$wall" "$peak" "goal (issue 19)" 3000
