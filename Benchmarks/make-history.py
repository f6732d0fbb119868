#!/usr/bin/env python3
"""Writes a git fast-import stream: N commits on main touching a few files, T release tags spread evenly
(every other one annotated, or every one with a third argument `annotated`), for benchmarking the git collector
against the git CLI."""
import sys

commits = int(sys.argv[1]) if len(sys.argv) > 1 else 50_000
tags = int(sys.argv[2]) if len(sys.argv) > 2 else 500
all_annotated = len(sys.argv) > 3 and sys.argv[3] == "annotated"
out = sys.stdout.buffer
step = max(1, commits // tags)
base = 1_700_000_000
tag_count = 0
for i in range(1, commits + 1):
    when = base + i * 60
    content = f"line {i}\n".encode()
    message = f"Commit {i}\n".encode()
    out.write(b"commit refs/heads/main\n")
    out.write(f"mark :{i}\n".encode())
    out.write(f"author Jo Doe <jo@acme.example> {when} +0000\n".encode())
    out.write(f"committer Jo Doe <jo@acme.example> {when} +0000\n".encode())
    out.write(f"data {len(message)}\n".encode() + message)
    if i > 1:
        out.write(f"from :{i - 1}\n".encode())
    out.write(f"M 644 inline src/file{i % 50}.txt\n".encode())
    out.write(f"data {len(content)}\n".encode() + content)
    out.write(b"\n")
    if i % step == 0 and tag_count < tags:
        tag_count += 1
        name = f"v{tag_count // 100}.{(tag_count // 10) % 10}.{tag_count % 10}"
        if all_annotated or tag_count % 2 == 0:
            msg = f"Release {name}\n".encode()
            out.write(f"tag {name}\nfrom :{i}\ntagger Jo Doe <jo@acme.example> {when} +0000\n".encode())
            out.write(f"data {len(msg)}\n".encode() + msg + b"\n")
        else:
            out.write(f"reset refs/tags/{name}\nfrom :{i}\n\n".encode())
