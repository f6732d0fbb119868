#!/usr/bin/env python3
"""Makes the diff golden fixtures (old.json / new.json per case) from snapshots/example-acme.json.
Run from the repository root: python3 Tests/HandoverCoreTests/Fixtures/diff/make-fixtures.py
Then record the expected outputs: HANDOVER_UPDATE_GOLDEN=1 swift test --filter DiffGoldenTests"""
import copy, json, os

here = os.path.dirname(os.path.abspath(__file__))
base = json.load(open(os.path.join(here, "../../../../snapshots/example-acme.json")))
base["createdAt"] = "2026-11-28T10:00:00Z"
# Certificates valid before the snapshot that saw them: trust is judged from the chain at `createdAt`.
for h in base["tls"]["data"]["hosts"]:
    for c in h["chain"]:
        c["notBefore"] = "2026-10-29T10:35:58Z"


def later(s):
    s = copy.deepcopy(s)
    s["createdAt"] = "2026-11-29T10:00:00Z"
    s["durationMs"] += 1234  # durations are never a change
    return s


def host(s, section, name, key="host"):
    return next(h for h in s[section]["data"]["hosts"] if h[key] == name)


def dns_host(s, name):
    return next(h for h in s["dns"]["data"]["domains"][0]["hosts"] if h["name"] == name)


def endpoint(s, url):
    return next(e for e in s["http"]["data"]["endpoints"] if e["url"] == url)


def write(case, old, new):
    os.makedirs(os.path.join(here, case), exist_ok=True)
    for name, doc in (("old", old), ("new", new)):
        with open(os.path.join(here, case, name + ".json"), "w") as f:
            json.dump(doc, f, sort_keys=True, indent=2, ensure_ascii=False)
            f.write("\n")


# 1. One story: api moved to a new address → its certificate no longer matches → its health check fails.
#    Around it, unrelated changes: DMARC strengthened, an env name added, a release tag, the deploy moved.
old = copy.deepcopy(base)
new = later(base)
api = dns_host(new, "api.acme.example")
api["a"] = {"authenticated": False, "chain": [], "outcome": "answer",
            "records": [{"name": "api.acme.example", "ttl": 300, "type": "A", "value": "203.0.113.50"}]}
tls = host(new, "tls", "api.acme.example")
tls["verdict"].update({"trusted": False, "hostnameMismatch": True, "daysLeft": 88})
# The host moved to a server with another site's certificate: the mismatch is a fact of the chain, not only of the verdict.
tls["chain"][0].update({"subject": "CN=shop.example", "subjectAlternativeNames": ["shop.example"],
                        "serial": "3a:07:5e:91:0c:d2:44:18:7b:e3:29:90:5f:1d:c6:02:8e:44:b1:7d",
                        "sha256": "5d0c3b7e1f2a9c8d4e6b0a1f3c5e7d9b2a4c6e8f0b1d3f5a7c9e1b3d5f7a9c0e"})
health = endpoint(new, "https://api.acme.example/healthz")
health.update({"status": 503, "statuses": [503], "p50Ms": 4, "p95Ms": 9, "maxMs": 12})
for h in new["tls"]["data"]["hosts"]:
    h["verdict"]["daysLeft"] -= 1  # time passing is never a change
email = new["email"]["data"]["domains"][0]["dmarc"]
email["text"] = "v=DMARC1; p=reject; rua=mailto:dmarc@acme.example"
email["record"]["policy"] = "reject"
email["record"]["tags"] = [dict(t, value="reject") if t["name"] == "p" else t for t in email["record"]["tags"]]
prod = new["env"]["data"]["environments"][0]
prod["variables"].append({"definitions": [{"file": ".env.production", "line": 9, "shape": "looks-fine"}], "name": "REDIS_URL"})
prod["variables"].sort(key=lambda v: v["name"])
git = new["git"]["data"]
git["head"]["commit"] = {"author": "Sam Lee", "date": "2026-11-28T12:00:00Z",
                         "sha": "1111111111111111111111111111111111111111", "subject": "Ship <b>pricing</b> | *now*"}
git["releaseTags"].insert(0, dict(git["releaseTags"][0], name="v1.2.0", commit="1111111111111111111111111111111111111111"))
new["dns"]["data"]["domains"][0]["hosts"].reverse()  # order is never a change
secrets = new["secrets"]["data"]  # the new commit holds a key; the incremental scan's bookkeeping is never a change
secrets.update({"scan": "incremental", "commitsScanned": 1, "blobsScanned": 2,
                "scannedTips": sorted(secrets["scannedTips"][1:] + ["1111111111111111111111111111111111111111"])})
secrets["findings"].append({"atHead": True, "author": "Sam Lee", "commit": "1111111111111111111111111111111111111111",
                            "date": "2026-11-28T12:00:00Z", "fingerprint": "stripe-secret-key:src/pay.ts:1111111111111111111111111111111111111111",
                            "line": 3, "path": "src/pay.ts", "redacted": "sk_live_****", "rule": "stripe-secret-key"})
for finding in new["audit"]["data"]["findings"]:  # the DMARC waiver was extended
    if finding.get("acceptance"):
        finding["acceptance"]["until"] = "2027-02-28"
write("story", old, new)

# 2. A section failed in NEW: DNS is not compared and none of its records come out as removed.
new = later(base)
new["dns"] = {"status": "failed", "reason": "not finished within collect.deadline (30s)"}
new["http"] = {"status": "skipped", "reason": "not requested (--only git,env,dns,email,tls)"}
new["owners"]["data"] = [o for o in new["owners"]["data"] if o["asset"] != "hosting"]
write("failed-section", copy.deepcopy(base), new)

# 3. Certificates: acme.example renewed late by the same organisation, www replaced by another issuer;
#    a TTL-only change; www no longer redirects to the apex; HSTS dropped.
new = later(base)
renewed = host(new, "tls", "acme.example")["chain"][0]
renewed.update({"serial": "0a:0b:0c", "notBefore": "2027-02-10T00:00:00Z", "notAfter": "2027-05-11T00:00:00Z"})
new["createdAt"] = "2027-02-11T10:00:00Z"  # seen the day after the renewal
replaced = host(new, "tls", "www.acme.example")["chain"][0]
replaced.update({"serial": "99:88", "issuerOrganization": "Let's Encrypt", "issuer": "CN=R11,O=Let's Encrypt,C=US"})
apex = dns_host(new, "acme.example")
for r in apex["a"]["records"]:
    r["ttl"] = 60
www = next(h for h in new["http"]["data"]["hosts"] if h["host"] == "www.acme.example")
www["http"]["hops"] = www["http"]["hops"][:2]
www["http"]["hops"][1].update({"status": 200, "location": None})
www["http"]["finalURL"] = "https://www.acme.example/"
headers = new["http"]["data"]["securityHeaders"][0]
headers["hsts"] = None
write("certificates", copy.deepcopy(base), new)
