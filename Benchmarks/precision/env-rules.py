#!/usr/bin/env python3
"""Measure candidate env-need rules on a side run of scripts/precision before building any (issue 17, session 14).

    python3 Benchmarks/precision/env-rules.py [--work /tmp/h-env-precision] [--run LABEL]

Reads WORK/runs/LABEL/NAME/audit.json (the env blocker and high findings), the snapshot beside it (what handover
recorded of each read: place, fallback, conditions, location) and the clone in WORK/NAME; joins each finding with
Benchmarks/precision/labels.tsv (check id and variable name) and prints, for each rule, how many highs it keeps, how
many of those are true, and how many true highs it would lower. Rules:

  evidence>=N  high only with positive evidence that production needs the name: a required entry of a validated env
               schema (createEnv / parse(process.env) without `skipValidation: true`), a check that throws
               (fallback kind `enforced`), a Prisma datasource, or unconditional production reads in >= N files
  half         high only when another name read in the same production files is needed too (labelled true)
  reach        how many production files import the reading files, two levels deep (a distribution, not a rule)

Never prints a value: names, labels and counts only.
"""
import argparse, collections, csv, glob, json, os, re, subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCHEMA_MARKERS = ["createEnv(", "parse(process.env", "parse(import.meta.env", "safeParse(process.env"]
SOURCE = re.compile(r"\.(ts|tsx|js|jsx|mjs|cjs)$")
NOT_PRODUCTION = re.compile(r"(^|/)(tests?|__tests__|e2e|scripts?|stories|docs?|examples?|fixtures?)/|\.(test|spec|stories)\.")
IMPORT = re.compile(r"""(?:from|import|require\()\s*['"]([^'"]+)['"]""")


def labels():
    out = collections.defaultdict(dict)
    with open(os.path.join(ROOT, "Benchmarks/precision/labels.tsv"), newline="") as f:
        for row in csv.reader(f, delimiter="\t"):
            if row and not row[0].startswith("#") and row[0] != "repo" and row[1].startswith("env."):
                out[row[0]][(row[1], row[2].rsplit("/", 1)[-1])] = row[5]
    return out


def production(reads):
    return [r for r in reads if r.get("place") in ("production", "unknown", None)]


def path_of(read):
    return read["location"].rpartition(":")[0]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--work", default="/tmp/h-env-precision")
    ap.add_argument("--run", default="side13-integ")
    args = ap.parse_args()
    known = labels()
    rows, reads_in_file = [], {}
    for d in sorted(glob.glob(f"{args.work}/runs/{args.run}/*/")):
        repo = os.path.basename(d.rstrip("/"))
        audit = json.load(open(d + "audit.json"))
        snapshot = json.load(open(sorted(glob.glob(d + "snapshots/*.json"))[-1]))
        refs = snapshot["env"]["data"].get("codeReferences", [])
        by_name = {r["name"]: r.get("reads", []) for r in refs}
        in_file = collections.defaultdict(set)
        for r in refs:
            for read in production(r.get("reads", [])):
                in_file[path_of(read)].add(r["name"])
        reads_in_file[repo] = in_file
        for f in audit["findings"] if isinstance(audit, dict) else audit:
            if f["severity"] not in ("blocker", "high") or not f["id"].startswith("env."):
                continue
            subject = f.get("subject", "")
            var = subject.rsplit("/", 1)[-1] if subject.startswith("env:") else subject
            rows.append(dict(repo=repo, check=f["id"], var=var, label=known[repo].get((f["id"], var), "?"),
                             reads=by_name.get(var, [])))

    schema_cache = {}

    def schema(repo, path):
        if (repo, path) not in schema_cache:
            full = os.path.join(args.work, repo, path)
            text = open(full, errors="replace").read() if os.path.exists(full) else ""
            if not any(m in text for m in SCHEMA_MARKERS):
                schema_cache[(repo, path)] = None
            else:
                schema_cache[(repo, path)] = "skip" if re.search(r"skipValidation\s*:\s*true", text) else "validated"
        return schema_cache[(repo, path)]

    def evidence(row, n):
        prod = production(row["reads"])
        files = {path_of(r) for r in prod}
        for r in prod:
            kind = (r.get("fallback") or {}).get("kind", "none")
            if kind == "enforced":
                return True
            if kind == "none" and not r.get("conditions"):
                if schema(row["repo"], path_of(r)) == "validated" or path_of(r).endswith(".prisma"):
                    return True
        return len(files) >= n or not prod

    def half(row):
        true = {r["var"] for r in rows if r["repo"] == row["repo"] and r["label"] == "true"} - {row["var"]}
        files = {path_of(r) for r in production(row["reads"])}
        group = set().union(*[reads_in_file[row["repo"]][f] for f in files]) - {row["var"]} if files else set()
        return bool(group & true)

    def line(name, keep):
        kept = [r for r in rows if keep(r)]
        true = sum(r["label"] == "true" for r in kept)
        lowered = sum(r["label"] == "true" and not keep(r) for r in rows)
        share = f"{round(100 * true / len(kept))} %" if kept else "-"
        print(f"| {name} | {len(kept)} | {true} | {share} | {lowered} |")

    unlabelled = sum(r["label"] not in ("true", "false") for r in rows)
    print(f"{len(rows)} env highs in {args.run}, {unlabelled} without a label")
    print("| rule | highs left | true | precision | true highs lowered |")
    print("|---|---:|---:|---:|---:|")
    line("today", lambda r: True)
    for n in (2, 3, 4):
        line(f"evidence>={n}", lambda r, n=n: evidence(r, n))
    line("half", half)

    # Reach: production files importing the reading files, two levels deep.
    def sources(repo):
        listed = subprocess.run(["git", "-C", os.path.join(args.work, repo), "ls-files"], capture_output=True,
                                text=True).stdout.split("\n")
        out = {}
        for f in listed:
            if SOURCE.search(f) and not NOT_PRODUCTION.search(f) and "node_modules" not in f:
                try:
                    out[f] = set(IMPORT.findall(open(os.path.join(args.work, repo, f), errors="replace").read()))
                except OSError:
                    pass
        return out

    def module_key(path):
        parts = SOURCE.sub("", path).split("/")
        if parts[-1] == "index":
            parts = parts[:-1]
        return "/".join(parts[-2:])

    specs = {repo: sources(repo) for repo in {r["repo"] for r in rows}}
    reach = collections.Counter()
    for r in rows:
        seen = frontier = {path_of(x) for x in production(r["reads"])}
        for _ in range(2):
            keys = {module_key(p) for p in frontier}
            found = {f for f, imports in specs[r["repo"]].items()
                     if any(i == k or i.endswith("/" + k) for i in imports for k in keys)}
            frontier = found - seen
            seen = seen | found
        bucket = len(seen) if len(seen) < 5 else ("5-200" if len(seen) <= 200 else ">200")
        reach[(r["label"], str(bucket))] += 1
    print("reach (label, files): " + ", ".join(f"{k[0]} {k[1]}: {v}" for k, v in sorted(reach.items())))


if __name__ == "__main__":
    main()
