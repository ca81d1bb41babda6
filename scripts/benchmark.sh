#!/usr/bin/env bash
# Benchmarks (method and figures in docs/benchmarks.md):
#   scripts/benchmark.sh [sweep] [SIZES...]  scheduler (issue 4), default sizes 10000 100000 1000000:
#       the sweep with nothing due, 10,000 actions due at once end to end into Kafka, peak memory
#   scripts/benchmark.sh renew [COUNT]       (d) COUNT Self EC P-256 AutoRenew actions due at once (default 10000),
#       until COUNT NewVersionCreated events are acknowledged by Kafka, after BENCH_RENEW_WARM (default 500) renewals
#       of other certificates as a warm-up
#   scripts/benchmark.sh reissue [COUNT]     (e) COUNT leaves of a `ca` issuer (default 10000): the CA rotation cascade
#       (spread PT0S) when the CA gets a new version, then a bulk re-issue selecting that issuer, each until COUNT
#       NewVersionCreated events are acknowledged by Kafka, after a bulk re-issue of BENCH_REISSUE_WARM (default 500)
#       other leaves as a warm-up
#   scripts/benchmark.sh acme [COUNT]        (f) COUNT certificates (default 50) issued, then renewed at once,
#       by renewd and by certbot through one Pebble (PEBBLE_VA_NOSLEEP=1, real HTTP-01)
#   scripts/benchmark.sh pki [COUNT]         the PKI work of COUNT Self EC P-256 renewals alone (default 4000): the CPU
#       floor of (d) and (e), no database, no Kafka (scripts/benchmark/PkiFloor.java)
# Each run: a fresh database, the packaged renewd in its own JVM against the local run's PostgreSQL
# and Kafka (started if they are not running). Figures come from the database (due_action.settled_at,
# outbox.published_at, set only once Kafka acknowledged), renewd's metrics and /proc.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/common.sh

SCENARIO=sweep
case "${1:-}" in
  sweep | renew | reissue | acme | pki) SCENARIO=$1; shift ;;
  '' | [0-9]*) ;;
  *) die "unknown scenario '$1': use sweep, renew, reissue, acme or pki (see docs/benchmarks.md)" ;;
esac
for arg in "$@"; do [[ $arg =~ ^[1-9][0-9]*$ ]] || die "'$arg' is not a count: give a positive whole number"; done

PORT=18080
# The packaged renewd has the management interface (health, metrics) on a port of its own, and
# serves HTTPS besides HTTP under the local profile: both moved off the local run's ports.
MGMT_PORT=19000
HTTPS_PORT=18443
# (f) only: a Pebble and a DNS of the benchmark's own, off the local run's ports, and the port
# where that Pebble validates HTTP-01: renewd's listener first, then certbot's standalone server.
BENCH_PEBBLE_PORT=18514
BENCH_PEBBLE_MGMT_PORT=18515
BENCH_DNS_PORT=18553
BENCH_DNS_MGMT_PORT=18555
HTTP01_PORT=18589
DB=renewd_bench
HEAP=${BENCH_HEAP:-300m}
# The garbage collector and heap sizing of the container image (ubi9/openjdk-21's run-java.sh, java-default-options),
# so RSS and CPU are those of renewd as deployed. BENCH_GC="-XX:+UseG1GC" measures the JDK's default instead.
read -r -a GC <<< "${BENCH_GC:--XX:+UseParallelGC -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20 -XX:GCTimeRatio=4 -XX:AdaptiveSizePolicyWeight=90 -XX:+ExitOnOutOfMemoryError}"
# The image's JIT, C1 only (src/main/docker/Dockerfile.jvm says why). BENCH_JIT="" measures the JDK's default, C1 and C2.
read -r -a JIT <<< "${BENCH_JIT--XX:TieredStopAtLevel=1}"
PSQL=(psql -q -X -v ON_ERROR_STOP=1 "postgresql://renewd:renewd@127.0.0.1:55432")
# Creating databases needs the cluster's superuser, over its local socket.
if [ "$(id -u)" -eq 0 ]; then ADMIN=(runuser -u postgres -- psql -q -X -p 55432); else ADMIN=(sudo -u postgres psql -q -X -p 55432); fi
LOGS=.local/logs
# renew, reissue and acme read their events in renewd's renewer: topics and consumer groups of their own per run,
# so no event of an earlier run (same certificate names, same version ids) is ever acted on.
RUN_ID=$(date +%s)

choose_jdk
if [ "$SCENARIO" = acme ]; then ensure_packages pebble certbot; fi
if [ "$SCENARIO" != pki ]; then
  scripts/local-run.sh services >/dev/null
  # renewd (%local) verifies API tokens with the local run's key.
  TOKEN=$(scripts/local-run.sh token)
  export QUARKUS_OIDC_PUBLIC_KEY; QUARKUS_OIDC_PUBLIC_KEY=$(openssl pkey -in .local/oidc/signing-key.pem -pubout -outform DER | base64 -w0)
fi
mkdir -p "$LOGS"
if [ -z "$(find src/main pom.xml -newer target/quarkus-app/quarkus-run.jar -print -quit 2>/dev/null)" ] && [ -f target/quarkus-app/quarkus-run.jar ]; then
  say "renewd is packaged and up to date"
else
  say "packaging renewd"
  ./mvnw -q -B package -DskipTests > "$LOGS/benchmark-package.log" 2>&1 \
    || { tail -30 "$LOGS/benchmark-package.log"; die "packaging renewd failed (log: $LOGS/benchmark-package.log)"; }
fi

metric() { curl -s "localhost:$MGMT_PORT/q/metrics" | awk -v m="$1" '$1 == m {print $2}'; }
sql() { "${PSQL[@]}/$DB" -t -A -c "$1"; }
api() { curl -sf -H "Authorization: Bearer $TOKEN" -H 'content-type: application/json' "$@"; }

PIDS=()
cleanup() { local p; for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

fresh_database() {
  (cd / && "${ADMIN[@]}" -c "drop database if exists $DB" -c "create database $DB owner renewd")
}

# Starts the packaged renewd against the benchmark database: start_renewd LOGNAME ROLES [-Dsetting=value...].
# Sets RENEWD_PID. BENCH_JFR=1 records a Java Flight Recording (for profiling, not for the figures);
# BENCH_OPTS adds JVM options, e.g. settings to compare: BENCH_OPTS="-Drenewd.scheduler.batch-size=5000".
start_renewd() {
  local log=$1 roles=$2 jfr=() opts=(); shift 2
  [ -n "${BENCH_JFR:-}" ] && jfr=("-XX:StartFlightRecording=filename=$LOGS/$log.jfr,dumponexit=true,settings=profile")
  read -r -a opts <<< "${BENCH_OPTS:-}"
  "$JAVA_HOME/bin/java" -Xmx"$HEAP" "${GC[@]}" "${JIT[@]}" "${jfr[@]}" -Dquarkus.profile=local -Dquarkus.http.port=$PORT \
    -Dquarkus.http.ssl-port=$HTTPS_PORT -Dquarkus.management.enabled=true -Dquarkus.management.port=$MGMT_PORT \
    -Dquarkus.datasource.jdbc.url="jdbc:postgresql://127.0.0.1:55432/$DB" \
    -Drenewd.scheduler.sweep-interval=2s -Drenewd.metrics.per-certificate=false -Drenewd.roles="$roles" \
    -Drenewd.acme.http01.port=$HTTP01_PORT "$@" "${opts[@]}" \
    -jar target/quarkus-app/quarkus-run.jar >"$LOGS/$log.log" 2>&1 &
  RENEWD_PID=$!
  PIDS+=("$RENEWD_PID")
  for _ in $(seq 1 120); do curl -sf -o /dev/null "localhost:$MGMT_PORT/q/health/ready" && return 0; sleep 1; done
  die "renewd did not become ready; see $LOGS/$log.log"
}

stop_renewd() { kill "$RENEWD_PID"; wait "$RENEWD_PID" 2>/dev/null || true; }

# Topics (and the renewer's and the cascade's groups) of this run: bench-SCENARIO-RUN_ID.*
run_topics() {
  local t="bench-$1-$RUN_ID"
  echo "-Drenewd.events.topics.near-expiry=$t.near-expiry" "-Drenewd.events.topics.renewed=$t.renewed" \
    "-Drenewd.events.topics.failed=$t.failed" "-Drenewd.events.topics.expired=$t.expired" \
    "-Drenewd.events.topics.audit=$t.audit" "-Drenewd.events.topics.bulk=$t.bulk" \
    "-Drenewd.consumers.renewer-group=$t-renewer" "-Drenewd.consumers.cascade-group=$t-cascade"
}

# Waits until COUNT events of TYPE are published (acknowledged by Kafka), at most SECONDS (default 300).
wait_published() {
  local limit=${3:-300} log=${4:-bench}
  for _ in $(seq 1 $((limit * 2))); do
    [ "$(sql "select count(*) from outbox where type = '$1' and published_at is not null")" -ge "$2" ] && return 0
    sleep 0.5
  done
  die "$2 events of type $1 were not published within $limit s; see $LOGS/$log.log"
}

# Waits up to $1 s until the web inventory's refresh has taken every change queued for it.
wait_refreshed() {
  for _ in $(seq 1 $(($1 * 2))); do
    [ "$(sql "select count(*) from certificate_inventory_dirty")" -eq 0 ] && return 0
    sleep 0.5
  done
  die "the web inventory's refresh did not catch up within $1 s; see $LOGS/$2.log"
}

# After a bulk load: what the database of an estate that grew over months has long done. Waits up to $1 s for the web
# inventory's first build, vacuums and analyses the database, waits for autovacuum to be done with it and ends with a
# checkpoint. Without it, at 1,000,000 certificates the warm-up and the measured burst ran while autovacuum and the
# inventory's build of the 5,000,000 loaded rows wrote WAL for a checkpoint every 15 s (540 MB each; one ended in the burst).
settle_database() {
  wait_refreshed "$1" "$2"
  (cd / && "${ADMIN[@]}" -d "$DB" -c "vacuum (analyze)")
  local idle=
  for _ in $(seq 1 $(($1 * 2))); do
    if [ "$(cd / && "${ADMIN[@]}" -t -A -c "select count(*) from pg_stat_activity where datname = '$DB' and backend_type = 'autovacuum worker'")" -eq 0 ]; then
      idle=1
      break
    fi
    sleep 0.5
  done
  [ -n "$idle" ] || say "autovacuum was still busy in $DB after $1 s; measuring anyway"
  (cd / && "${ADMIN[@]}" -c "checkpoint")
}

# Waits up to $1 s until renewd's JIT compilers have no method queued (what the warm-up triggered is compiled).
wait_compiled() {
  for _ in $(seq 1 $(($1 * 2))); do
    "$JAVA_HOME/bin/jcmd" "$RENEWD_PID" Compiler.queue 2>/dev/null \
      | awk '/^Current compiles:/ {current = 1; next} /compile queue:/ {current = 0} current && NF {busy = 1} /^Empty$/ {empty++}
             END {exit !(empty == 2 && !busy)}' && return 0
    sleep 0.5
  done
  say "the JIT compilers still had methods queued after $1 s; measuring anyway"
}

# CPU time renewd has used so far (user + system), in ms: per renewal it says what the code costs even on a loaded
# machine, where wall-clock rates say little (fields 14 and 15 of /proc/PID/stat, in clock ticks).
cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.0f", ($14 + $15) * 1000 / hz}' "/proc/$RENEWD_PID/stat"; }

# Peak resident memory of renewd over its life, in MB.
peak_rss() { awk '/VmHWM/ {printf "%.0f", $2 / 1024}' "/proc/$RENEWD_PID/status"; }

# Seconds from the first AutoRenew fired after SINCE (a database timestamp) to the last NewVersionCreated acknowledged.
renewal_seconds() {
  sql "select extract(epoch from (select max(published_at) from outbox where type = 'io.renewd.certificate.NewVersionCreated')
                               - (select min(settled_at) from due_action where kind = 'AutoRenew' and state = 'fired' and settled_at > '$1'))"
}

# ---------------------------------------------------------------------------------------------
# sweep: (a) sweep with nothing due, (b) 10k due end to end into Kafka, (c) peak RSS (issue 4)
# ---------------------------------------------------------------------------------------------
bench_sweep() {
  local sizes=("${@:-10000 100000 1000000}") results=() size
  read -r -a sizes <<< "${sizes[*]}"
  for size in "${sizes[@]}"; do
    say "sweep $size: fresh database"
    fresh_database
    # Its events go to topics of its own (bench.*), so the local run's consumers never see them.
    start_renewd "bench-renewd-$size" api,scheduler,relay \
      -Drenewd.events.topics.near-expiry=bench.near-expiry -Drenewd.events.topics.renewed=bench.renewed \
      -Drenewd.events.topics.failed=bench.failed -Drenewd.events.topics.expired=bench.expired -Drenewd.events.topics.audit=bench.audit

    say "sweep $size: loading"
    local start load_s rows
    start=$(date +%s)
    "${PSQL[@]}/$DB" -v n="$size" -f scripts/benchmark/load.sql
    load_s=$(( $(date +%s) - start ))
    rows=$(sql "select count(*) from due_action")
    settle_database 600 "bench-renewd-$size"

    # (a) sweeps with nothing due: mean of renewd's own sweep timer over at least 10 sweeps
    sleep 5
    local s0 c0 s1 c1 empty_ms sweeps
    s0=$(metric renewd_sweep_duration_seconds_sum); c0=$(metric renewd_sweep_duration_seconds_count)
    sleep 25
    s1=$(metric renewd_sweep_duration_seconds_sum); c1=$(metric renewd_sweep_duration_seconds_count)
    empty_ms=$(awk -v s0="$s0" -v s1="$s1" -v c0="$c0" -v c1="$c1" 'BEGIN {printf "%.2f", (s1 - s0) / (c1 - c0) * 1000}')
    sweeps=$(awk -v c0="$c0" -v c1="$c1" 'BEGIN {print c1 - c0}')

    # (b) warm-up: 40,000 events end to end first, 10,000 expiries fired three times (re-armed) then 10,000 near-expiry
    # notices (the latest of the 30,000 notices of 10,000 versions fires, the others are skipped): a running renewd has
    # compiled its event path long ago, while a fresh JVM compiles it burst after burst (with C1 and C2 and 2,000 events of
    # warm-up, the JIT compilers took a quarter of the measured burst's CPU; after 20,000, a fifth). Then the web
    # inventory's refresh of them, so the burst starts from an idle renewd.
    "${PSQL[@]}/$DB" -v kind=Expired -v count=10000 -f scripts/benchmark/due-now.sql
    wait_published io.renewd.certificate.Expired 10000 300 "bench-renewd-$size"
    for round in 2 3; do
      "${PSQL[@]}/$DB" -v kind=Expired -v count=10000 -f scripts/benchmark/rearm.sql
      wait_published io.renewd.certificate.Expired $((round * 10000)) 300 "bench-renewd-$size"
    done
    "${PSQL[@]}/$DB" -v kind=Notice -v count=30000 -f scripts/benchmark/due-now.sql
    wait_published io.renewd.certificate.NearExpiry 10000 300 "bench-renewd-$size"
    wait_refreshed 120 "bench-renewd-$size"
    wait_compiled 60
    # (b) 10,000 actions due at once, until every event is acknowledged by Kafka. They fall due 10 s after the update
    # that sets them up: that update queues their 10,000 certificates for the web inventory's refresh, work an estate
    # does not have when a burst falls due (time passes, no row changes). Due at once, the refresh of the set-up ran in
    # the burst whenever the sweep (every 2 s) began before it ended: at 1,000,000 certificates, 0.6 s of PostgreSQL
    # time and 53,000 blocks read into the 128 MB of shared buffers the sweep works in.
    "${PSQL[@]}/$DB" -v kind=AutoRenew -v count=10000 -v after='10 seconds' -f scripts/benchmark/due-now.sql
    wait_refreshed 60 "bench-renewd-$size"
    [ "$(sql "select count(*) from due_action where kind = 'AutoRenew' and state = 'fired'")" -eq 0 ] \
      || die "the burst fell due before the web inventory's refresh of its set-up was done; see $LOGS/bench-renewd-$size.log"
    wait_published io.renewd.certificate.NearExpiry 20000 300 "bench-renewd-$size"
    local e2e rate rss_mb
    e2e=$(sql "select extract(epoch from (select max(published_at) from outbox where type = 'io.renewd.certificate.NearExpiry')
                                        - (select min(settled_at) from due_action where state = 'fired' and kind = 'AutoRenew'))")
    rate=$(awk -v s="$e2e" 'BEGIN {printf "%.0f", 10000 / s}')
    # (c) peak resident memory of the renewd process over its life
    rss_mb=$(peak_rss)
    stop_renewd
    results+=("| $size | $rows | ${load_s} s | $empty_ms ms ($sweeps sweeps) | $(printf '%.2f' "$e2e") s | $rate events/s | $rss_mb MB |")
    say "sweep $size: load ${load_s}s, empty sweep ${empty_ms} ms, 10k due in ${e2e}s ($rate/s), peak RSS ${rss_mb} MB"
  done
  echo
  echo "| versions | due rows | load | (a) sweep, nothing due (mean) | (b) 10k due, first fired to last acknowledged | (b) throughput | (c) peak RSS (-Xmx$HEAP) |"
  echo "| --- | --- | --- | --- | --- | --- | --- |"
  printf '%s\n' "${results[@]}"
}

# ---------------------------------------------------------------------------------------------
# renew (d): COUNT Self EC P-256 AutoRenew actions due at once → COUNT new versions, events acknowledged
# ---------------------------------------------------------------------------------------------
bench_renew() {
  local count=${1:-10000} warm=${BENCH_RENEW_WARM:-500}
  say "renew $count: fresh database"
  fresh_database
  # shellcheck disable=SC2046
  start_renewd "bench-renew-$count" api,scheduler,relay,renewer $(run_topics renew)
  # The renewer makes the next key and certificate from the policy (reuse_key false), so the loaded
  # versions' placeholder bytes are never read: load.sql's Self EC P-256 policy with AutoRenew at 80 %.
  "${PSQL[@]}/$DB" -v n=$((count + warm)) -f scripts/benchmark/load.sql

  # Warm-up: WARM renewals end to end first, as for (b): a running renewd compiled its renewal path long ago. 500 compile
  # it, yet C2 still compiles during the measured burst (a quarter of the machine's CPU in perf profiles after 500 and after
  # 10,000: the burst makes other paths hot). Then the web inventory's refresh of them and an empty JIT queue, so the burst starts from an idle renewd.
  say "renew $count: warm-up, $warm renewals"
  "${PSQL[@]}/$DB" -v kind=AutoRenew -v count=$warm -f scripts/benchmark/due-now.sql
  wait_published io.renewd.certificate.NewVersionCreated $warm 600 "bench-renew-$count"
  wait_refreshed 120 "bench-renew-$count"
  wait_compiled 60
  local since; since=$(sql "select now()")

  say "renew $count: $count AutoRenew actions due at once"
  local cpu0; cpu0=$(cpu_ms)
  "${PSQL[@]}/$DB" -v kind=AutoRenew -v count="$count" -f scripts/benchmark/due-now.sql
  wait_published io.renewd.certificate.NewVersionCreated $((count + warm)) "${BENCH_RENEW_LIMIT:-3600}" "bench-renew-$count"
  local e2e rate rss_mb failed issued cpu load
  cpu=$(awk -v a="$cpu0" -v b="$(cpu_ms)" -v n="$count" 'BEGIN {printf "%.1f", (b - a) / n}')
  load=$(cut -d' ' -f1 /proc/loadavg)
  e2e=$(renewal_seconds "$since")
  rate=$(awk -v n="$count" -v s="$e2e" 'BEGIN {printf "%.0f", n / s}')
  failed=$(sql "select count(*) from outbox where type = 'io.renewd.certificate.RenewalFailed'")
  issued=$(sql "select count(*) from certificate_version where cause = 'renewed'")
  rss_mb=$(peak_rss)
  stop_renewd
  say "renew $count: ${e2e}s first fired to last acknowledged, $rate renewals/s, renewd CPU $cpu ms per renewal, $issued renewed versions, $failed failures, peak RSS $rss_mb MB, load $load"
  echo
  echo "| due at once | first fired to last NewVersionCreated acknowledged | renewals/s | renewd CPU per renewal | renewed versions (with warm-up) | RenewalFailed | peak RSS (-Xmx$HEAP) | load average (1 min) at the end |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
  echo "| $count | $(printf '%.2f' "$e2e") s | $rate | $cpu ms | $issued | $failed | $rss_mb MB | $load |"
}

# ---------------------------------------------------------------------------------------------
# reissue (e): COUNT leaves of a `ca` issuer re-issued by the CA rotation cascade (spread PT0S), then by a bulk re-issue
# ---------------------------------------------------------------------------------------------
# NewVersionCreated events of the bench leaves named PREFIX<n> that Kafka acknowledged.
leaf_events() {
  sql "select count(*) from outbox where type = 'io.renewd.certificate.NewVersionCreated' and published_at is not null
         and aggregateid like 'bench/$1%'"
}

# Waits until COUNT such events of the leaves PREFIX<n> are acknowledged, at most SECONDS.
wait_leaf_events() {
  local prefix=$1 count=$2 limit=$3 log=$4
  for _ in $(seq 1 $((limit * 2))); do
    [ "$(leaf_events "$prefix")" -ge "$count" ] && return 0
    sleep 0.5
  done
  die "$count NewVersionCreated events of the leaves $prefix* were not acknowledged within $limit s ($(leaf_events "$prefix") were); see $LOGS/$log.log"
}

# Waits until vault bench's certificate NAME has COUNT versions.
wait_versions() {
  for _ in $(seq 1 120); do
    [ "$(sql "select count(*) from certificate_version v join certificate c on c.id = v.certificate_id
                where c.vault = 'bench' and c.name = '$1'")" -ge "$2" ] && return 0
    sleep 0.5
  done
  die "certificate $1 did not get version $2 within 60 s"
}

# Starts a bulk re-issue of the leaves whose policy names issuer ISSUER, with REASON, through the API; prints its id.
start_bulk() {
  local id
  id=$(api -X POST "localhost:$PORT/vaults/bench/certificates/reissue" \
    -d "{\"selector\": {\"issuer\": \"$1\"}, \"reason\": \"$2\"}" | jq -r .id) || die "could not start a bulk re-issue of issuer $1"
  [[ $id =~ ^[0-9a-f-]{36}$ ]] || die "the bulk re-issue of issuer $1 answered no id"
  echo "$id"
}

# The bulk re-issue ID once it has ended, as the API shows it (GET /vaults/bench/reissues/ID).
ended_bulk() {
  local json
  for _ in $(seq 1 240); do
    json=$(api "localhost:$PORT/vaults/bench/reissues/$1") || die "could not read bulk re-issue $1"
    [ "$(jq -r .status <<< "$json")" != inProgress ] && { echo "$json"; return 0; }
    sleep 0.5
  done
  die "bulk re-issue $1 did not end within 120 s of its last event: $json"
}

# "selected / done / failed" of a bulk's JSON; fails unless it completed with selected = done = COUNT and nothing failed.
bulk_counts() {
  jq -r '"\(.selected) / \(.done) / \(.failed)"' <<< "$1"
  [ "$(jq -r '"\(.status) \(.selected) \(.done) \(.failed)"' <<< "$1")" = "completed $2 $2 0" ]
}

# COUNT re-issues in SECONDS, per second: per_second COUNT SECONDS.
per_second() { awk -v n="$1" -v s="$2" 'BEGIN {printf "%.0f", n / s}'; }
# renewd's CPU ms per re-issue between two cpu_ms readings: cpu_per COUNT BEFORE AFTER.
cpu_per() { awk -v n="$1" -v a="$2" -v b="$3" 'BEGIN {printf "%.1f", (b - a) / n}'; }

bench_reissue() {
  local count=${1:-10000} warm=${BENCH_REISSUE_WARM:-500} ca=bench-root limit=${BENCH_REISSUE_LIMIT:-3600}
  local log="bench-reissue-$count" base="localhost:$PORT/vaults/bench"
  local nvc="type = 'io.renewd.certificate.NewVersionCreated' and aggregateid like 'bench/l%'"
  local failed_events="select count(*) from outbox where type = 'io.renewd.certificate.RenewalFailed'"
  say "reissue $count: fresh database"
  fresh_database
  # shellcheck disable=SC2046
  start_renewd "$log" api,scheduler,relay,renewer $(run_topics reissue)
  api -X PUT "$base" >/dev/null || die "could not create vault bench"

  # A root CA renewd makes itself (issuer Self; keyCertSign makes it a CA), and `ca` issuers that sign with it.
  say "reissue $count: CA certificate $ca (Self) and its ca issuers"
  local ca_policy='{"policy": {"key_props": {"kty": "EC", "crv": "P-256"},
    "x509_props": {"subject": "CN=bench root CA", "key_usage": ["keyCertSign", "cRLSign"], "validity_months": 60}}}'
  api -X POST "$base/certificates/$ca/create?api-version=7.6" -d "$ca_policy" >/dev/null || die "could not create the CA certificate $ca"
  wait_versions "$ca" 1
  api -X PUT "$base/certificates/issuers/bench-ca?api-version=7.6" \
    -d "{\"provider\": \"ca\", \"ca\": {\"certificate_name\": \"$ca\", \"cascade\": {\"enabled\": true, \"spread\": \"PT0S\"}}}" >/dev/null \
    || die "could not create the ca issuer bench-ca"
  local cascade; cascade=$(api "$base/certificates/issuers/bench-ca?api-version=7.6" | jq -c .ca.cascade)
  [ "$cascade" = '{"enabled":true,"spread":"PT0S"}' ] || die "issuer bench-ca's cascade is $cascade, not on with spread PT0S"
  # The warm-up's leaves have an issuer of their own over the same CA, with the cascade off: the rotation leaves them alone.
  api -X PUT "$base/certificates/issuers/bench-warm?api-version=7.6" \
    -d "{\"provider\": \"ca\", \"ca\": {\"certificate_name\": \"$ca\", \"cascade\": {\"enabled\": false}}}" >/dev/null \
    || die "could not create the ca issuer bench-warm"

  say "reissue $count: loading $count leaves of bench-ca (l1..l$count) and $warm of bench-warm (w1..w$warm)"
  "${PSQL[@]}/$DB" -v n="$count" -v prefix=l -v issuer=bench-ca -v ca=$ca -f scripts/benchmark/load-leaves.sql
  "${PSQL[@]}/$DB" -v n="$warm" -v prefix=w -v issuer=bench-warm -v ca=$ca -f scripts/benchmark/load-leaves.sql
  [ "$(sql "select count(*) from certificate_version v join certificate c on c.id = v.certificate_id where c.name like 'l%'")" -eq "$count" ] \
    || die "load-leaves.sql did not load $count leaves"

  # Warm-up, as for (d): a running renewd compiled its re-issue path long ago.
  say "reissue $count: warm-up, a bulk re-issue of the $warm leaves of bench-warm"
  local warm_id; warm_id=$(start_bulk bench-warm "benchmark warm-up")
  wait_leaf_events w "$warm" 600 "$log"
  local warm_bulk; warm_bulk=$(ended_bulk "$warm_id")
  bulk_counts "$warm_bulk" "$warm" >/dev/null || die "the warm-up bulk did not re-issue its $warm leaves: $warm_bulk"
  wait_refreshed 120 "$log"
  wait_compiled 60

  say "reissue $count: CA rotation: $ca gets a new version, the cascade re-issues its $count leaves"
  local cpu0 cpu1 cpu2 failed0 failed1 failed2
  cpu0=$(cpu_ms); failed0=$(sql "$failed_events")
  api -X POST "$base/certificates/$ca/create?api-version=7.6" -d "$ca_policy" >/dev/null || die "could not renew the CA certificate $ca"
  for _ in $(seq 1 240); do [ "$(sql "select count(*) from bulk_reissue where requested_by = 'renewd (CA rotation)'")" -ge 1 ] && break; sleep 0.5; done
  [ "$(sql "select count(*) from bulk_reissue where requested_by = 'renewd (CA rotation)'")" -eq 1 ] \
    || die "the CA's new version started no cascade (one bulk re-issue) within 120 s; see $LOGS/$log.log"
  wait_leaf_events l "$count" "$limit" "$log"
  cpu1=$(cpu_ms); failed1=$(sql "$failed_events")
  local cascade_load cascade_rss cascade_s cascade_id cascade_bulk
  cascade_load=$(cut -d' ' -f1 /proc/loadavg); cascade_rss=$(peak_rss)
  cascade_s=$(sql "select extract(epoch from (select max(published_at) from outbox where $nvc)
                   - (select max(v.created_at) from certificate_version v join certificate c on c.id = v.certificate_id
                      where c.vault = 'bench' and c.name = '$ca'))")
  cascade_id=$(sql "select id from bulk_reissue where requested_by = 'renewd (CA rotation)'")
  cascade_bulk=$(ended_bulk "$cascade_id")

  say "reissue $count: a bulk re-issue of the $count leaves of bench-ca"
  local bulk_id; bulk_id=$(start_bulk bench-ca "benchmark: re-issue every leaf of bench-ca")
  wait_leaf_events l $((2 * count)) "$limit" "$log"
  cpu2=$(cpu_ms); failed2=$(sql "$failed_events")
  local bulk_load bulk_rss bulk_s bulk
  bulk_load=$(cut -d' ' -f1 /proc/loadavg); bulk_rss=$(peak_rss)
  bulk_s=$(sql "select extract(epoch from (select max(published_at) from outbox where $nvc)
                - (select created_at from bulk_reissue where id = '$bulk_id'))")
  bulk=$(ended_bulk "$bulk_id")
  stop_renewd

  local ok=true cascade_counts bulk_counts_
  cascade_counts=$(bulk_counts "$cascade_bulk" "$count") || ok=false
  bulk_counts_=$(bulk_counts "$bulk" "$count") || ok=false
  say "reissue $count: cascade ${cascade_s}s ($(per_second "$count" "$cascade_s")/s), bulk $cascade_id: $cascade_counts (selected / done / failed)"
  say "reissue $count: bulk ${bulk_s}s ($(per_second "$count" "$bulk_s")/s), bulk $bulk_id: $bulk_counts_ (selected / done / failed)"
  echo
  echo "| (e) $count leaves of a \`ca\` issuer | clock | time | re-issues/s | renewd CPU per re-issue | bulk: selected / done / failed | RenewalFailed | peak RSS (-Xmx$HEAP) | load average (1 min) at the end |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
  echo "| CA rotation cascade, spread PT0S | CA's new version written → last leaf NewVersionCreated acknowledged | $(printf '%.2f' "$cascade_s") s | $(per_second "$count" "$cascade_s") | $(cpu_per "$count" "$cpu0" "$cpu1") ms | $cascade_counts | $((failed1 - failed0)) | $cascade_rss MB | $cascade_load |"
  echo "| bulk re-issue, selector issuer | bulk created → last leaf NewVersionCreated acknowledged | $(printf '%.2f' "$bulk_s") s | $(per_second "$count" "$bulk_s") | $(cpu_per "$count" "$cpu1" "$cpu2") ms | $bulk_counts_ | $((failed2 - failed1)) | $bulk_rss MB | $bulk_load |"
  $ok || die "a bulk re-issue did not complete with done = selected = $count and nothing failed (see above; $LOGS/$log.log)"
}

# ---------------------------------------------------------------------------------------------
# acme (f): renewd and certbot through one Pebble, COUNT certificates issued then renewed at once
# ---------------------------------------------------------------------------------------------
start_pebble() {
  local dir=.local/bench-pebble
  mkdir -p "$dir"
  # The local run's Pebble TLS certificate (127.0.0.1), which renewd (%local) already trusts.
  cat >"$dir/pebble-config.json" <<EOF
{
  "pebble": {
    "listenAddress": "127.0.0.1:$BENCH_PEBBLE_PORT",
    "managementListenAddress": "127.0.0.1:$BENCH_PEBBLE_MGMT_PORT",
    "certificate": ".local/pebble/cert.pem",
    "privateKey": ".local/pebble/key.pem",
    "httpPort": $HTTP01_PORT,
    "tlsPort": 18590,
    "ocspResponderURL": "",
    "externalAccountBindingRequired": false
  }
}
EOF
  # Every name resolves to 127.0.0.1.
  pebble-challtestsrv -management "127.0.0.1:$BENCH_DNS_MGMT_PORT" -dns01 "127.0.0.1:$BENCH_DNS_PORT" \
    -defaultIPv4 127.0.0.1 -defaultIPv6 "" -http01 "" -https01 "" -tlsalpn01 "" >"$LOGS/bench-challtestsrv.log" 2>&1 &
  PIDS+=("$!")
  PEBBLE_WFE_NONCEREJECT=0 PEBBLE_VA_NOSLEEP=1 pebble -config "$dir/pebble-config.json" \
    -dnsserver "127.0.0.1:$BENCH_DNS_PORT" >"$LOGS/bench-pebble.log" 2>&1 &
  PIDS+=("$!")
  for _ in $(seq 1 30); do curl -fs -o /dev/null --cacert .local/pebble/ca.pem "https://127.0.0.1:$BENCH_PEBBLE_PORT/dir" && return 0; sleep 1; done
  die "the benchmark's Pebble did not start; see $LOGS/bench-pebble.log"
}

bench_acme() {
  local count=${1:-50} i
  local directory="https://127.0.0.1:$BENCH_PEBBLE_PORT/dir" vault=bench
  start_pebble
  say "acme $count: fresh database"
  fresh_database
  # A parked order is due again after 1 s (renewd.acme.first-check): the renewer looks for due work every second.
  # shellcheck disable=SC2046
  start_renewd "bench-acme-$count" api,scheduler,relay,renewer -Drenewd.renewer.poll-interval=1s $(run_topics acme)
  local base="localhost:$PORT/vaults/$vault"
  api -X PUT "$base" >/dev/null || die "could not create vault $vault"
  # A CA without a concurrency limit, as a user would set its issuer: as many attempts at once as renewd.acme.max-concurrent allows.
  api -X PUT "$base/certificates/issuers/bench-acme?api-version=7.6" -d "{\"provider\": \"acme\", \"acme\": {\"directory_url\": \"$directory\", \"contact\": \"pki@example.com\"},
    \"limits\": {\"max_concurrent\": ${BENCH_ACME_MAX_CONCURRENT:-6}}}" >/dev/null \
    || die "could not create the acme issuer"

  say "acme $count: renewd issues $count certificates"
  local t0 t1 issue_s
  t0=$(date +%s.%N)
  for i in $(seq 1 "$count"); do
    api -X POST "$base/certificates/a$i/create?api-version=7.6" -d "{\"policy\": {\"key_props\": {\"kty\": \"EC\", \"crv\": \"P-256\"},
      \"x509_props\": {\"subject\": \"CN=a$i.bench.test\", \"sans\": {\"dns_names\": [\"a$i.bench.test\"]}},
      \"issuer\": {\"name\": \"bench-acme\"}}}" >/dev/null || die "could not create certificate a$i"
  done
  wait_published io.renewd.certificate.NewVersionCreated "$count" 600 "bench-acme-$count"
  t1=$(date +%s.%N)
  issue_s=$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.2f", b - a}')

  say "acme $count: renewd renews them at once (their AutoRenew due now)"
  local since; since=$(sql "select now()")
  "${PSQL[@]}/$DB" -v kind=AutoRenew -v count="$count" -f scripts/benchmark/due-now.sql
  wait_published io.renewd.certificate.NewVersionCreated $((2 * count)) 600 "bench-acme-$count"
  local renew_s renewd_rate failed rss_mb
  renew_s=$(renewal_seconds "$since")
  renewd_rate=$(awk -v n="$count" -v s="$renew_s" 'BEGIN {printf "%.2f", n / s}')
  failed=$(sql "select count(*) from outbox where type = 'io.renewd.certificate.RenewalFailed'")
  rss_mb=$(peak_rss)
  stop_renewd

  # certbot, through the same Pebble, validating HTTP-01 on the same port with its standalone server.
  say "acme $count: certbot issues $count certificates"
  local cb=.local/bench-certbot
  rm -rf "$cb"
  local certbot=(certbot --config-dir "$cb/config" --work-dir "$cb/work" --logs-dir "$cb/logs" -n --server "$directory")
  export REQUESTS_CA_BUNDLE=.local/pebble/ca.pem
  "${certbot[@]}" register --agree-tos --register-unsafely-without-email >"$LOGS/bench-certbot.log" 2>&1 \
    || die "certbot could not register with Pebble; see $LOGS/bench-certbot.log"
  local c0 c1 c2 certbot_issue_s certbot_renew_s certbot_rate
  c0=$(date +%s.%N)
  for i in $(seq 1 "$count"); do
    "${certbot[@]}" certonly --standalone --http-01-address 127.0.0.1 --http-01-port "$HTTP01_PORT" \
      --key-type ecdsa --elliptic-curve secp256r1 --cert-name "a$i" -d "a$i.bench.test" >>"$LOGS/bench-certbot.log" 2>&1 \
      || die "certbot could not issue a$i; see $LOGS/bench-certbot.log"
  done
  c1=$(date +%s.%N)
  say "acme $count: certbot renews them (renew --force-renewal)"
  "${certbot[@]}" renew --force-renewal --no-random-sleep-on-renew >>"$LOGS/bench-certbot.log" 2>&1 \
    || die "certbot renew failed; see $LOGS/bench-certbot.log"
  c2=$(date +%s.%N)
  local renewed; renewed=$(find "$cb/config/archive" -name 'cert2.pem' | wc -l)
  [ "$renewed" -eq "$count" ] || die "certbot renewed $renewed of $count certificates; see $LOGS/bench-certbot.log"
  certbot_issue_s=$(awk -v a="$c0" -v b="$c1" 'BEGIN {printf "%.2f", b - a}')
  certbot_renew_s=$(awk -v a="$c1" -v b="$c2" 'BEGIN {printf "%.2f", b - a}')
  certbot_rate=$(awk -v n="$count" -v s="$certbot_renew_s" 'BEGIN {printf "%.2f", n / s}')
  local ratio; ratio=$(awk -v a="$renewd_rate" -v b="$certbot_rate" 'BEGIN {printf "%.1f", a / b}')
  say "acme $count: renewd renewed in ${renew_s}s ($renewd_rate/s), certbot in ${certbot_renew_s}s ($certbot_rate/s): ${ratio}x"
  echo
  echo "| client | $count issued (wall) | $count renewed at once | renewals/s | failures | peak RSS |"
  echo "| --- | --- | --- | --- | --- | --- |"
  echo "| renewd (-Xmx$HEAP) | $issue_s s | $(printf '%.2f' "$renew_s") s (first fired to last acknowledged) | $renewd_rate | $failed RenewalFailed | $rss_mb MB |"
  echo "| certbot $(certbot --version 2>&1 | awk '{print $2}') | $certbot_issue_s s ($count certonly) | $certbot_renew_s s (renew --force-renewal) | $certbot_rate | 0 | - |"
  echo
  echo "renewd / certbot renewals per second: ${ratio}x"
}

# renewd's own PKI classes (the packaged jar and its libraries), timed without anything around them.
bench_pki() {
  "$JAVA_HOME/bin/java" -cp "target/quarkus-app/app/*:target/quarkus-app/lib/main/*" scripts/benchmark/PkiFloor.java "${1:-4000}"
  echo "load average (1 min) at the end: $(cut -d' ' -f1 /proc/loadavg)"
}

case "$SCENARIO" in
  pki) bench_pki "$@" ;;
  sweep) bench_sweep "$@" ;;
  renew) bench_renew "$@" ;;
  reissue) bench_reissue "$@" ;;
  acme) bench_acme "$@" ;;
esac
