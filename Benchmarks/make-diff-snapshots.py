#!/usr/bin/env python3
"""Writes two synthetic snapshots for the diff benchmark: 500 hosts (125 domains × 4) holding 10,000 DNS records,
2,000 env names over 4 environments, TLS and HTTP for every host; NEW changes 5 % of records, hosts and names.
Usage: make-diff-snapshots.py EXAMPLE.json OUT_DIR OLD_SHA NEW_SHA"""
import copy, json, random, sys

example, out, old_sha, new_sha = sys.argv[1:5]
base = json.load(open(example))
random.seed(7)
template_domain = base["dns"]["data"]["domains"][0]
template_host = template_domain["hosts"][0]
template_tls = base["tls"]["data"]["hosts"][0]
template_http = base["http"]["data"]["hosts"][0]


def record(name, rtype, value):
    return {"name": name, "ttl": 300, "type": rtype, "value": value}


def build():
    s = copy.deepcopy(base)
    domains, tls, http = [], [], []
    for d in range(125):
        domain = copy.deepcopy(template_domain)
        domain["name"] = f"d{d:03}.test"
        domain["hosts"] = []
        for label in ["@", "www", "app", "api"]:
            name = domain["name"] if label == "@" else f"{label}.{domain['name']}"
            host = copy.deepcopy(template_host)
            host["label"], host["name"] = label, name
            host["a"] = {"authenticated": False, "chain": [], "outcome": "answer",
                         "records": [record(name, "A", f"10.{d}.{i}.1") for i in range(2)]}
            host["txt"] = {"authenticated": False, "chain": [], "outcome": "answer",
                           "records": [record(name, "TXT", f"site-verification={d}-{label}-{i}") for i in range(18)]}
            domain["hosts"].append(host)
            t = copy.deepcopy(template_tls)
            t["host"] = name
            tls.append(t)
            h = copy.deepcopy(template_http)
            h["host"] = name
            http.append(h)
        domains.append(domain)
    s["dns"]["data"]["domains"] = domains
    s["tls"]["data"]["hosts"] = sorted(tls, key=lambda h: h["host"])
    s["http"]["data"]["hosts"] = sorted(http, key=lambda h: h["host"])
    template_env = s["env"]["data"]["environments"][0]
    envs = []
    for e in range(4):
        env = copy.deepcopy(template_env)
        env["name"] = f"env{e}"
        env["variables"] = [{"definitions": [{"file": ".env", "line": i + 1, "shape": "looks-fine"}], "name": f"VAR_{e}_{i:04}"}
                            for i in range(500)]
        envs.append(env)
    s["env"]["data"]["environments"] = envs
    return s


old = build()
old["git"]["data"]["head"]["commit"]["sha"] = old_sha
new = build()
new["git"]["data"]["head"]["commit"]["sha"] = new_sha
new["createdAt"] = "2026-12-01T00:00:00Z"
hosts = [h for d in new["dns"]["data"]["domains"] for h in d["hosts"]]
for host in random.sample(hosts, len(hosts) // 20):  # 5 % of hosts move
    host["a"]["records"][0]["value"] = "192.0.2.99"
for host in hosts:  # 5 % of TXT records change
    for r in host["txt"]["records"]:
        if random.random() < 0.05:
            r["value"] += "-rotated"
for env in new["env"]["data"]["environments"]:  # 5 % of names renamed
    for v in env["variables"]:
        if random.random() < 0.05:
            v["name"] += "_NEW"
    env["variables"].sort(key=lambda v: v["name"])
for name, doc in (("old", old), ("new", new)):
    json.dump(doc, open(f"{out}/{name}.json", "w"), sort_keys=True, indent=2)
records = sum(len(h["a"]["records"]) + len(h["txt"]["records"]) for d in old["dns"]["data"]["domains"] for h in d["hosts"])
print(f"{records} DNS records, {len(hosts)} hosts, {sum(len(e['variables']) for e in old['env']['data']['environments'])} env names")
