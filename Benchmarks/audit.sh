#!/usr/bin/env bash
# Benchmark: `handover audit` of a synthetic snapshot (500 hosts, 2,000 env names; from make-diff-snapshots.py) with
# its predecessor stored beside it (carrying its own stored audit), so new / open / resolved are computed.
# Usage: Benchmarks/audit.sh [HANDOVER_BINARY]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
source "$root/Benchmarks/lib.sh"
handover="${1:-$root/.build/release/handover}"
work="$(mktemp -d "${TMPDIR:-/tmp}/handover-auditbench.XXXXXX")"
trap 'rm -rf "$work"' EXIT
a=$(printf 'a%.0s' $(seq 40)); b=$(printf 'b%.0s' $(seq 40))
python3 "$root/Benchmarks/make-diff-snapshots.py" "$root/snapshots/example-acme.json" "$work" "$a" "$b"
mkdir -p "$work/s"
# The predecessor had a dirty tree, which the new one resolves.
python3 -c "
import json, sys; d = json.load(open(sys.argv[1])); d['git']['data']['dirty']['modified'] = 3
json.dump(d, open(sys.argv[2], 'w'), sort_keys=True, indent=2)" "$work/old.json" "$work/s/20261130T000000Z-aaaa.json"
# The predecessor carries its stored audit, as `handover snapshot` would have written it.
"$handover" audit "$work/s/20261130T000000Z-aaaa.json" --format json --snapshots-dir "$work/empty" --manifest "$work/none.yml" > "$work/old-audit.json"
python3 - "$work" <<'PY'
import json, sys
w = sys.argv[1]
out = json.load(open(f"{w}/old-audit.json"))
snap = json.load(open(f"{w}/s/20261130T000000Z-aaaa.json"))
report = {k: out[k] for k in ("rulesVersion", "findings", "resolved", "notChecked")}
report["everResolved"] = []
snap["audit"] = {"status": "collected", "data": report}
json.dump(snap, open(f"{w}/s/20261130T000000Z-aaaa.json", "w"), sort_keys=True, indent=2)
# Make the new one differ in audit terms: some hosts lose HSTS, some endpoints fail.
new = json.load(open(f"{w}/new.json"))
new["http"]["data"]["securityHeaders"] = []
for e in new["http"]["data"]["endpoints"][:2]:
    e["status"], e["statuses"] = 503, [503]
json.dump(new, open(f"{w}/s/20261201T000000Z-bbbb.json", "w"), sort_keys=True, indent=2)
PY
cd "$work"
"$handover" audit latest --format json --snapshots-dir "$work/s" --manifest "$work/none.yml" > /dev/null  # warm-up
t0=$(date +%s%N)
"$handover" audit latest --format json --snapshots-dir "$work/s" --manifest "$work/none.yml" > audit.json
t1=$(date +%s%N)
peak=$(/usr/bin/time -f '%M' "$handover" audit latest --format json --snapshots-dir "$work/s" --manifest "$work/none.yml" 2>&1 >/dev/null | tail -1)
summary=$(python3 -c "
import json, collections; d=json.load(open('audit.json'))
print(len(d['findings']), 'findings', dict(collections.Counter(f['status'] for f in d['findings'])), len(d['resolved']), 'resolved')")
echo "handover audit of 500 hosts / 2,000 env names with its predecessor: $(ms "$t0" "$t1") ms, peak RSS ${peak} KiB — $summary"
bench_row "audit, 500 hosts / 2,000 env names" "$(ms "$t0" "$t1")" "$peak" - -
