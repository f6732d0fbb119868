#!/usr/bin/env bash
# Benchmark: `handover snapshot --only owners` beside 30 stored snapshots of 500 hosts / 2,000 env names each (from
# make-diff-snapshots.py), none of which was ever good, each carrying its stored audit: what one scheduled run
# costs once the history has grown. The baseline, in the same run: decoding one of those snapshots
# (`handover show --format json`). A run that read its whole history would cost about 30 of those.
# Usage: Benchmarks/history.sh [HANDOVER_BINARY]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
source "$root/Benchmarks/lib.sh"
handover="${1:-$root/.build/release/handover}"
work="$(mktemp -d "${TMPDIR:-/tmp}/handover-historybench.XXXXXX")"
trap 'rm -rf "$work"' EXIT
a=$(printf 'a%.0s' $(seq 40)); b=$(printf 'b%.0s' $(seq 40))
python3 "$root/Benchmarks/make-diff-snapshots.py" "$root/snapshots/example-acme.json" "$work" "$a" "$b"
printf 'project: Acme\n' > "$work/handover.yml"
mkdir -p "$work/s" "$work/empty"
# Its stored audit, as `handover snapshot` would have written it (bad: endpoints failing; no known good before it).
"$handover" audit "$work/new.json" --format json --snapshots-dir "$work/empty" --manifest "$work/handover.yml" > "$work/audit.json" || true
python3 - "$work" <<'PY'
import json, sys
w = sys.argv[1]
snap = json.load(open(f"{w}/new.json"))
for e in snap["http"]["data"]["endpoints"][:2]:
    e["status"], e["statuses"] = 503, [503]
out = json.load(open(f"{w}/audit.json"))
report = {k: out[k] for k in ("rulesVersion", "findings", "resolved", "notChecked")}
report["everResolved"] = []
report["findings"].append({"id": "http.endpoint-failing", "severity": "high", "subject": "url:https://example.test/",
    "title": "t", "impact": "i", "evidence": ["503"], "remediation": "r", "reference": "x", "status": "new",
    "fingerprint": "http.endpoint-failing|url:https://example.test/"})
snap["audit"] = {"status": "collected", "data": report}
text = json.dumps(snap, sort_keys=True, indent=2)
for day in range(30):
    open(f"{w}/s/202610{day + 1:02}T000000Z-h{day:03}.json", "w").write(text)
PY
size=$(du -m "$work/s/20261001T000000Z-h000.json" | cut -f1)
cd "$work"
run() { "$handover" "$@" --snapshots-dir "$work/s" --manifest "$work/handover.yml" > /dev/null; }
run show latest --format json  # warm-up
t0=$(date +%s%N); run show latest --format json; t1=$(date +%s%N)
times=()
for i in 1 2 3; do
    s0=$(date +%s%N); run snapshot --only owners; s1=$(date +%s%N)
    times+=("$(ms "$s0" "$s1")")
    rm -rf "$work"/s/2026112* "$work"/s/2026113* "$work"/s/202612* "$work/s/.lookup"  # back to the 30 of October
done
median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 2p)
ls "$work/s" | grep -c json | grep -qx 30 || { echo "history.sh: expected 30 stored snapshots" >&2; exit 1; }
peak=$(/usr/bin/time -f '%M' "$handover" snapshot --only owners --snapshots-dir "$work/s" --manifest "$work/handover.yml" 2>&1 >/dev/null | tail -1)
echo "30 stored snapshots of ${size} MB, never good: handover snapshot --only owners median ${median} ms of 3 (${times[*]}), peak RSS ${peak} KiB"
echo "baseline, decoding one of them (handover show latest --format json): $(ms "$t0" "$t1") ms"
bench_row "snapshot beside 30 stored 6 MB snapshots (median)" "$median" "$peak" "decoding one of them" "$(ms "$t0" "$t1")"
