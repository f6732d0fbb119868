#!/usr/bin/env python3
"""Gather the evidence for labelling env findings, and propose a label (a human confirms it).

    Benchmarks/precision/env-evidence.py CLONE REFERENCE VAR... > evidence.tsv

For each variable it prints: the proposed label (true/false), a one-line reason, and the evidence it rests on:
how the reference file presents the line (commented out, an OPTIONAL marker above or in its section header), the
env schema entry (zod `VAR: z....optional()/.default()` in t3-env / createEnv style), and the read sites at HEAD
(`git grep -w VAR` over code), split into production reads and reads in tests, e2e, scripts, fixtures, docs,
storybooks and examples, with whether a production read gives a default (`?? d`, `|| d`, `getenv(X, d)`,
`ENV.fetch(X, d)`) or names an alternative (`process.env.A || process.env.B`).

Never prints a value: reference lines are reduced to the name and whether a value is present.

Rule (in order): not a production read and not implicitly read by a framework -> false (unread / test-only);
marked optional in the reference or in the schema, or every production read has a default -> false (optional);
an alternative of another variable -> false (alternative); otherwise -> true (the production app needs it).
"""
import re
import subprocess
import sys

NONPROD = re.compile(r"(^|/)(tests?|__tests__|e2e|spec|specs|fixtures?|__mocks__|mocks?|scripts?|docs?|examples?|"
                     r"stories|storybook|\.storybook|playwright|cypress|seed|seeds|benchmarks?|\.github|"
                     r"app-tests|test-utils|testing)(/|$)|\.(test|spec|stories|e2e)\.[a-z]+$|"
                     r"(vitest|jest|playwright)\.config|\.mdx?$|(^|/)README")
CODE = re.compile(r"\.(ts|tsx|js|jsx|mjs|cjs|py|rb|go|prisma|vue|svelte|astro|erb|rs)$")
# read implicitly by a framework or tool when set (next-auth, Prisma `env("...")` is grepped anyway)
IMPLICIT = {"NEXTAUTH_SECRET": "read by next-auth implicitly", "AUTH_SECRET": "read by Auth.js implicitly",
            "NEXTAUTH_URL": "read by next-auth implicitly"}


def git(clone, *args):
    return subprocess.run(["git", "-C", clone] + list(args), capture_output=True, text=True).stdout


def reference_info(clone, ref, var):
    try:
        lines = open(f"{clone}/{ref}", errors="replace").read().splitlines()
    except OSError:
        return "no reference file", False
    for i, l in enumerate(lines):
        m = re.match(r"\s*(#\s*)?(export\s+)?" + re.escape(var) + r"\s*=(.*)", l)
        if not m:
            continue
        commented = bool(m.group(1))
        above = []
        j = i - 1
        while j >= 0 and lines[j].strip().startswith("#") and len(above) < 4:
            above.append(lines[j]); j -= 1
        header = ""
        for k in range(i - 1, -1, -1):
            s = lines[k].strip()
            if re.match(r"#\s*(\[\[|=+|-+|#+|[A-Z][A-Z /&()-]{3,}$)", s) and re.search(r"[A-Za-z]", s):
                header = s; break
        text = " ".join(above + [header])
        inline = (m.group(3) or "").split("#", 1)[1] if "#" in (m.group(3) or "") else ""
        opt = bool(re.search(r"optional|not required|if you want|uncomment|can be left|leave (it )?empty|"
                             r"only (needed|required) (if|when|for)|if you (use|need|enable)", text + " " + inline,
                             re.I))
        val = (m.group(3) or "").split("#")[0].strip().strip("\"'")
        desc = ("commented-out" if commented else "set") + (", value present" if val else ", empty") + \
               (", marked optional" if opt else "")
        return desc, (commented or opt)
    return "not in reference", False


def reads(clone, var):
    out = git(clone, "grep", "-n", "-w", "-I", "-e", var, "HEAD", "--", ".", ":!*.md", ":!*.env*", ":!*.lock",
              ":!*lock.json", ":!*lock.yaml")
    prod, other = [], []
    for l in out.splitlines():
        _, path, line, text = (l.split(":", 3) + ["", "", ""])[:4]
        if not CODE.search(path):
            continue
        (other if NONPROD.search(path) else prod).append((path, line, text))
    return prod, other


_files = {}


def schema_entry(clone, path, line):
    """The text of a zod schema entry, which may run over several lines, up to the next KEY:."""
    if (clone, path) not in _files:
        _files[(clone, path)] = git(clone, "show", "HEAD:" + path).splitlines()
    lines = _files[(clone, path)]
    i = int(line) - 1
    out = [lines[i]] if i < len(lines) else []
    for l in lines[i + 1:i + 12]:
        if re.match(r"\s*[A-Z][A-Z0-9_]*\s*:", l) or re.match(r"\s*\},?\s*$", l) and len(l) - len(l.lstrip()) < \
                len(out[0]) - len(out[0].lstrip()):
            break
        out.append(l)
    return " ".join(out)


def judge(clone, var, ref_desc, ref_optional, prod, other):
    schema = [(p, n, schema_entry(clone, p, n)) for p, n, t in prod
              if re.search(r"\b" + re.escape(var) + r"\s*:\s*z\b", t)]
    opt_helper = re.compile(r":\s*[zZ]\w*Optional\w*|:\s*z(Auth|IdToken)\w+")
    schema = [(p, n, t + (" .optional()" if opt_helper.search(t) else "")) for p, n, t in schema]
    schema_opt = any(re.search(r"\.(optional|default|prefault|nullish)\(", r[2]) for r in schema)
    schema_req = any(not re.search(r"\.(optional|default|prefault|nullish)\(", r[2]) for r in schema)
    dflt = re.compile(re.escape(var) + r"\b['\"\]]?\)?\s*(\?\?|\|\|)|getenv\(\s*['\"]" + re.escape(var) +
                      r"['\"]\s*,|fetch\(\s*['\"]" + re.escape(var) + r"['\"]\s*,|get\(\s*['\"]" + re.escape(var) +
                      r"['\"]\s*,|\.(optional|default|prefault|nullish)\(")
    alt = re.compile(r"env(\.[A-Z0-9_]+|\(\s*['\"][A-Z0-9_]+['\"]\s*\)|\[['\"][A-Z0-9_]+['\"]\])\s*(\|\||\?\?)\s*"
                     r"(process\.)?env(\.|\(|\[)")
    v = re.escape(var)
    # a guarded read: the code checks whether it is set, compares it with a flag value, or branches on it
    guard = re.compile(r"if\s*\(\s*!?\s*[\w.]*(env\.|env\(\s*['\"]|env\[['\"]|getenv\(['\"])" + v +
                       r"|" + v + r"\b['\"\])]*\s*(===?|!==?)\s*['\"]|" + v + r"\b['\"\])]*\s*\?[^?.]|" + v +
                       r"\b['\"\])]*\s*\?\.")
    plain = [r for r in prod if not re.search(r"\b" + re.escape(var) + r"\s*:\s*z\b", r[2])]
    where = ", ".join("%s:%s" % (p, n) for p, n, _ in prod[:2])
    if not prod:
        if var in IMPLICIT:
            return "true", IMPLICIT[var]
        if other:
            return "false", "read only in tests/scripts/docs (%s)" % other[0][0]
        return "false", "not read by any code at HEAD (stale or tooling-only entry)"
    if schema_opt and not schema_req:
        return "false", "optional in the env schema (%s:%s)" % (schema[0][0], schema[0][1])
    if ref_optional and not schema_req:
        return "false", "marked optional in the reference file (%s)" % ref_desc
    if plain and all(dflt.search(r[2]) for r in plain) and not schema_req:
        return "false", "every production read gives a default (%s)" % where
    guarded = [r for r in plain if guard.search(r[2]) and "throw" not in r[2]]
    if guarded and not schema_req:
        return "false", "optional: production code checks whether it is set (%s:%s)" % guarded[0][:2]
    if plain and any(alt.search(r[2]) for r in plain) and not schema_req:
        return "false", "alternative of another variable (%s)" % where
    if schema_req:
        return "true", "required in the env schema (%s:%s)" % (schema[0][0], schema[0][1])
    return "true", "read in production code without a default (%s)" % where


def main():
    clone, ref, vars_ = sys.argv[1], sys.argv[2], sys.argv[3:]
    for var in vars_:
        ref_desc, ref_opt = reference_info(clone, ref, var)
        prod, other = reads(clone, var)
        label, reason = judge(clone, var, ref_desc, ref_opt, prod, other)
        print("\t".join([var, label, reason, ref_desc, str(len(prod)), str(len(other))]))


if __name__ == "__main__":
    main()
