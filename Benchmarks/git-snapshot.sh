#!/usr/bin/env bash
# Benchmark: `handover snapshot --only git,env` on a repository with 100,000 commits and 500 annotated tags (loose
# refs, as git fast-import leaves them), against `git describe --tags; git tag -l; git status --porcelain` on the same
# repository: medians of the wall time and of the CPU time (perf stat task-clock, all threads) over RUNS runs each.
# Then the parts, measured inside one process by Benchmarks/git-parts.c against libgit2 itself. Then, when a mirror of
# a real repository is there (DESCRIBE_MIRROR, default /work/.mirror/formbricks+formbricks/repo: merges, HEAD one
# commit past its last tag), `handover snapshot --only git` against `git describe --tags; git tag -l` on it.
# The same snapshot with the installed form of the binary when HANDOVER_INSTALLED names it, as scripts/bench does.
# Usage: [HANDOVER_INSTALLED=BINARY] Benchmarks/git-snapshot.sh [HANDOVER_BINARY] [RUNS]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
source "$root/Benchmarks/lib.sh"
handover="${1:-$root/.build/release/handover}"
runs="${2:-15}"
work="$(mktemp -d "${TMPDIR:-/tmp}/handover-bench.XXXXXX")"
trap "rm -rf \"$work\"" EXIT
repo="$work/repo"
git init -q -b main "$repo"
python3 "$root/Benchmarks/make-history.py" 100000 500 annotated | git -C "$repo" fast-import --quiet
git -C "$repo" checkout -q -f main
printf 'DATABASE_URL=\nSTRIPE_SECRET_KEY=\n' > "$repo/.env.example"
printf 'DATABASE_URL=postgres://u:p@db/x\nSTRIPE_SECRET_KEY=sk_live_x\n' > "$repo/.env.production"
cat > "$repo/handover.yml" <<'YAML'
project: Bench
env: {reference: .env.example}
environments:
  production: {env_files: [.env.production], release_tags: "v*"}
YAML
echo "repo: $(git -C "$repo" rev-list --count HEAD) commits, $(git -C "$repo" for-each-ref refs/tags --format='%(objecttype)' | grep -c '^tag$') annotated tags (loose refs)"

"$handover" snapshot --manifest "$repo/handover.yml" --only git,env --snapshots-dir "$work/snaps"  # shows the summary once
read -r ours_ms ours_cpu < <(bench_median "$runs" "$handover" snapshot --manifest "$repo/handover.yml" --only git,env --snapshots-dir "$work/snaps")
read -r git_ms git_cpu < <(bench_median "$runs" sh -c "git -C '$repo' describe --tags; git -C '$repo' tag -l; git -C '$repo' status --porcelain")
read -r version_ms version_cpu < <(bench_median "$runs" "$handover" --version)
peak_kb=$(/usr/bin/time -f '%M' "$handover" snapshot --manifest "$repo/handover.yml" --only git,env --snapshots-dir "$work/snaps" 2>&1 >/dev/null | tail -1)
echo "load average before the runs: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "handover snapshot --only git,env: median ${ours_ms} ms wall, ${ours_cpu} ms CPU over ${runs} runs, peak RSS ${peak_kb} KiB"
echo "git describe --tags; git tag -l; git status --porcelain: median ${git_ms} ms wall, ${git_cpu} ms CPU over ${runs} runs"
echo "handover --version (process start alone): median ${version_ms} ms wall, ${version_cpu} ms CPU"
bench_row "git + env snapshot, 100,000 commits, 500 annotated tags (median)" "$ours_ms" "$peak_kb" "git describe + tag -l + status" "$git_ms"
awk -v a="$ours_ms" -v b="$git_ms" -v c="$ours_cpu" -v d="$git_cpu" 'BEGIN { if (b > 0 && d > 0) printf "ratio handover / git CLI: %.2f wall, %.2f CPU\n", a / b, c / d }'
if [ -n "${HANDOVER_INSTALLED:-}" ] && [ "$HANDOVER_INSTALLED" != none ]; then
  # The binary `make install` installs (static Swift runtime): what a user runs; its own snapshots folder.
  "$HANDOVER_INSTALLED" snapshot --manifest "$repo/handover.yml" --only git,env --snapshots-dir "$work/snaps-installed" >/dev/null
  read -r inst_ms inst_cpu < <(bench_median "$runs" "$HANDOVER_INSTALLED" snapshot --manifest "$repo/handover.yml" --only git,env --snapshots-dir "$work/snaps-installed")
  echo "the installed form: median ${inst_ms} ms wall, ${inst_cpu} ms CPU over ${runs} runs"
  bench_row "git + env snapshot, installed binary (median)" "$inst_ms" - "git describe + tag -l + status" "$git_ms"
fi
if command -v cc >/dev/null && pkg-config --exists libgit2; then
  cc -O2 -o "$work/git-parts" "$root/Benchmarks/git-parts.c" $(pkg-config --cflags --libs libgit2)
  echo "the same work in C with libgit2, one process (CPU ms, median of 5): $("$work/git-parts" "$repo" 5)"
fi
mirror="${DESCRIBE_MIRROR:-/work/.mirror/formbricks+formbricks/repo}"
if [ -d "$mirror" ]; then
  printf 'project: Real\nrepository: %s\nenvironments:\n  production: {release_tags: "*"}\n' "$mirror" > "$work/real.yml"
  "$handover" snapshot --manifest "$work/real.yml" --only git --snapshots-dir "$work/real-snaps" >/dev/null 2>&1
  described=$(python3 -c "import json,glob; d=json.load(open(sorted(glob.glob('$work/real-snaps/*.json'))[-1]))['git']['data'].get('describe') or {}; print(f\"{d.get('tag')}-{d.get('distance')}\")")
  read -r real_ms real_cpu < <(bench_median "$runs" "$handover" snapshot --manifest "$work/real.yml" --only git --snapshots-dir "$work/real-snaps")
  read -r real_git_ms real_git_cpu < <(bench_median "$runs" sh -c "git -C '$mirror' describe --tags; git -C '$mirror' tag -l")
  echo "real repository $(basename "$(dirname "$mirror")"): $(git -C "$mirror" rev-list --count HEAD) commits, $(git -C "$mirror" tag | wc -l) tags, HEAD $(git -C "$mirror" describe --tags --long | sed 's/-g[0-9a-f]*$//') (handover: $described)"
  echo "  handover snapshot --only git: median ${real_ms} ms wall, ${real_cpu} ms CPU; git describe --tags + tag -l: ${real_git_ms} ms wall, ${real_git_cpu} ms CPU (${runs} runs each)"
fi
