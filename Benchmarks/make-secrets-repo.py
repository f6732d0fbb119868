#!/usr/bin/env python3
"""Writes a git fast-import stream for the secrets benchmark: FILES source files in the first commit, then one
file edited per commit up to COMMITS commits, with credential shapes planted at known commits (some removed later)
and an env file committed then deleted. Deterministic: the same arguments give the same repository.
Usage: make-secrets-repo.py COMMITS FILES | git fast-import"""
import random, sys

commits = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
files = int(sys.argv[2]) if len(sys.argv) > 2 else 5_000
rng = random.Random(7)
out = sys.stdout.buffer
words = "user order cart price total item account session token route handler config cache queue retry".split()


def line(i):
    a, b, c = rng.choice(words), rng.choice(words), rng.choice(words)
    return f"export function {a}_{b}_{i}(input) {{ return input.{c} ?? {rng.randint(0, 9999)}; }}"


def key(kind, n):
    # Assembled here so this file holds no credential shape itself.
    alnum = "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789") for _ in range(40))
    return {"stripe": "sk" + "_live_" + alnum[:30], "github": "ghp" + "_" + alnum[:36], "aws": "AK" + "IA" + alnum[:16].upper(),
            "slack": "xo" + "xb-" + str(100000000000 + n) + "-" + alnum[:24], "db": "postgres://app:" + alnum[:14] + "@db.internal/app"}[kind]


paths = [f"src/{['api', 'web', 'lib', 'jobs', 'db'][i % 5]}/module{i}.ts" for i in range(files)]
contents = {p: [line(i * 40 + j) for j in range(40)] for i, p in enumerate(paths)}
plants = {commits * k // 24: ["stripe", "github", "aws", "slack", "db"][k % 5] for k in range(1, 21)}
removals = {c + 500: c for c in list(plants)[::2]}  # every other planted key is removed again 500 commits later
planted_at = {}
when = 1_700_000_000


def emit(n, changed, deleted=()):
    message = f"Commit {n}\n".encode()
    out.write(b"commit refs/heads/main\n" + f"mark :{n}\n".encode())
    out.write(f"author Jo Doe <jo@acme.example> {when + n * 60} +0000\n".encode())
    out.write(f"committer Jo Doe <jo@acme.example> {when + n * 60} +0000\n".encode())
    out.write(f"data {len(message)}\n".encode() + message)
    if n > 1:
        out.write(f"from :{n - 1}\n".encode())
    for p in deleted:
        out.write(f"D {p}\n".encode())
    for p, text in changed:
        data = text.encode()
        out.write(f"M 644 inline {p}\n".encode() + f"data {len(data)}\n".encode() + data + b"\n")
    out.write(b"\n")


emit(1, [(p, "\n".join(contents[p]) + "\n") for p in paths])
for n in range(2, commits + 1):
    p = paths[rng.randrange(files)]
    deleted = []
    if n in plants:
        contents[p][rng.randrange(40)] = f'const credential = "{key(plants[n], n)}";'
        planted_at[n] = p
    elif n in removals:
        p = planted_at[removals[n]]
        contents[p] = [l for l in contents[p] if "credential" not in l]
    elif n == 100:
        emit(n, [(".env", "DATABASE_URL=postgres://app:" + "Zq8Wm3Xk2Lp9@db/app\nSESSION_SECRET=" + "x" * 32 + "\n")])
        continue
    elif n == 300:
        emit(n, [], deleted=[".env"])
        continue
    else:
        contents[p][rng.randrange(40)] = line(n)
    emit(n, [(p, "\n".join(contents[p]) + "\n")], deleted)
