/// The manifest from the foundation issue, verbatim: every key it shows is interface.
let fullManifestYAML = """
project: Acme
repository: .
env:
  reference: .env.example
environments:
  production:
    production: true
    env_files: [.env.production, fly.toml]
    branch: main
    release_tags: "v*"
    version: {url: "https://api.acme.example/version", json_key: commit}
  staging:
    env_files: [.env.staging, docker-compose.yml]
rollback:
  command: "fly deploy --image registry.fly.io/acme:{{tag}}"
owners:
  - asset: dns
    owner: Jo Doe
    contact: jo@acme.example
    access: "DNS provider account ops@acme.example"
    reviewed: 2026-11-01
monitoring:
  - name: Uptime
    url: https://status.acme.example/
    kind: uptime
    interval: 1m
    alerts_to: "#ops"
    covers: ["https://acme.example/", "https://api.acme.example/healthz"]
critical:
  - {name: Home, kind: home, url: "https://acme.example/"}
  - {name: API health, kind: api, url: "https://api.acme.example/healthz"}
  - {name: Login, kind: auth, url: "https://app.acme.example/login"}
  - {name: Stripe webhook, kind: webhook, url: "https://api.acme.example/webhooks/stripe"}
domains:
  - name: acme.example
    hosts: [www, app, api]
    canonical: acme.example
    dkim_selectors: [s1]
    expect:
      "@": {A: ["76.76.21.21"]}
      api: {CNAME: acme.fly.dev}
    redirects:
      - {from: "http://www.acme.example/", to: "https://acme.example/"}
    health: ["https://api.acme.example/healthz"]
audit:
  cert_expiry_days: {blocker: 14, high: 30}
  p95_ms: 500
accept:
  - {id: email.dmarc-policy-none, subject: "domain:acme.example", reason: "ramping up", owner: Jo Doe, until: 2027-01-31}
checklist:
  rollback-rehearsed: {done: true, by: Jo Doe, on: 2026-11-20}
collect:
  resolvers: ["127.0.0.1:5353", "[::1]:5353"]
  ca_file: tests-ca.pem
  connect_to: {"api.acme.example": "127.0.0.1", "api.acme.example:443": "127.0.0.1:8443"}
  timeout: 5s
  deadline: 30s
  samples: 20

"""
