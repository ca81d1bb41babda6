#!/usr/bin/env bash
# Scheduler benchmark (issue 4; method and figures in docs/benchmarks.md):
#   scripts/benchmark.sh [SIZES...]        default: 10000 100000 1000000
# For each size: a fresh database, the packaged renewd in its own JVM against the local run's
# PostgreSQL and Kafka, SIZE certificate versions loaded with due times spread over a year,
# then (a) the sweep with nothing due, (b) 10,000 actions due at once, end to end into Kafka,
# (c) renewd's peak resident memory. Figures come from renewd's own metrics, the outbox and /proc.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/common.sh

SIZES=("${@:-10000 100000 1000000}")
read -r -a SIZES <<< "${SIZES[*]}"
PORT=18080
# The packaged renewd has the management interface (health, metrics) on a port of its own, and
# serves HTTPS besides HTTP under the local profile: both moved off the local run's ports.
MGMT_PORT=19000
HTTPS_PORT=18443
DB=renewd_bench
HEAP=${BENCH_HEAP:-300m}
PSQL=(psql -q -X -v ON_ERROR_STOP=1 "postgresql://renewd:renewd@127.0.0.1:55432")
# Its events go to topics of its own (bench.*), so the local run's consumers never see them.
# Creating databases needs the cluster's superuser, over its local socket.
if [ "$(id -u)" -eq 0 ]; then ADMIN=(runuser -u postgres -- psql -q -X -p 55432); else ADMIN=(sudo -u postgres psql -q -X -p 55432); fi
LOGS=.local/logs

choose_jdk
scripts/local-run.sh services >/dev/null
# renewd (%local) verifies API tokens with the local run's key; the benchmark calls no API, but renewd needs the key to start.
scripts/local-run.sh token >/dev/null
export QUARKUS_OIDC_PUBLIC_KEY; QUARKUS_OIDC_PUBLIC_KEY=$(openssl pkey -in .local/oidc/signing-key.pem -pubout -outform DER | base64 -w0)
if [ -z "$(find src/main pom.xml -newer target/quarkus-app/quarkus-run.jar -print -quit 2>/dev/null)" ] && [ -f target/quarkus-app/quarkus-run.jar ]; then
  say "renewd is packaged and up to date"
else
  say "packaging renewd"
  ./mvnw -q -B package -DskipTests > "$LOGS/benchmark-package.log" 2>&1 \
    || { tail -30 "$LOGS/benchmark-package.log"; die "packaging renewd failed (log: $LOGS/benchmark-package.log)"; }
fi

metric() { curl -s "localhost:$MGMT_PORT/q/metrics" | awk -v m="$1" '$1 == m {print $2}'; }
sql() { "${PSQL[@]}/$DB" -t -A -c "$1"; }

# Waits until COUNT events of TYPE are published (acknowledged by Kafka).
wait_published() {
  for _ in $(seq 1 600); do
    [ "$(sql "select count(*) from outbox where type = '$1' and published_at is not null")" -ge "$2" ] && return 0
    sleep 0.5
  done
  die "$2 events of type $1 were not published within 5 minutes; see $LOGS/bench-renewd-$size.log"
}

results=()
for size in "${SIZES[@]}"; do
  say "size $size: fresh database"
  (cd / && "${ADMIN[@]}" -c "drop database if exists $DB" -c "create database $DB owner renewd")
  # BENCH_JFR=1 records a Java Flight Recording of renewd for each size (for profiling, not for the figures).
  jfr=(); [ -n "${BENCH_JFR:-}" ] && jfr=("-XX:StartFlightRecording=filename=$LOGS/bench-$size.jfr,dumponexit=true,settings=profile")
  "$JAVA_HOME/bin/java" -Xmx"$HEAP" "${jfr[@]}" -Dquarkus.profile=local -Dquarkus.http.port=$PORT \
    -Dquarkus.http.ssl-port=$HTTPS_PORT -Dquarkus.management.enabled=true -Dquarkus.management.port=$MGMT_PORT \
    -Dquarkus.datasource.jdbc.url="jdbc:postgresql://127.0.0.1:55432/$DB" \
    -Drenewd.events.topics.near-expiry=bench.near-expiry -Drenewd.events.topics.renewed=bench.renewed \
    -Drenewd.events.topics.failed=bench.failed -Drenewd.events.topics.expired=bench.expired -Drenewd.events.topics.audit=bench.audit \
    -Drenewd.scheduler.sweep-interval=2s -Drenewd.metrics.per-certificate=false -Drenewd.roles=api,scheduler,relay \
    -jar target/quarkus-app/quarkus-run.jar >"$LOGS/bench-renewd-$size.log" 2>&1 &
  pid=$!
  trap 'kill $pid 2>/dev/null || true' EXIT
  for _ in $(seq 1 120); do curl -sf -o /dev/null "localhost:$MGMT_PORT/q/health/ready" && break; sleep 1; done
  curl -sf -o /dev/null "localhost:$MGMT_PORT/q/health/ready" || die "renewd did not become ready; see $LOGS/bench-renewd-$size.log"

  say "size $size: loading"
  start=$(date +%s)
  "${PSQL[@]}/$DB" -v n="$size" -f scripts/benchmark/load.sql
  load_s=$(( $(date +%s) - start ))
  rows=$(sql "select count(*) from due_action")

  # (a) sweeps with nothing due: mean of renewd's own sweep timer over at least 10 sweeps
  sleep 5
  s0=$(metric renewd_sweep_duration_seconds_sum); c0=$(metric renewd_sweep_duration_seconds_count)
  sleep 25
  s1=$(metric renewd_sweep_duration_seconds_sum); c1=$(metric renewd_sweep_duration_seconds_count)
  empty_ms=$(awk -v s0="$s0" -v s1="$s1" -v c0="$c0" -v c1="$c1" 'BEGIN {printf "%.2f", (s1 - s0) / (c1 - c0) * 1000}')
  sweeps=$(awk -v c0="$c0" -v c1="$c1" 'BEGIN {print c1 - c0}')

  # (b) warm-up: 2,000 expiries fire end to end first (a running renewd has compiled its
  # event path long ago; a fresh JVM compiles it during the first batches it sends)
  "${PSQL[@]}/$DB" -v kind=Expired -v count=2000 -f scripts/benchmark/due-now.sql
  wait_published io.renewd.certificate.Expired 2000
  # (b) 10,000 actions due at once, until every event is acknowledged by Kafka
  "${PSQL[@]}/$DB" -v kind=AutoRenew -v count=10000 -f scripts/benchmark/due-now.sql
  wait_published io.renewd.certificate.NearExpiry 10000
  e2e=$(sql "select extract(epoch from (select max(published_at) from outbox where type = 'io.renewd.certificate.NearExpiry')
                                      - (select min(settled_at) from due_action where state = 'fired' and kind = 'AutoRenew'))")
  rate=$(awk -v s="$e2e" 'BEGIN {printf "%.0f", 10000 / s}')
  # (c) peak resident memory of the renewd process over its life
  rss_mb=$(awk '/VmHWM/ {printf "%.0f", $2 / 1024}' "/proc/$pid/status")

  kill "$pid"; wait "$pid" 2>/dev/null || true
  trap - EXIT
  results+=("| $size | $rows | ${load_s} s | $empty_ms ms ($sweeps sweeps) | $(printf '%.2f' "$e2e") s | $rate events/s | $rss_mb MB |")
  say "size $size: load ${load_s}s, empty sweep ${empty_ms} ms, 10k due in ${e2e}s ($rate/s), peak RSS ${rss_mb} MB"
done

echo
echo "| versions | due rows | load | (a) sweep, nothing due (mean) | (b) 10k due, first fired to last acknowledged | (b) throughput | (c) peak RSS (-Xmx$HEAP) |"
echo "| --- | --- | --- | --- | --- | --- | --- |"
printf '%s\n' "${results[@]}"
