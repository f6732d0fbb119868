#!/usr/bin/env bash
# Benchmark: the secrets scan on a generated repository of 20,000 commits and 5,000 files (git fast-import, 20 keys
# planted, half removed again, an env file committed and deleted): the full-history scan, then the snapshot's
# incremental re-scan after 10 new commits, wall time and peak memory; and `detect-secrets scan` (PyPI) on the HEAD
# tree of the same repository beside `handover secrets` on HEAD. Then, when a mirror of a real repository is present
# (REAL_MIRROR, default /work/.mirror/documenso+documenso/repo; it may lack large blobs), the full-history scan of a
# clone of it beside `git rev-list --objects | git cat-file --batch | grep -E <the rules' anchors>` over the same blobs
# (wall and CPU time; the scan's peak memory should stay under 300 MB, issue 17).
# Usage: Benchmarks/secrets.sh [HANDOVER_BINARY]   (pip install detect-secrets for the comparison)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
source "$root/Benchmarks/lib.sh"
handover="$(realpath "${1:-$root/.build/release/handover}")"
commits="${COMMITS:-20000}" files="${FILES:-5000}"
work="$(mktemp -d "${TMPDIR:-/tmp}/handover-secretsbench.XXXXXX")"
trap 'rm -rf "$work"' EXIT
export GIT_AUTHOR_NAME="Jo Doe" GIT_AUTHOR_EMAIL="jo@acme.example" GIT_COMMITTER_NAME="Jo Doe" GIT_COMMITTER_EMAIL="jo@acme.example"
# Runs a command; prints "WALL_MS PEAK_KIB CPU_MS" (GNU time: the largest process's peak, user + system time of all)
# and leaves its stdout in $work/out. On a shared machine the CPU time is the steadier of the two times.
measure() {
    local t0 t1 peak
    t0=$(date +%s%N)
    peak=$(/usr/bin/time -f '%M %U %S' "$@" 2>&1 >"$work/out" | tail -1)
    t1=$(date +%s%N)
    read -r kib user sys <<<"$peak"
    echo "$(( (t1 - t0) / 1000000 )) $kib $(python3 -c "print(round(($user + $sys) * 1000))")"
}

git init -q -b main "$work/repo"
python3 "$root/Benchmarks/make-secrets-repo.py" "$commits" "$files" | git -C "$work/repo" fast-import --quiet
git -C "$work/repo" checkout -q main
echo "repository: $(git -C "$work/repo" rev-list --count main) commits, $(git -C "$work/repo" ls-files | wc -l) files at HEAD, $(git -C "$work/repo" count-objects -v | awk '/size-pack/ {print $2}') KiB packed"

read -r ms kib cpu < <(measure "$handover" secrets --history --format json --repository "$work/repo")
found=$(python3 -c "import json,collections; f=json.load(open('$work/out'))['findings']; print(len(f), dict(collections.Counter(x['rule'] for x in f)))")
echo "handover secrets --history (full scan):       ${ms} ms, peak RSS ${kib} KiB, findings: ${found}"
bench_row "secrets, full history ($commits commits, $files files)" "$ms" "$kib" - -

printf 'project: Bench\nrepository: repo\n' > "$work/handover.yml"
cd "$work"
read -r ms kib cpu < <(measure "$handover" snapshot --only secrets --format json)
first=$ms
echo "handover snapshot --only secrets (first, full): ${ms} ms, peak RSS ${kib} KiB, $(python3 -c "import json; d=json.load(open('$work/out'))['secrets']['data']; print(d['scan'], d['commitsScanned'], 'commits,', d['blobsScanned'], 'blobs,', len(d['findings']), 'findings')")"
i=0
for file in $(git -C repo ls-files 'src/*' | head -10); do
    i=$((i + 1))
    echo "// change $i" >> "repo/$file"
    git -C repo commit -qam "Change $i"
done
sleep 1  # snapshot names are per second
read -r ms kib cpu < <(measure "$handover" snapshot --only secrets --format json)
echo "handover snapshot --only secrets (+10 commits): ${ms} ms, peak RSS ${kib} KiB, $(python3 -c "import json; d=json.load(open('$work/out'))['secrets']['data']; print(d['scan'], d['commitsScanned'], 'commits,', d['blobsScanned'], 'blobs,', len(d['findings']), 'findings')")"
bench_row "secrets in a snapshot, +10 commits (incremental)" "$ms" "$kib" "the first, full scan" "$first"

read -r ms kib cpu < <(measure "$handover" secrets --format json --repository "$work/repo")
head_ms=$ms head_kib=$kib
echo "handover secrets (HEAD tree):                 ${ms} ms, peak RSS ${kib} KiB, $(python3 -c "import json; print(len(json.load(open('$work/out'))['findings']), 'findings')")"
if command -v detect-secrets >/dev/null; then
    cd "$work/repo"
    read -r ms kib cpu < <(measure detect-secrets scan)
    echo "detect-secrets $(detect-secrets --version) scan (HEAD tree):      ${ms} ms, peak RSS ${kib} KiB, $(python3 -c "import json; r=json.load(open('$work/out'))['results']; print(sum(len(v) for v in r.values()), 'findings in', len(r), 'files')")"
    bench_row "secrets, HEAD tree ($files files)" "$head_ms" "$head_kib" "detect-secrets scan" "$ms"
else
    echo "detect-secrets not installed (pip install detect-secrets): comparison skipped"
    bench_row "secrets, HEAD tree ($files files)" "$head_ms" "$head_kib" "detect-secrets (not installed)" -
fi

# The real repository: the history scan against reading every blob with git and grepping for the anchors.
mirror="${REAL_MIRROR:-/work/.mirror/documenso+documenso/repo}"
if [ ! -d "$mirror" ]; then
    echo "real repository: no mirror at $mirror (set REAL_MIRROR to a bare clone): scenario skipped"
    exit 0
fi
git clone -q --no-checkout "$mirror" "$work/real"
real_blobs=$(git -C "$work/real" rev-list --objects --branches --tags --missing=allow-any | cut -d' ' -f1 | git -C "$work/real" cat-file --batch-check | awk '$2=="blob"{n++; s+=$3} END {printf "%d blobs, %.0f MB", n, s/1e6}')
echo "real repository $(basename "$(dirname "$mirror")"): $(git -C "$work/real" rev-list --count --branches --tags) commits, $real_blobs"
anchors=$(python3 -c "
import re,sys
src=open('$root/Sources/HandoverCollect/Secrets/SecretRules.swift').read()
found=[]
for block in re.findall(r'anchors: \[([^\]]*)\]', src):
    found += re.findall(r'\"([^\"]+)\"', block)
print('|'.join(re.escape(a) for a in dict.fromkeys(found)))")
pipeline() {
    git -C "$work/real" rev-list --objects --branches --tags --missing=allow-any | cut -d' ' -f1 | git -C "$work/real" cat-file --batch | grep -c -a -E "$anchors" || true
}
export -f pipeline; export work anchors
read -r ms kib cpu < <(measure bash -c pipeline)
pipe_ms=$ms
echo "git rev-list | git cat-file --batch | grep -E (anchors): ${ms} ms (CPU ${cpu} ms), peak RSS ${kib} KiB (its largest process), $(cat "$work/out") matching lines"
read -r ms kib cpu < <(measure "$handover" secrets --history --format json --repository "$work/real")
found=$(python3 -c "
import json,collections; f=json.load(open('$work/out'))['findings']
print(len(f), 'findings', dict(collections.Counter((x['rule'], x.get('confidence','-')) for x in f)))")
echo "handover secrets --history (real repository):  ${ms} ms (CPU ${cpu} ms), peak RSS ${kib} KiB (goal: under 300 MB), ${found}"
bench_row "secrets, full history of a real repository" "$ms" "$kib" "git rev-list, cat-file --batch, grep -E" "$pipe_ms"
