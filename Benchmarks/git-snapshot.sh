#!/usr/bin/env bash
# Benchmark: `handover snapshot --only git,env` on a repository with 50,000 commits and 500 tags, against
# `git describe --tags; git tag -l; git status --porcelain` on the same repository.
# Usage: Benchmarks/git-snapshot.sh [HANDOVER_BINARY] [RUNS]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
source "$root/Benchmarks/lib.sh"
handover="${1:-$root/.build/release/handover}"
runs="${2:-10}"
work="$(mktemp -d "${TMPDIR:-/tmp}/handover-bench.XXXXXX")"
trap "rm -rf \"$work\"" EXIT
repo="$work/repo"
git init -q -b main "$repo"
python3 "$root/Benchmarks/make-history.py" 50000 500 | git -C "$repo" fast-import --quiet
git -C "$repo" checkout -q -f main
printf 'DATABASE_URL=\nSTRIPE_SECRET_KEY=\n' > "$repo/.env.example"
printf 'DATABASE_URL=postgres://u:p@db/x\nSTRIPE_SECRET_KEY=sk_live_x\n' > "$repo/.env.production"
cat > "$repo/handover.yml" <<'YAML'
project: Bench
env: {reference: .env.example}
environments:
  production: {env_files: [.env.production], release_tags: "v*"}
YAML
echo "repo: $(git -C "$repo" rev-list --count HEAD) commits, $(git -C "$repo" tag | wc -l) tags"

measure() {  # prints the median wall time in ms of RUNS runs of "$@"
  local times=()
  for _ in $(seq "$runs"); do
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}
git_cli() { git -C "$repo" describe --tags >/dev/null; git -C "$repo" tag -l >/dev/null; git -C "$repo" status --porcelain >/dev/null; }
ours() { "$handover" snapshot --manifest "$repo/handover.yml" --only git,env --snapshots-dir "$work/snaps"; }

ours_ms=$(measure ours)
git_ms=$(measure git_cli)
"$handover" snapshot --manifest "$repo/handover.yml" --only git,env --snapshots-dir "$work/snaps"  # shows the summary once
peak_kb=$(/usr/bin/time -f '%M' "$handover" snapshot --manifest "$repo/handover.yml" --only git,env --snapshots-dir "$work/snaps" 2>&1 >/dev/null | tail -1)
echo "handover snapshot --only git,env: median ${ours_ms} ms over ${runs} runs, peak RSS ${peak_kb} KiB"
echo "git describe --tags; git tag -l; git status --porcelain: median ${git_ms} ms over ${runs} runs"
bench_row "git + env snapshot, 50,000 commits (median)" "$ours_ms" "$peak_kb" "git describe + tag -l + status" "$git_ms"
awk -v a="$ours_ms" -v b="$git_ms" 'BEGIN { if (b > 0) printf "ratio handover / git CLI: %.2f\n", a / b }'
