# Shared by the benchmark scripts (sourced): milliseconds, the summary row, a test CA and leaf certificate, nginx and
# knot configs in a work folder.

# ms START_NS END_NS — whole milliseconds between two `date +%s%N` readings.
ms() { echo $(( ($2 - $1) / 1000000 )); }

# bench_row WHAT HANDOVER_MS PEAK_KIB BASELINE BASELINE_MS — one row of the summary table scripts/bench writes at the
# top of docs/performance.md ("-" where a column does not apply).
bench_row() { echo "row: $1 | $2 | $3 | $4 | $5"; }

# bench_certs WORK SANS — WORK/ca.pem and WORK/leaf.pem + leaf.key for SANS ("DNS:a.test,DNS:b.test,…").
bench_certs() {
  local work="$1" sans="$2"
  openssl req -x509 -newkey rsa:2048 -nodes -keyout "$work/ca.key" -out "$work/ca.pem" -days 30 -subj "/O=Bench CA/CN=Bench Root" 2>/dev/null
  openssl req -new -newkey rsa:2048 -nodes -keyout "$work/leaf.key" -out "$work/leaf.csr" -subj "/CN=d00.test" \
    -addext "subjectAltName=${sans%,}" 2>/dev/null
  openssl x509 -req -in "$work/leaf.csr" -CA "$work/ca.pem" -CAkey "$work/ca.key" -CAcreateserial -days 30 -copy_extensions copy \
    -out "$work/leaf.pem" 2>/dev/null
}

# bench_domain_cert WORK DOMAIN — WORK/certs/DOMAIN.pem for DOMAIN and its www., app. and api. names, signed by the CA
# bench_certs made, with its leaf key (one certificate per registrable domain, as a real site of four hosts has).
bench_domain_cert() {
  local work="$1" d="$2"
  mkdir -p "$work/certs"
  openssl req -new -key "$work/leaf.key" -subj "/CN=$d" -addext "subjectAltName=DNS:$d,DNS:www.$d,DNS:app.$d,DNS:api.$d" \
    -out "$work/certs/$d.csr" 2>/dev/null
  openssl x509 -req -in "$work/certs/$d.csr" -CA "$work/ca.pem" -CAkey "$work/ca.key" -CAcreateserial -days 30 \
    -copy_extensions copy -out "$work/certs/$d.pem" 2>/dev/null
}

# bench_nginx_conf WORK SERVER_BLOCKS — WORK/nginx.conf: foreground, no master, everything under WORK.
bench_nginx_conf() {
  local work="$1" servers="$2"
  mkdir -p "$work/tmp"
  cat > "$work/nginx.conf" <<CONF
daemon off;
master_process off;
pid $work/nginx.pid;
error_log $work/error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    client_body_temp_path $work/tmp/body; proxy_temp_path $work/tmp/proxy; fastcgi_temp_path $work/tmp/fastcgi;
    uwsgi_temp_path $work/tmp/uwsgi; scgi_temp_path $work/tmp/scgi;
$servers
}
CONF
}

# bench_knot_conf WORK LISTEN — WORK/knot.conf up to its `zone:` list (zone files in WORK/zones), listening on LISTEN.
bench_knot_conf() {
  local work="$1" listen="$2"
  mkdir -p "$work/zones"
  {
    echo "server:"; echo "    rundir: \"$work\""; [ "$(id -u)" = 0 ] && echo "    user: root:root"
    echo "    listen: $listen"
    echo "log:"; echo "  - target: \"$work/knot.log\""; echo "    any: info"
    echo "database:"; echo "    storage: \"$work/db\""
    echo "template:"; echo "  - id: default"; echo "    storage: \"$work/zones\""
    echo "    zonefile-sync: -1"; echo "    zonefile-load: whole"; echo "    journal-content: none"
    echo "zone:"
  } > "$work/knot.conf"
}

# bench_zone WORK DOMAIN RECORDS — WORK/zones/DOMAIN.zone (SOA, NS and ns1 at 127.0.0.1, then RECORDS) and its
# entry in WORK/knot.conf (after bench_knot_conf).
bench_zone() {
  local work="$1" d="$2"
  printf '$ORIGIN %s.\n$TTL 300\n@ IN SOA ns1.%s. hostmaster.%s. 1 3600 600 86400 300\n@ IN NS ns1.%s.\nns1 IN A 127.0.0.1\n%s\n' \
    "$d" "$d" "$d" "$d" "$3" > "$work/zones/$d.zone"
  printf '  - domain: %s\n    file: %s.zone\n' "$d" "$d" >> "$work/knot.conf"
}

# bench_app_records DOMAIN APEX APP API MAIL [AAAA] — the records of a startup's domain for bench_zone: apex (and its
# AAAA when given), www as a CNAME to it, app, api through a CNAME, MX and its host, SPF with an include, DMARC, an
# empty DKIM key and CAA.
bench_app_records() {
  local d="$1"
  printf '@ IN A %s\n' "$2"
  if [ -n "${6:-}" ]; then printf '@ IN AAAA %s\n' "$6"; fi
  printf 'www IN CNAME %s.\napp IN A %s\napi IN CNAME api-host.%s.\napi-host IN A %s\n@ IN MX 10 mail.%s.\nmail IN A %s\n' \
    "$d" "$3" "$d" "$4" "$d" "$5"
  printf '@ IN TXT "v=spf1 ip4:192.0.2.0/24 include:_spf.%s -all"\n_spf IN TXT "v=spf1 a mx -all"\n' "$d"
  printf '_dmarc IN TXT "v=DMARC1; p=reject; rua=mailto:dmarc@%s"\ns1._domainkey IN TXT "v=DKIM1; k=rsa; p="\n' "$d"
  printf '@ IN CAA 0 issue "letsencrypt.org"\n'
}

# bench_knot_wait WORK COUNT — waits (at most 10 s) until knot has logged COUNT zones loaded.
bench_knot_wait() {
  for _ in $(seq 200); do [ "$(grep -c 'loaded, serial' "$1/knot.log" 2>/dev/null)" = "$2" ] && break; sleep 0.05; done
}

# bench_median RUNS CMD… — runs CMD RUNS times (output discarded) and prints "WALL_MS CPU_MS": the medians of the wall
# time and of the CPU time (perf stat's task-clock: every thread, children included) in milliseconds. On a loaded
# machine the CPU time is the steadier of the two. The wall time is taken from runs of CMD alone, the CPU time from
# runs under perf stat: perf's own start adds 12–15 ms of wall time (measured around /bin/true), which is more than
# half of a short command's.
bench_median() {
  local runs="$1"; shift
  local walls=() cpus=() t0 t1 stat
  stat="$(mktemp)"
  for _ in $(seq "$runs"); do
    t0=${EPOCHREALTIME//[.,]/}  # microseconds, read without starting a process (`date` would add about 1 ms each)
    "$@" >/dev/null 2>&1 || true
    t1=${EPOCHREALTIME//[.,]/}
    walls+=($(( (t1 - t0) / 1000 )))
    perf stat -x, -e task-clock -o "$stat" "$@" >/dev/null 2>&1 || true
    cpus+=($(awk -F, '/task-clock/ { printf "%.1f", $1 }' "$stat"))
  done
  rm -f "$stat"
  echo "$(printf '%s\n' "${walls[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}') $(printf '%s\n' "${cpus[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')"
}
