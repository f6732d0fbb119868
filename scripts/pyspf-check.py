#!/usr/bin/env python3
"""Reference SPF results from pyspf for the test suite: reads {"port": N, "cases": [[ip, domain, sender], ...]}
on stdin, resolves through the test knot on 127.0.0.1:port, prints [result, ...] as JSON."""
import json
import sys

import dns.resolver
import spf

request = json.load(sys.stdin)
resolver = dns.resolver.Resolver(configure=False)
resolver.nameservers = ["127.0.0.1"]
resolver.port = request["port"]
resolver.lifetime = 3.0
resolver.timeout = 1.0
dns.resolver.default_resolver = resolver

results = []
for ip, domain, sender in request["cases"]:
    # check_host(ip, domain, sender): the evaluated domain may differ from the sender's (%{d} vs %{o}).
    query = spf.query(i=ip, s=sender, h=domain, querytime=5)
    query.d = domain
    result, _code, _explanation = query.check()
    results.append(result)
print(json.dumps(results))
