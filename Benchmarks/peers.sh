#!/usr/bin/env bash
# Benchmark against the tools a founder would reach for: `checkdmarc` (email authentication) and `sslyze --certinfo`
# (certificates), both from PyPI, on the same 20 domains (apex/www/app/api). Both resolve through the system resolver
# on standard ports, so everything runs inside a network namespace of its own (`ip netns`, root) whose resolv.conf
# points at a knot on 127.0.0.1:53, with an nginx on 127.0.0.1:443 serving certificates from a test CA.
# Usage: Benchmarks/peers.sh [HANDOVER_BINARY]   (pip install checkdmarc sslyze; needs root for the namespace)
# sslyze 6.3 breaks with cryptography ≥ 44 (ImportError: x509): install it in a venv with "cryptography<44" and
# point SSLYZE at that venv's sslyze.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
source "$root/Benchmarks/lib.sh"
handover="$(realpath "${1:-$root/.build/release/handover}")"
sslyze="${SSLYZE:-sslyze}"  # SSLYZE=/venv/bin/sslyze when the default environment's cryptography is too new for it
have() { command -v "$1" >/dev/null || { echo "  $1 not installed (pip install $1): its comparison is skipped"; return 1; }; }
ns="hbench$$"
work="$(mktemp -d "${TMPDIR:-/tmp}/handover-peers.XXXXXX")"
chmod 755 "$work"
cleanup() {
  exec 2>/dev/null
  for pid in $(ip netns pids "$ns"); do kill -9 "$pid" || true; done
  ip netns del "$ns" || true
  rm -rf "/etc/netns/$ns" "$work"
}
trap cleanup EXIT
ip netns add "$ns"
ip netns exec "$ns" ip link set lo up
mkdir -p "/etc/netns/$ns" "$work/zones" "$work/repo" "$work/tmp"
echo "nameserver 127.0.0.1" > "/etc/netns/$ns/resolv.conf"
in_ns() { ip netns exec "$ns" "$@"; }

domains=(); hosts=(); sans=""
for i in $(seq -w 0 19); do domains+=("d$i.test"); for h in "" www. app. api.; do hosts+=("${h}d$i.test"); sans+="DNS:${h}d$i.test,"; done; done
bench_knot_conf "$work" "127.0.0.1@53"
printf 'project: Peers bench\ncollect: {timeout: 2s, deadline: 120s, ca_file: %s}\ndomains:\n' "$work/ca.pem" > "$work/repo/handover.yml"
for d in "${domains[@]}"; do
  bench_zone "$work" "$d" "$(cat <<ZONE
@ IN A 127.0.0.1
www IN A 127.0.0.1
app IN A 127.0.0.1
api IN A 127.0.0.1
@ IN MX 10 mail.$d.
mail IN A 127.0.0.1
@ IN TXT "v=spf1 ip4:192.0.2.0/24 include:_spf.$d -all"
_spf IN TXT "v=spf1 a mx -all"
_dmarc IN TXT "v=DMARC1; p=reject; rua=mailto:dmarc@$d"
@ IN CAA 0 issue "letsencrypt.org"
ZONE
)"
  printf '  - {name: %s, hosts: [www, app, api]}\n' "$d" >> "$work/repo/handover.yml"
done
in_ns /usr/sbin/knotd -c "$work/knot.conf" >/dev/null 2>&1 &
bench_knot_wait "$work" "${#domains[@]}"

bench_certs "$work" "$sans"
bench_nginx_conf "$work" "    server { listen 127.0.0.1:443 ssl; ssl_certificate $work/leaf.pem; ssl_certificate_key $work/leaf.key; location / { return 200 \"ok\\n\"; } }"
in_ns /usr/sbin/nginx -p "$work" -c "$work/nginx.conf" >/dev/null 2>&1 &
for _ in $(seq 100); do in_ns bash -c 'exec 3<>/dev/tcp/127.0.0.1/443' 2>/dev/null && break; sleep 0.05; done
git -C "$work/repo" init -q
measure() { local t0 t1; t0=$(date +%s%N); "$@" > "$work/out" 2>"$work/err" || true; t1=$(date +%s%N); ms "$t0" "$t1"; }

echo "${#domains[@]} domains (apex/www/app/api, ${#hosts[@]} hosts) in a network namespace: knot on :53 as the system resolver, nginx on :443"
a=$(measure in_ns "$handover" snapshot --manifest "$work/repo/handover.yml" --only dns,email --format json)
checks=$(python3 -c "import json; d=json.load(open('$work/out'))['email']['data']['domains']; print(len(d), 'domains,', sum(1 for x in d if x['spf']['status']=='pass' and x['dmarc']['status']=='pass'), 'with SPF and DMARC passing')" 2>/dev/null || echo "?")
theirs="skipped"
if have checkdmarc; then b=$(measure in_ns checkdmarc --skip-tls -f json "${domains[@]}"); else b="-"; fi
[ "$b" = - ] || theirs=$(python3 -c "
import json; d=json.load(open('$work/out')); d = d if isinstance(d, list) else [d]
print(len(d), 'domains,', sum(1 for x in d if x.get('spf',{}).get('valid') and x.get('dmarc',{}).get('valid')), 'with SPF and DMARC valid')" 2>/dev/null || echo "? ($(head -c 200 "$work/err"))")
echo "  email: handover snapshot --only dns,email (the whole DNS map too): ${a} ms — ${checks}"
echo "         checkdmarc --skip-tls: ${b} ms — ${theirs}"
bench_row "email checks, ${#domains[@]} domains (with the DNS map)" "$a" - "checkdmarc --skip-tls" "$b"
a=$(measure in_ns "$handover" snapshot --manifest "$work/repo/handover.yml" --only dns,tls --format json)
ours=$(python3 -c "import json; h=json.load(open('$work/out'))['tls']['data']['hosts']; print(len(h), 'hosts,', sum(1 for x in h if x.get('verdict',{}).get('trusted')), 'trusted')" 2>/dev/null || echo "?")
targets=(); for h in "${hosts[@]}"; do targets+=("$h:443"); done
theirs="skipped"
if have "$sslyze"; then b=$(measure in_ns "$sslyze" --certinfo --certinfo_ca_file "$work/ca.pem" --json_out "$work/sslyze.json" "${targets[@]}"); else b="-"; fi
[ "$b" = - ] || theirs=$(python3 -c "
import json; r=json.load(open('$work/sslyze.json'))['server_scan_results']
print(len(r), 'hosts,', sum(1 for x in r if x.get('scan_status')=='COMPLETED'), 'completed')" 2>/dev/null || echo "? ($(tail -c 300 "$work/err"))")
echo "  certificates: handover snapshot --only dns,tls: ${a} ms — ${ours}"
echo "                sslyze --certinfo: ${b} ms — ${theirs}"
bench_row "certificates, ${#hosts[@]} hosts (with the DNS map)" "$a" - "sslyze --certinfo" "$b"
