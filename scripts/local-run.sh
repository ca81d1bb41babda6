#!/usr/bin/env bash
# Run renewd locally against real services, without Docker.
#
#   scripts/local-run.sh [start] [--idp keycloak] [--no-renewd] [--keep-services] [-- MAVEN_ARGS...]
#                             start PostgreSQL, Kafka, GreenMail (SMTP sink), Pebble (ACME CA),
#                             then renewd in Quarkus dev mode (profile "local"; HTTP 8080, HTTPS 8443) in the foreground.
#                             Ctrl-C stops renewd and the services this run started.
#                             --idp keycloak: also a Keycloak (from Maven Central) with the realm "renewd"
#                             (scripts/local/keycloak/renewd-realm.json); renewd verifies its tokens as in
#                             production (discovery, JWKS, audience renewd); prints a curl line for a token
#   scripts/local-run.sh services [--idp keycloak]   start (or reuse) the services only, and return
#   scripts/local-run.sh stop       stop renewd and every service this script started
#   scripts/local-run.sh status     show what runs where
#   scripts/local-run.sh reset      stop, then delete the local data (.local/) to start afresh
#   scripts/local-run.sh kafka TOOL [ARGS...]   run a Kafka CLI tool against the local broker,
#                             e.g. kafka console-consumer --topic renewd.certificate.near-expiry --from-beginning
#   scripts/local-run.sh psql [ARGS...]          psql into the local renewd database
#   scripts/local-run.sh token [--subject S] [--groups G1,G2] [--minutes N]
#                             print a bearer token for the local run (default: local-admin, group
#                             renewd-admins, 60 minutes), signed with the local run's own key
#
# Everything (data, logs, PIDs, downloaded jars' classpath) lives in .local/ at the repository
# root (gitignored). A second run reuses running services and the data. Needs Debian/Ubuntu,
# a JDK >= 21, and root or sudo (for apt and PostgreSQL's cluster tools).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
HERE="$ROOT/scripts/local"
LOCAL="$ROOT/.local"
# .local may be a symbolic link (to another disk, or shared with another work tree): use its real
# path, which is what the processes' command lines and PostgreSQL's cluster list show.
if [[ -d $LOCAL ]]; then LOCAL="$(cd "$LOCAL" && pwd -P)"; fi
LOGS="$LOCAL/logs"
RUN="$LOCAL/run"
LIB="$LOCAL/lib"
SELF="scripts/local-run.sh"

# Addresses: they must match the %local profile in src/main/resources/application.properties.
HOST=127.0.0.1
PG_PORT=55432
PG_CLUSTER=renewd
PG_DATA="$LOCAL/postgres"
PG_URL="postgresql://renewd:renewd@$HOST:$PG_PORT/renewd"
KAFKA_PORT=59092
KAFKA_CONTROLLER_PORT=59093
KAFKA_DIR="$LOCAL/kafka"
SMTP_PORT=53025
IMAP_PORT=53143
GREENMAIL_API_PORT=58025
PEBBLE_DIR="$LOCAL/pebble"
# The local run's token signing key: renewd (%local) trusts it; never used outside the local run.
OIDC_DIR="$LOCAL/oidc"
OIDC_ISSUER="https://login.renewd.local/renewd"
OIDC_AUDIENCE="https://vault.renewd.local"
PEBBLE_PORT=14000
PEBBLE_MGMT_PORT=15000
CHALLTESTSRV_DNS_PORT=58053
CHALLTESTSRV_MGMT_PORT=58055
RENEWD_PORT=8080   # renewd's HTTP port
RENEWD_HTTP01_PORT=8089   # renewd's HTTP-01 listener (renewd.acme.http01.port); Pebble validates HTTP-01 challenges there
RENEWD_HTTPS_PORT=8443   # renewd's HTTPS port (the Azure SDK's Key Vault clients require HTTPS)
TLS_DIR="$LOCAL/tls"     # renewd's certificate for it, made once (%local in application.properties)
# --idp keycloak: Keycloak's server distribution, unpacked from Maven Central by scripts/local/pom.xml
# (profile keycloak; the version the tests use), its data in its data/ directory (kept across runs).
KEYCLOAK_VERSION=26.5.6
KEYCLOAK_HOME="$LOCAL/keycloak/keycloak-$KEYCLOAK_VERSION"
KEYCLOAK_PORT=58180
KEYCLOAK_MGMT_PORT=58190
KEYCLOAK_REALM_FILE="$HERE/keycloak/renewd-realm.json"
KEYCLOAK_ISSUER="http://$HOST:$KEYCLOAK_PORT/realms/renewd"
IDP=local

# Shared with scripts/test.sh and .ci/run: ensure_packages (apt) and choose_jdk. Sourced first, so
# the richer die() below (with a log excerpt) replaces the shared one.
# shellcheck source=lib/common.sh
source "$ROOT/scripts/lib/common.sh"

# ---------------------------------------------------------------------------------------------
# Messages
# ---------------------------------------------------------------------------------------------
info() { printf '==> %s\n' "$*"; }
warn() { printf 'local-run: warning: %s\n' "$*" >&2; }
die() {
  printf 'local-run: error: %s\n' "$1" >&2
  local log=${2:-}
  if [[ -n $log && -r $log ]]; then
    printf -- '--- last lines of %s ---\n' "$log" >&2
    tail -n 20 "$log" >&2 || true
    printf -- '---\n' >&2
  fi
  exit 1
}

usage() {
  sed -n '2,21s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"
}

# ---------------------------------------------------------------------------------------------
# Privileges, packages, JDK
# ---------------------------------------------------------------------------------------------
SUDO=()
if (( EUID != 0 )); then SUDO=(sudo); fi

need_sudo() {
  if (( EUID != 0 )) && ! command -v sudo >/dev/null 2>&1; then
    die "not root and sudo is not installed: run as root, or install sudo"
  fi
}

# Runs a command as the postgres system user (PostgreSQL refuses to run as root).
as_postgres() {
  if (( EUID == 0 )); then (cd / && runuser -u postgres -- "$@"); else (cd / && sudo -u postgres -- "$@"); fi
}

# ---------------------------------------------------------------------------------------------
# Processes: PID files in .local/run; each PID is checked against its command line before use,
# so a recycled PID never makes us touch a process we did not start.
# ---------------------------------------------------------------------------------------------
port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

# The process exists and is not a zombie.
proc_alive() {
  local st
  [[ -n $1 && -r /proc/$1/stat ]] || return 1
  st=$(<"/proc/$1/stat") 2>/dev/null || return 1
  st=${st##*) }   # the fields after "(comm)": state first
  st=${st%% *}
  [[ -n $st && $st != Z && $st != X ]]
}

# The PIDs of the children of process $1.
child_pids() {
  local f st rest
  for f in /proc/[0-9]*/stat; do
    st=$(<"$f") 2>/dev/null || continue
    rest=${st##*) }            # "state ppid ..."
    rest=${rest#* }
    if [[ ${rest%% *} == "$1" ]]; then f=${f#/proc/}; echo "${f%/stat}"; fi
  done
}

read_pid() { local f="$RUN/$1.pid"; if [[ -s $f ]]; then tr -dc '0-9' <"$f"; fi; }

# proc_matches PID STRING... : the process is alive and its command line contains every STRING.
proc_matches() {
  local pid=$1 cmd s; shift
  [[ -n $pid && -r /proc/$pid/cmdline ]] || return 1
  cmd=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || return 1
  [[ -n $cmd ]] || return 1
  for s in "$@"; do [[ $cmd == *"$s"* ]] || return 1; done
}

# Strings that identify each process we start (see proc_matches).
signature() {
  case $1 in
    kafka) echo "kafka.Kafka"; echo "$KAFKA_DIR/server.properties" ;;
    greenmail) echo "$LIB/greenmail-standalone.jar" ;;
    challtestsrv) echo "pebble-challtestsrv"; echo "$HOST:$CHALLTESTSRV_MGMT_PORT" ;;
    pebble) echo "$PEBBLE_DIR/pebble-config.json" ;;
    keycloak) echo "$KEYCLOAK_HOME/" ;;   # kc.sh, or the JVM it becomes (-Dkc.home.dir=...)
    renewd) echo "quarkus:dev"; echo "$ROOT" ;;
  esac
}

# Prints the PID of service $1 if the recorded process is alive and is ours.
svc_pid() {
  local name=$1 pid sigs=()
  pid=$(read_pid "$name")
  [[ -n $pid ]] || return 0
  mapfile -t sigs < <(signature "$name")
  if proc_matches "$pid" "${sigs[@]}"; then echo "$pid"; fi
}

# Removes the PID file of NAME if its process is gone (not if the PID is alive, even if the
# process is not ours: another work tree sharing .local/ may be using it).
forget_pid() {
  local pid; pid=$(read_pid "$1")
  if [[ -z $pid ]] || ! proc_alive "$pid"; then rm -f "$RUN/$1.pid"; fi
}

# launch NAME LOG CMD... : starts CMD in its own session (so a Ctrl-C in the terminal reaches
# only renewd; the trap then stops the services), output to LOG, PID to .local/run/NAME.pid.
launch() {
  local name=$1 log=$2; shift 2
  if [[ -f $log ]]; then mv -f "$log" "$log.1"; fi
  rm -f "$RUN/$name.pid"
  # shellcheck disable=SC2016
  setsid bash -c 'echo $$ >"$0"; exec "$@"' "$RUN/$name.pid" "$@" </dev/null >"$log" 2>&1 9>&- &
  local i
  for i in $(seq 50); do [[ -s $RUN/$name.pid ]] && return 0; sleep 0.05; done
  die "could not start $name" "$log"
}

# wait_ready NAME TIMEOUT LOG CHECK... : waits until CHECK succeeds; fails fast if the process died.
wait_ready() {
  local name=$1 timeout=$2 log=$3; shift 3
  local deadline=$((SECONDS + timeout)) pid
  until "$@" >/dev/null 2>&1; do
    pid=$(read_pid "$name")
    if [[ -n $pid ]] && ! proc_alive "$pid"; then die "$name exited during startup; see $log" "$log"; fi
    (( SECONDS < deadline )) || die "$name is not ready after ${timeout}s; see $log" "$log"
    sleep 0.2
  done
}

# The services start in parallel: pending records what to wait for, await_pending waits.
PENDING=()
pending() { PENDING+=("$1|$2|$3|$4|$5"); }   # NAME TIMEOUT LOG CHECK_FUNCTION MESSAGE
await_pending() {
  local entry name timeout log check msg
  for entry in "${PENDING[@]}"; do
    IFS='|' read -r name timeout log check msg <<<"$entry"
    wait_ready "$name" "$timeout" "$log" "$check"
    info "$msg"
  done
  PENDING=()
}

# stop_pid NAME : stops the recorded process of NAME if it is ours (TERM, then KILL after 30 s).
stop_pid() {
  local name=$1 pid i
  pid=$(svc_pid "$name")
  if [[ -z $pid ]]; then forget_pid "$name"; return 1; fi
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 300); do proc_alive "$pid" || break; sleep 0.1; done
  if proc_alive "$pid"; then
    warn "$name (pid $pid) did not stop within 30 s; killing it"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$RUN/$name.pid"
  echo "$pid"
}

# Refuses to start a service on a port that another process already holds.
require_free_port() {
  local name=$1 port=$2
  if port_open "$HOST" "$port"; then
    die "port $HOST:$port (for $name) is used by a process this script did not start; stop it, then retry"
  fi
}

# ---------------------------------------------------------------------------------------------
# Jars (Kafka, GreenMail) resolved from Maven Central with the repository's Maven wrapper
# ---------------------------------------------------------------------------------------------
jars_resolved() {
  local stamp="$LIB/deps.sha256" want j
  want=$(sha256sum "$HERE/pom.xml" | cut -d ' ' -f 1)
  [[ -f $stamp && $(<"$stamp") == "$want" && -s $LIB/kafka.classpath && -s $LIB/kafka-cp.args \
     && -s $LIB/greenmail-standalone.jar ]] || return 1
  while IFS= read -r j; do [[ -f $j ]] || return 1; done < <(tr ':' '\n' <"$LIB/kafka.classpath")
}

resolve_jars() {
  jars_resolved && return 0
  local log="$LOGS/maven-deps.log"
  info "Resolving the Kafka and GreenMail jars from Maven Central (first run only; log: .local/logs/maven-deps.log)"
  (cd "$ROOT" && ./mvnw -q -B -f "$HERE/pom.xml" "-Dlocal.dir=$LOCAL" validate) >"$log" 2>&1 \
    || die "could not resolve the Kafka/GreenMail jars" "$log"
  # A java @argfile keeps the broker's command line short.
  local cp
  cp=$(<"$LIB/kafka.classpath")
  printf -- '-cp\n"%s"\n' "${cp//\\/\\\\}" >"$LIB/kafka-cp.args"
  sha256sum "$HERE/pom.xml" | cut -d ' ' -f 1 >"$LIB/deps.sha256"
  jars_resolved || die "the resolved classpath is incomplete" "$log"
}

# ---------------------------------------------------------------------------------------------
# PostgreSQL: a dedicated cluster "renewd" of the Debian packages, data in .local/postgres
# ---------------------------------------------------------------------------------------------
PG_VERSION=""

pg_cluster_line() {
  command -v pg_lsclusters >/dev/null 2>&1 || return 0
  { pg_lsclusters -h 2>/dev/null || true; } | awk -v n="$PG_CLUSTER" '$2 == n { print; exit }'
}

pg_ready() { pg_isready -q -h "$HOST" -p "$PG_PORT"; }

pg_online() {
  local line; line=$(pg_cluster_line)
  [[ -n $line ]] && [[ $(awk '{print $4}' <<<"$line") == online ]]
}

# Makes sure the postgres user can reach .local/postgres (home directories are often 0750).
pg_check_access() {
  local d="$LOCAL" blocked=()
  chmod o+x "$LOCAL" "$LOGS"
  while [[ $d != / ]]; do
    if ! as_postgres test -x "$d" 2>/dev/null; then blocked=("$d" "${blocked[@]}"); fi
    d=$(dirname "$d")
  done
  (( ${#blocked[@]} )) || return 0
  if command -v setfacl >/dev/null 2>&1; then
    info "Letting the postgres user traverse ${blocked[*]} (setfacl u:postgres:x)"
    "${SUDO[@]}" setfacl -m u:postgres:x "${blocked[@]}"
  else
    die "the postgres user cannot reach $LOCAL (PostgreSQL keeps its data in .local/postgres). Allow it to traverse: sudo setfacl -m u:postgres:x ${blocked[*]}  (or: chmod o+x ${blocked[*]})"
  fi
}

pg_setup_cluster() {
  local line ver datadir log="$LOGS/postgres-setup.log"
  line=$(pg_cluster_line)
  if [[ -n $line ]]; then
    ver=$(awk '{print $1}' <<<"$line")
    datadir=$(awk '{print $6}' <<<"$line")
    if [[ $datadir == "$PG_DATA" ]] && "${SUDO[@]}" test -f "$PG_DATA/PG_VERSION"; then
      PG_VERSION=$ver
      return 0
    fi
    if [[ $datadir != "$PG_DATA" ]] && "${SUDO[@]}" test -e "$datadir"; then
      die "a PostgreSQL cluster named '$PG_CLUSTER' already exists with its data in $datadir (another checkout?). Stop and remove it first: sudo pg_dropcluster --stop $ver $PG_CLUSTER"
    fi
    # Its data is gone (.local was deleted): drop the stale configuration and create it anew.
    info "Removing the stale PostgreSQL cluster $ver/$PG_CLUSTER (its data directory is gone)"
    "${SUDO[@]}" pg_dropcluster --stop "$ver" "$PG_CLUSTER" >>"$log" 2>&1 \
      || "${SUDO[@]}" rm -rf "/etc/postgresql/$ver/$PG_CLUSTER"
  fi
  ver=$( { find /usr/lib/postgresql -mindepth 3 -maxdepth 3 -path '*/bin/initdb' 2>/dev/null || true; } \
          | awk -F/ '{print $5}' | sort -n | tail -n 1)
  [[ -n $ver ]] || die "no PostgreSQL server found under /usr/lib/postgresql (package postgresql)"
  PG_VERSION=$ver
  info "Creating PostgreSQL $ver cluster '$PG_CLUSTER' in .local/postgres (port $PG_PORT)"
  if "${SUDO[@]}" test -e "$PG_DATA" && [[ -n $("${SUDO[@]}" ls -A "$PG_DATA") ]]; then
    die "$PG_DATA is not empty but no PostgreSQL cluster uses it; move it away (sudo rm -rf $PG_DATA to start afresh)"
  fi
  "${SUDO[@]}" install -d -o postgres -g postgres -m 0700 "$PG_DATA"
  touch "$LOGS/postgres.log"
  "${SUDO[@]}" chown postgres:postgres "$LOGS/postgres.log"
  pg_check_access
  "${SUDO[@]}" pg_createcluster --datadir "$PG_DATA" --port "$PG_PORT" --start-conf manual \
      --logfile "$LOGS/postgres.log" --encoding UTF8 --locale C.UTF-8 \
      "$ver" "$PG_CLUSTER" >>"$log" 2>&1 \
    || die "pg_createcluster failed" "$log"
  # Listen on 127.0.0.1 only (Debian's postgresql.conf includes conf.d/).
  printf "# Written by %s\nlisten_addresses = '%s'\n" "$SELF" "$HOST" \
    | "${SUDO[@]}" tee "/etc/postgresql/$ver/$PG_CLUSTER/conf.d/renewd-local.conf" >/dev/null
}

pg_start() {
  need_sudo
  pg_setup_cluster
  if pg_online; then
    wait_ready PostgreSQL 30 "$LOGS/postgres.log" pg_ready
    info "PostgreSQL: reusing the running cluster $PG_VERSION/$PG_CLUSTER"
  else
    require_free_port PostgreSQL "$PG_PORT"
    pg_check_access
    "${SUDO[@]}" pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" "$PG_CLUSTER" start >>"$LOGS/postgres-setup.log" 2>&1 9>&- \
      || die "PostgreSQL did not start; see .local/logs/postgres.log" "$LOGS/postgres.log"
    STARTED+=(postgres)
    wait_ready PostgreSQL 30 "$LOGS/postgres.log" pg_ready
    info "PostgreSQL: started cluster $PG_VERSION/$PG_CLUSTER"
  fi
  "${SUDO[@]}" head -n 1 "$PG_DATA/postmaster.pid" >"$RUN/postgres.pid" 2>/dev/null || true
  # Role and database (idempotent).
  as_postgres psql -X -q -v ON_ERROR_STOP=1 -p "$PG_PORT" -d postgres >>"$LOGS/postgres-setup.log" 2>&1 <<'SQL' \
    || die "could not create the renewd role/database" "$LOGS/postgres-setup.log"
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'renewd') THEN
    CREATE ROLE renewd LOGIN PASSWORD 'renewd';
  END IF;
END $$;
SELECT 'CREATE DATABASE renewd OWNER renewd' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'renewd')\gexec
SQL
}

pg_stop() {
  local line ver
  line=$(pg_cluster_line)
  [[ -n $line ]] || return 1
  [[ $(awk '{print $6}' <<<"$line") == "$PG_DATA" ]] || return 1
  pg_online || { rm -f "$RUN/postgres.pid"; return 1; }
  ver=$(awk '{print $1}' <<<"$line")
  need_sudo
  "${SUDO[@]}" pg_ctlcluster --skip-systemctl-redirect "$ver" "$PG_CLUSTER" stop -m fast >>"$LOGS/postgres-setup.log" 2>&1 \
    || warn "pg_ctlcluster $ver $PG_CLUSTER stop failed; see .local/logs/postgres.log"
  rm -f "$RUN/postgres.pid"
}

# ---------------------------------------------------------------------------------------------
# Kafka: single KRaft node (broker + controller), data in .local/kafka/data
# ---------------------------------------------------------------------------------------------
kafka_write_config() {
  mkdir -p "$KAFKA_DIR/data"
  cat >"$KAFKA_DIR/server.properties" <<EOF
# Written by $SELF at every start; edit the script, not this file.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$HOST:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://$HOST:$KAFKA_PORT,CONTROLLER://$HOST:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://$HOST:$KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$KAFKA_DIR/data
num.partitions=1
default.replication.factor=1
min.insync.replicas=1
auto.create.topics.enable=true
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
EOF
}

kafka_ready() { port_open "$HOST" "$KAFKA_PORT"; }

kafka_java() {
  "$JAVA_HOME/bin/java" "$@"
}

kafka_start() {
  local pid log="$LOGS/kafka.log"
  pid=$(svc_pid kafka)
  if [[ -n $pid ]]; then
    pending kafka 60 "$log" kafka_ready "Kafka: reusing the running broker (pid $pid)"
    return 0
  fi
  require_free_port Kafka "$KAFKA_PORT"
  require_free_port "Kafka controller" "$KAFKA_CONTROLLER_PORT"
  kafka_write_config
  if [[ ! -f $KAFKA_DIR/data/meta.properties ]]; then
    if [[ ! -s $KAFKA_DIR/cluster-id ]]; then
      local cid
      cid=$(kafka_java "@$LIB/kafka-cp.args" -Dlog4j2.configurationFile="$HERE/tools-log4j2.xml" \
              kafka.tools.StorageTool random-uuid 2>>"$LOGS/kafka-format.log") \
        || die "could not generate a Kafka cluster id" "$LOGS/kafka-format.log"
      cid=$(tr -d '[:space:]' <<<"$cid")
      [[ -n $cid ]] || die "could not generate a Kafka cluster id" "$LOGS/kafka-format.log"
      echo "$cid" >"$KAFKA_DIR/cluster-id"
    fi
    info "Kafka: formatting the storage in .local/kafka/data (cluster id $(<"$KAFKA_DIR/cluster-id"))"
    kafka_java "@$LIB/kafka-cp.args" -Dlog4j2.configurationFile="$HERE/tools-log4j2.xml" \
      kafka.tools.StorageTool format -t "$(<"$KAFKA_DIR/cluster-id")" -c "$KAFKA_DIR/server.properties" \
      >>"$LOGS/kafka-format.log" 2>&1 || die "could not format the Kafka storage" "$LOGS/kafka-format.log"
  fi
  launch kafka "$log" "$JAVA_HOME/bin/java" -Xmx512m -Xms128m -XX:+UseG1GC -XX:MaxGCPauseMillis=20 \
    -Djava.awt.headless=true -Dlog4j2.configurationFile="$HERE/kafka-log4j2.xml" -Dkafka.logs.dir="$LOGS" \
    "@$LIB/kafka-cp.args" kafka.Kafka "$KAFKA_DIR/server.properties"
  STARTED+=(kafka)
  pending kafka 60 "$log" kafka_ready "Kafka: started (pid $(read_pid kafka))"
}

# ---------------------------------------------------------------------------------------------
# GreenMail: SMTP sink keeping the mails (in memory) readable over its REST API
# ---------------------------------------------------------------------------------------------
greenmail_ready() {
  port_open "$HOST" "$SMTP_PORT" && curl -fsS -o /dev/null "http://$HOST:$GREENMAIL_API_PORT/api/service/readiness"
}

greenmail_start() {
  local pid log="$LOGS/greenmail.log"
  pid=$(svc_pid greenmail)
  if [[ -n $pid ]]; then
    pending greenmail 60 "$log" greenmail_ready "GreenMail: reusing the running SMTP sink (pid $pid)"
    return 0
  fi
  require_free_port "GreenMail SMTP" "$SMTP_PORT"
  require_free_port "GreenMail IMAP" "$IMAP_PORT"
  require_free_port "GreenMail API" "$GREENMAIL_API_PORT"
  launch greenmail "$log" "$JAVA_HOME/bin/java" -Xmx256m -XX:+UseSerialGC -Djava.awt.headless=true \
    -Dgreenmail.smtp.hostname="$HOST" -Dgreenmail.smtp.port="$SMTP_PORT" \
    -Dgreenmail.imap.hostname="$HOST" -Dgreenmail.imap.port="$IMAP_PORT" \
    -Dgreenmail.auth.disabled \
    -Dgreenmail.api.hostname="$HOST" -Dgreenmail.api.port="$GREENMAIL_API_PORT" \
    -jar "$LIB/greenmail-standalone.jar"
  STARTED+=(greenmail)
  pending greenmail 60 "$log" greenmail_ready "GreenMail: started (pid $(read_pid greenmail))"
}

# ---------------------------------------------------------------------------------------------
# Local TLS: a local CA (DIR/ca.pem) and a server certificate it signed (CERT, KEY in DIR), made once and kept,
# and the CA as a Java truststore (DIR/truststore.p12, password changeit) for Java clients.
#   local_tls DIR "CA name" CERT KEY "subjectAltName" DAYS "what it is for" ALIAS
# ---------------------------------------------------------------------------------------------
local_tls() {
  local dir=$1 ca_name=$2 cert=$3 key=$4 sans=$5 days=$6 what=$7 alias=$8
  local log="$LOGS/$alias-setup.log"
  mkdir -p "$dir"
  if [[ ! -s $dir/$cert || ! -s $dir/$key || ! -s $dir/ca.pem ]]; then
    info "$what"
    (
      cd "$dir"
      umask 077
      openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -keyout ca.key -out ca.pem -subj "/CN=$ca_name" \
        -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign"
      openssl req -newkey rsa:2048 -nodes -keyout "$key" -out server.csr -subj "/CN=localhost"
      printf '%s\n' "subjectAltName=$sans" "basicConstraints=CA:FALSE" \
        "keyUsage=critical,digitalSignature,keyEncipherment" "extendedKeyUsage=serverAuth" >server.ext
      openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days "$days" -extfile server.ext -out "$cert"
      rm -f server.csr server.ext ca.srl truststore.p12
      chmod 644 ca.pem "$cert"
    ) >"$log" 2>&1 || die "could not create the TLS certificate in $dir" "$log"
  fi
  if [[ ! -s $dir/truststore.p12 ]]; then
    "$JAVA_HOME/bin/keytool" -importcert -noprompt -storetype PKCS12 -alias "$alias-ca" -file "$dir/ca.pem" \
      -keystore "$dir/truststore.p12" -storepass changeit >>"$log" 2>&1 \
      || die "keytool could not write $dir/truststore.p12" "$log"
  fi
}

# ---------------------------------------------------------------------------------------------
# renewd's HTTPS certificate: a local CA (.local/tls/ca.pem, the file clients trust) and a
# certificate it signed for localhost, 127.0.0.1, ::1 and every vault's own host name
# (<vault>.vault.localhost), made once and kept (delete .local/tls to make new ones).
# ---------------------------------------------------------------------------------------------
renewd_tls_setup() {
  local_tls "$TLS_DIR" "renewd local HTTPS CA" renewd.crt renewd.key \
    "DNS:localhost,DNS:*.vault.localhost,IP:127.0.0.1,IP:::1" 825 \
    "renewd: creating its HTTPS certificate for localhost/127.0.0.1 (.local/tls/ca.pem is its CA)" renewd-tls
}

# ---------------------------------------------------------------------------------------------
# Pebble: local ACME CA, with pebble-challtestsrv as its DNS (every name -> 127.0.0.1)
# ---------------------------------------------------------------------------------------------
pebble_setup() {
  # Pebble's own TLS certificate; renewd's ACME client trusts .local/pebble/truststore.p12.
  local_tls "$PEBBLE_DIR" "renewd local Pebble TLS CA" cert.pem key.pem "IP:127.0.0.1,IP:::1,DNS:localhost" 3650 \
    "Pebble: creating its TLS certificate for 127.0.0.1/localhost (.local/pebble/ca.pem is its CA)" pebble
  cat >"$PEBBLE_DIR/pebble-config.json" <<EOF
{
  "pebble": {
    "listenAddress": "$HOST:$PEBBLE_PORT",
    "managementListenAddress": "$HOST:$PEBBLE_MGMT_PORT",
    "certificate": "$PEBBLE_DIR/cert.pem",
    "privateKey": "$PEBBLE_DIR/key.pem",
    "httpPort": $RENEWD_HTTP01_PORT,
    "tlsPort": 5001,
    "ocspResponderURL": "",
    "externalAccountBindingRequired": false
  }
}
EOF
}

challtestsrv_ready() { port_open "$HOST" "$CHALLTESTSRV_MGMT_PORT"; }

pebble_ready() {
  curl -fsS -o /dev/null --cacert "$PEBBLE_DIR/ca.pem" "https://$HOST:$PEBBLE_PORT/dir"
}

pebble_start() {
  local pid
  pid=$(svc_pid challtestsrv)
  if [[ -n $pid ]]; then
    pending challtestsrv 30 "$LOGS/challtestsrv.log" challtestsrv_ready "pebble-challtestsrv: reusing the running DNS (pid $pid)"
  else
    require_free_port "pebble-challtestsrv management" "$CHALLTESTSRV_MGMT_PORT"
    launch challtestsrv "$LOGS/challtestsrv.log" pebble-challtestsrv \
      -management "$HOST:$CHALLTESTSRV_MGMT_PORT" -dns01 "$HOST:$CHALLTESTSRV_DNS_PORT" \
      -defaultIPv4 "$HOST" -defaultIPv6 "" -http01 "" -https01 "" -tlsalpn01 ""
    STARTED+=(challtestsrv)
    pending challtestsrv 30 "$LOGS/challtestsrv.log" challtestsrv_ready "pebble-challtestsrv: started (pid $(read_pid challtestsrv))"
  fi
  pid=$(svc_pid pebble)
  if [[ -n $pid ]]; then
    pending pebble 30 "$LOGS/pebble.log" pebble_ready "Pebble: reusing the running ACME CA (pid $pid)"
    return 0
  fi
  require_free_port Pebble "$PEBBLE_PORT"
  require_free_port "Pebble management" "$PEBBLE_MGMT_PORT"
  pebble_setup
  launch pebble "$LOGS/pebble.log" env PEBBLE_WFE_NONCEREJECT=0 PEBBLE_VA_NOSLEEP=1 \
    pebble -config "$PEBBLE_DIR/pebble-config.json" -dnsserver "$HOST:$CHALLTESTSRV_DNS_PORT"
  STARTED+=(pebble)
  pending pebble 30 "$LOGS/pebble.log" pebble_ready "Pebble: started (pid $(read_pid pebble))"
}

# ---------------------------------------------------------------------------------------------
# Keycloak (--idp keycloak): a real identity provider; renewd finds its keys by OIDC discovery
# ---------------------------------------------------------------------------------------------
keycloak_resolve() {
  [[ -f $KEYCLOAK_HOME/bin/kc.sh ]] && return 0
  local log="$LOGS/maven-keycloak.log"
  info "Keycloak: unpacking its server distribution from Maven Central into .local/keycloak (first run only, 160 MB; log: .local/logs/maven-keycloak.log)"
  (cd "$ROOT" && ./mvnw -q -B -f "$HERE/pom.xml" -Pkeycloak "-Dlocal.dir=$LOCAL" "-Dkeycloak.version=$KEYCLOAK_VERSION" validate) >"$log" 2>&1 \
    || die "could not resolve Keycloak" "$log"
  [[ -f $KEYCLOAK_HOME/bin/kc.sh ]] || die "Keycloak is not at $KEYCLOAK_HOME after unpacking" "$log"
}

keycloak_ready() { curl -fsS -o /dev/null "http://$HOST:$KEYCLOAK_PORT/realms/master/.well-known/openid-configuration"; }

keycloak_start() {
  local pid log="$LOGS/keycloak.log"
  pid=$(svc_pid keycloak)
  if [[ -n $pid ]]; then
    pending keycloak 600 "$log" keycloak_ready "Keycloak: reusing the running identity provider (pid $pid)"
    return 0
  fi
  require_free_port Keycloak "$KEYCLOAK_PORT"
  require_free_port "Keycloak management" "$KEYCLOAK_MGMT_PORT"
  keycloak_resolve
  # The bootstrap administrator (admin/admin) sets up the realm below; local use only.
  launch keycloak "$log" env -u JAVA_OPTS -u JAVA_OPTS_APPEND JAVA_HOME="$JAVA_HOME" \
    KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin \
    sh "$KEYCLOAK_HOME/bin/kc.sh" start-dev --http-host="$HOST" --http-port="$KEYCLOAK_PORT" --http-management-port="$KEYCLOAK_MGMT_PORT"
  STARTED+=(keycloak)
  # Its first start builds it (a minute or more); later ones take about 30 s on an idle machine.
  pending keycloak 600 "$log" keycloak_ready "Keycloak: started (pid $(read_pid keycloak))"
}

# Creates the realm "renewd" from scripts/local/keycloak/renewd-realm.json unless it exists.
keycloak_realm() {
  local base="http://$HOST:$KEYCLOAK_PORT" admin code
  admin=$(curl -fsS -d grant_type=password -d client_id=admin-cli -d username=admin -d password=admin \
            "$base/realms/master/protocol/openid-connect/token" | jq -r .access_token) \
    || die "could not sign in to Keycloak as its bootstrap administrator" "$LOGS/keycloak.log"
  code=$(curl -sS -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $admin" "$base/admin/realms/renewd")
  if [[ $code == 404 ]]; then
    curl -fsS -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' --data-binary "@$KEYCLOAK_REALM_FILE" \
      "$base/admin/realms" >/dev/null || die "could not create the Keycloak realm renewd" "$LOGS/keycloak.log"
    info "Keycloak: created the realm renewd (users alice, bob, carol, dave; password = user name)"
  fi
}

keycloak_token_help() {
  cat <<HELP

Keycloak (identity provider) http://$HOST:$KEYCLOAK_PORT   admin console: http://$HOST:$KEYCLOAK_PORT/admin (admin/admin)
  realm renewd: issuer $KEYCLOAK_ISSUER; renewd requires the audience "renewd"
  users (password = user name): alice (group renewd-admins), bob (team-a-officers), carol (team-a-readers), dave (no group)
  a token (password grant of the client renewd), then an API call:
    export TOKEN=\$(curl -s -d grant_type=password -d client_id=renewd -d client_secret=renewd-local-secret -d username=alice -d password=alice $KEYCLOAK_ISSUER/protocol/openid-connect/token | jq -r .access_token)
    curl --cacert .local/tls/ca.pem -H "Authorization: Bearer \$TOKEN" https://localhost:$RENEWD_HTTPS_PORT/vaults
  another application's token (client billing, audience "billing"; renewd answers it with 401):
    curl -s -d grant_type=client_credentials -d client_id=billing -d client_secret=billing-local-secret $KEYCLOAK_ISSUER/protocol/openid-connect/token | jq -r .access_token
HELP
}

# ---------------------------------------------------------------------------------------------
# Start / stop / status
# ---------------------------------------------------------------------------------------------
STARTED=()
CLEANUP=0

stop_service() {
  local name=$1 pid
  case $name in
    postgres) if pg_stop; then info "stopped PostgreSQL (cluster $PG_CLUSTER)"; fi ;;
    *) if pid=$(stop_pid "$name"); then info "stopped $name (pid $pid)"; fi ;;
  esac
}

stop_renewd() {
  local pid children=() c i
  pid=$(svc_pid renewd)
  [[ -n $pid ]] || { forget_pid renewd; return 0; }
  # Quarkus dev mode runs the application in a child JVM of Maven's: stop both.
  mapfile -t children < <(child_pids "$pid")
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 300); do proc_alive "$pid" || break; sleep 0.1; done
  if proc_alive "$pid"; then kill -KILL "$pid" 2>/dev/null || true; fi
  for c in "${children[@]}"; do
    if proc_matches "$c" "$ROOT"; then
      kill -TERM "$c" 2>/dev/null || true
      for i in $(seq 100); do proc_alive "$c" || break; sleep 0.1; done
      if proc_alive "$c"; then kill -KILL "$c" 2>/dev/null || true; fi
    fi
  done
  rm -f "$RUN/renewd.pid"
  info "stopped renewd (pid $pid)"
}

# Stops what this run started, newest first (on Ctrl-C, on failure).
stop_started() {
  local i
  (( ${#STARTED[@]} )) || return 0
  info "Stopping the services this run started: ${STARTED[*]}"
  for (( i = ${#STARTED[@]} - 1; i >= 0; i-- )); do stop_service "${STARTED[i]}" || true; done
  STARTED=()
}

# Ctrl-C (INT), TERM, or the terminal closing (HUP): stop renewd, then exit (the EXIT trap then
# stops the services this run started).
on_signal() {
  trap '' INT TERM HUP
  set +e
  # Without a terminal, messages go to a log file (writing to the closed terminal would fail).
  if (( $1 == 129 )); then exec >>"$LOGS/local-run.log" 2>&1; fi
  echo
  stop_renewd
  exit "$1"
}

on_exit() {
  local rc=$?
  trap '' INT TERM HUP
  set +e
  if (( CLEANUP && ${#STARTED[@]} )); then
    # Not while a `stop` from another terminal is at work (it may be stopping the same services).
    exec 9>"$RUN/lock" && flock -w 120 9
    stop_started
  fi
  exit "$rc"
}

# Serialises start and stop. Every long-lived process is started with fd 9 closed (9>&-), or it
# would keep the lock.
lock() {
  exec 9>"$RUN/lock"
  if ! flock -w 120 9; then die "another $SELF is busy (lock .local/run/lock)"; fi
}
unlock() { exec 9>&-; }

print_table() {
  cat <<EOF

renewd local environment (data and logs in .local/; logs: .local/logs/*.log)
  renewd API       http://localhost:$RENEWD_PORT
  renewd HTTPS     https://localhost:$RENEWD_HTTPS_PORT   (vault URLs: https://localhost:$RENEWD_HTTPS_PORT/vaults/NAME,
                   or https://NAME.vault.localhost:$RENEWD_HTTPS_PORT for the Azure SDK)
                   trust its CA: curl --cacert .local/tls/ca.pem https://localhost:$RENEWD_HTTPS_PORT/vaults
                   Java: -Djavax.net.ssl.trustStore=.local/tls/truststore.p12 -Djavax.net.ssl.trustStorePassword=changeit
  health           http://localhost:$RENEWD_PORT/q/health/ready
  OpenAPI UI       http://localhost:$RENEWD_PORT/q/swagger-ui
  PostgreSQL       $PG_URL
                   psql: psql $PG_URL   (or: $SELF psql)
  Kafka            bootstrap $HOST:$KAFKA_PORT
                   consume:  $SELF kafka console-consumer --topic renewd.certificate.near-expiry --from-beginning
                   produce:  echo hello | $SELF kafka console-producer --topic test
                   topics:   $SELF kafka topics --list
  SMTP sink        smtp://$HOST:$SMTP_PORT (GreenMail; mails kept in memory until it stops)
                   mailboxes: curl http://$HOST:$GREENMAIL_API_PORT/api/user
                   mails:     curl http://$HOST:$GREENMAIL_API_PORT/api/user/RECIPIENT@ADDRESS/messages/
                   web UI:    http://$HOST:$GREENMAIL_API_PORT/   (IMAP $HOST:$IMAP_PORT, any user/password)
  ACME (Pebble)    directory https://$HOST:$PEBBLE_PORT/dir
                   its TLS CA .local/pebble/ca.pem (Java truststore .local/pebble/truststore.p12, password changeit)
                   issuing root https://$HOST:$PEBBLE_MGMT_PORT/roots/0 (new at every Pebble start)
                   HTTP-01 challenges are validated at http://<name>:$RENEWD_HTTP01_PORT/.well-known/acme-challenge/ (every name resolves to $HOST)
  stop             Ctrl-C (stops renewd and the services this run started), or: $SELF stop
EOF
}

start_services() {
  mkdir -p "$LOGS" "$RUN" "$LIB"
  lock
  CLEANUP=1
  local t0=$SECONDS
  ensure_packages postgresql pebble openssl curl util-linux jq
  choose_jdk
  renewd_tls_setup
  resolve_jars
  pg_start
  kafka_start
  greenmail_start
  pebble_start
  if [[ $IDP == keycloak ]]; then keycloak_start; fi
  await_pending
  if [[ $IDP == keycloak ]]; then keycloak_realm; fi
  info "Services ready in $((SECONDS - t0)) s"
  unlock
}

cmd_start() {
  local no_renewd=0 keep=0 maven_args=()
  while (( $# )); do
    case $1 in
      --no-renewd) no_renewd=1 ;;
      --keep-services) keep=1 ;;
      --idp)
        [[ ${2:-} == keycloak || ${2:-} == local ]] || die "--idp takes keycloak or local"
        IDP=$2; shift ;;
      --) shift; maven_args=("$@"); break ;;
      -h|--help) usage; exit 0 ;;
      *) die "unknown option '$1' (see $SELF --help)" ;;
    esac
    shift
  done
  trap on_exit EXIT
  trap 'on_signal 130' INT
  trap 'on_signal 143' TERM
  trap 'on_signal 129' HUP
  if (( ! no_renewd )); then
    local pid; pid=$(svc_pid renewd)
    [[ -z $pid ]] || die "renewd already runs (pid $pid); stop it with Ctrl-C in its terminal or $SELF stop"
  fi
  start_services
  print_table
  if [[ $IDP == keycloak ]]; then keycloak_token_help; fi
  if (( no_renewd )); then
    CLEANUP=0
    echo
    info "Services are running; stop them with: $SELF stop"
    return 0
  fi
  (( keep )) && CLEANUP=0
  if port_open "$HOST" "$RENEWD_PORT"; then
    die "port $RENEWD_PORT (renewd's HTTP port) is already in use by another process"
  fi
  if port_open "$HOST" "$RENEWD_HTTPS_PORT"; then
    die "port $RENEWD_HTTPS_PORT (renewd's HTTPS port) is already in use by another process"
  fi
  if port_open "$HOST" "$RENEWD_HTTP01_PORT"; then
    die "port $RENEWD_HTTP01_PORT (renewd's HTTP-01 listener) is already in use by another process"
  fi
  echo
  if [[ $IDP == keycloak ]]; then
    # As in production: the issuer's URL (keys and issuer by discovery) and the audience; the
    # %local issuer and audience are replaced through their profile's variables.
    export QUARKUS_OIDC_AUTH_SERVER_URL="$KEYCLOAK_ISSUER" _LOCAL_QUARKUS_OIDC_TOKEN_ISSUER="$KEYCLOAK_ISSUER" \
      _LOCAL_QUARKUS_OIDC_TOKEN_AUDIENCE=renewd QUARKUS_OIDC_CLIENT_ID=renewd
    # The web inventory (/ui) signs people in at the same realm through its own client (renewd-realm.json: renewd-web).
    export QUARKUS_OIDC_WEB_AUTH_SERVER_URL="$KEYCLOAK_ISSUER" \
      QUARKUS_OIDC_WEB_CLIENT_ID=renewd-web QUARKUS_OIDC_WEB_CREDENTIALS_SECRET=renewd-web-local-secret
    info "API calls need a bearer token from Keycloak: see the curl line above"
    info "The web inventory: https://localhost:$RENEWD_HTTPS_PORT/ui (sign in as alice, bob, carol or dave; password = user name)"
  else
    oidc_setup
    # renewd (%local) verifies tokens with the local run's key; get one with: $SELF token
    export QUARKUS_OIDC_PUBLIC_KEY; QUARKUS_OIDC_PUBLIC_KEY=$(oidc_public_key)
    info "API calls need a bearer token: export TOKEN=\$($SELF token); curl -H \"Authorization: Bearer \$TOKEN\" localhost:$RENEWD_PORT/vaults"
  fi
  local renewd_cmd=(./mvnw quarkus:dev -Dquarkus.profile=local -Dquarkus.analytics.disabled=true "${maven_args[@]}")
  info "Starting renewd: ${renewd_cmd[*]}  (JAVA_HOME=$JAVA_HOME; Ctrl-C stops it)"
  cd "$ROOT"
  # renewd keeps the terminal (stdin and the terminal's process group, for Quarkus' dev console)
  # but runs as a job of this script, so that `wait` returns on Ctrl-C or a TERM: the trap then
  # stops renewd (TERM: Maven stops the application's JVM), and the EXIT trap the services.
  # Its PID is recorded for `stop`.
  # (quarkus.analytics.disabled: no 10 s "contribute build time data?" question at every start.)
  local rc=0
  # shellcheck disable=SC2016
  bash -c 'echo $$ >"$0"; exec "$@"' "$RUN/renewd.pid" "${renewd_cmd[@]}" <&0 9>&- &
  wait "$!" || rc=$?
  rm -f "$RUN/renewd.pid"
  exit "$rc"
}

# ---------------------------------------------------------------------------------------------
# Tokens: the local run verifies bearer tokens with its own key instead of an issuer's JWKS
# ---------------------------------------------------------------------------------------------
oidc_setup() {
  [[ -s $OIDC_DIR/signing-key.pem ]] && return 0
  mkdir -p "$OIDC_DIR"
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$OIDC_DIR/signing-key.pem" 2>/dev/null \
    || die "openssl could not create the local token signing key"
  chmod 600 "$OIDC_DIR/signing-key.pem"
}

oidc_public_key() { openssl pkey -in "$OIDC_DIR/signing-key.pem" -pubout -outform DER | base64 -w0; }

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }

cmd_token() {
  local subject=local-admin groups=renewd-admins minutes=60
  while (( $# )); do
    case $1 in
      --subject) subject=$2; shift ;;
      --groups) groups=$2; shift ;;
      --minutes) minutes=$2; shift ;;
      *) die "unknown option '$1' (token [--subject S] [--groups G1,G2] [--minutes N])" ;;
    esac
    shift
  done
  command -v jq >/dev/null || die "jq is not installed (run $SELF services first)"
  oidc_setup
  local now header payload unsigned signature
  now=$(date +%s)
  header=$(printf '{"alg":"RS256","typ":"JWT"}' | b64url)
  payload=$(jq -cn --arg iss "$OIDC_ISSUER" --arg aud "$OIDC_AUDIENCE" --arg sub "$subject" --arg groups "$groups" \
    --argjson iat "$now" --argjson exp "$(( now + minutes * 60 ))" \
    '{iss: $iss, aud: $aud, sub: $sub, groups: ($groups | split(",") | map(select(length > 0))), iat: $iat, exp: $exp}' | b64url)
  unsigned="$header.$payload"
  signature=$(printf '%s' "$unsigned" | openssl dgst -sha256 -sign "$OIDC_DIR/signing-key.pem" -binary | b64url)
  printf '%s.%s\n' "$unsigned" "$signature"
}

cmd_stop() {
  mkdir -p "$LOGS" "$RUN"
  lock
  stop_renewd
  local n
  for n in keycloak pebble challtestsrv greenmail kafka postgres; do stop_service "$n" || true; done
  info "Everything this script started is stopped (data kept in .local/)"
}

# Stops everything, then deletes the local data (PostgreSQL cluster, Kafka log, certificates...).
cmd_reset() {
  cmd_stop
  local line
  line=$(pg_cluster_line)
  if [[ -n $line && $(awk '{print $6}' <<<"$line") == "$PG_DATA" ]]; then
    need_sudo
    info "Dropping the PostgreSQL cluster $(awk '{print $1}' <<<"$line")/$PG_CLUSTER and its data"
    "${SUDO[@]}" pg_dropcluster "$(awk '{print $1}' <<<"$line")" "$PG_CLUSTER"
  fi
  # Only what this script creates (.local/postgres and its log belong to the postgres user).
  "${SUDO[@]}" rm -rf "$PG_DATA" "$KAFKA_DIR" "$PEBBLE_DIR" "$KEYCLOAK_HOME/data" "$LIB" "$LOGS" "$RUN"
  info "Local data deleted; the next start begins afresh"
}

status_row() { printf '  %-13s %-53s %-9s %-8s %s\n' "$@"; }

cmd_status() {
  local pid state
  echo "renewd local environment ($LOCAL)"
  status_row SERVICE ADDRESS STATE PID LOG
  # PostgreSQL
  pid=""; state=stopped
  if command -v pg_lsclusters >/dev/null && pg_online && [[ $(pg_cluster_line | awk '{print $6}') == "$PG_DATA" ]]; then
    pid=$(read_pid postgres); state=running
    pg_ready || state=starting
  fi
  status_row postgres "$PG_URL" "$state" "${pid:--}" ".local/logs/postgres.log"
  local row name addr
  for row in "kafka|$HOST:$KAFKA_PORT (controller $KAFKA_CONTROLLER_PORT)|$KAFKA_PORT" \
             "greenmail|smtp $HOST:$SMTP_PORT, api http://$HOST:$GREENMAIL_API_PORT|$SMTP_PORT" \
             "challtestsrv|dns $HOST:$CHALLTESTSRV_DNS_PORT (udp)|$CHALLTESTSRV_MGMT_PORT" \
             "pebble|https://$HOST:$PEBBLE_PORT/dir|$PEBBLE_PORT" \
             "keycloak|$KEYCLOAK_ISSUER|$KEYCLOAK_PORT" \
             "renewd|http://localhost:$RENEWD_PORT, https://localhost:$RENEWD_HTTPS_PORT|$RENEWD_PORT"; do
    IFS='|' read -r name addr port <<<"$row"
    pid=$(svc_pid "$name")
    if [[ -n $pid ]]; then
      if port_open "$HOST" "$port"; then state=running; else state=starting; fi
    elif port_open "$HOST" "$port"; then
      state=foreign   # the port answers, but not a process this script started
    else
      state=stopped
    fi
    local logf=".local/logs/$name.log"
    [[ $name == renewd ]] && logf="(its terminal)"
    status_row "$name" "$addr" "$state" "${pid:--}" "$logf"
  done
}

cmd_kafka() {
  local tool=${1:-} cls bs=1 a has_bs=0
  [[ -n $tool ]] || die "usage: $SELF kafka TOOL [ARGS...]; TOOL: console-consumer, console-producer, topics, consumer-groups, get-offsets, configs, metadata-quorum, features, storage, or a class name"
  shift
  tool=${tool%.sh}; tool=${tool#kafka-}
  case $tool in
    console-consumer) cls=org.apache.kafka.tools.consumer.ConsoleConsumer ;;
    console-producer) cls=org.apache.kafka.tools.ConsoleProducer ;;
    topics) cls=org.apache.kafka.tools.TopicCommand ;;
    consumer-groups) cls=org.apache.kafka.tools.consumer.group.ConsumerGroupCommand ;;
    get-offsets) cls=org.apache.kafka.tools.GetOffsetShell ;;
    configs) cls=kafka.admin.ConfigCommand ;;
    metadata-quorum) cls=org.apache.kafka.tools.MetadataQuorumCommand ;;
    features) cls=org.apache.kafka.tools.FeatureCommand ;;
    storage) cls=kafka.tools.StorageTool; bs=0 ;;
    *.*) cls=$tool; bs=0 ;;
    *) die "unknown Kafka tool '$tool' (console-consumer, console-producer, topics, consumer-groups, get-offsets, configs, metadata-quorum, features, storage, or a fully qualified class name)" ;;
  esac
  for a in "$@"; do
    case $a in --bootstrap-server|--bootstrap-server=*|--bootstrap-controller|--bootstrap-controller=*|-h|--help) has_bs=1 ;; esac
  done
  local args=("$@")
  if (( bs && ! has_bs )); then
    port_open "$HOST" "$KAFKA_PORT" || die "Kafka does not answer on $HOST:$KAFKA_PORT; start it with: $SELF services"
    args=(--bootstrap-server "$HOST:$KAFKA_PORT" "${args[@]}")
  fi
  mkdir -p "$LOGS" "$RUN" "$LIB"
  choose_jdk >/dev/null
  resolve_jars >&2
  exec "$JAVA_HOME/bin/java" -Xmx256m -Dlog4j2.configurationFile="$HERE/tools-log4j2.xml" \
    "@$LIB/kafka-cp.args" "$cls" "${args[@]}"
}

main() {
  local cmd=${1:-start}
  case $cmd in
    start) shift || true; cmd_start "$@" ;;
    --no-renewd|--keep-services|--idp|--) cmd_start "$@" ;;
    services) shift; cmd_start --no-renewd "$@" ;;
    stop) cmd_stop ;;
    reset) cmd_reset ;;
    status) cmd_status ;;
    kafka) shift; cmd_kafka "$@" ;;
    kafka-*) shift; cmd_kafka "${cmd#kafka-}" "$@" ;;
    token) shift; cmd_token "$@" ;;
    psql) shift; command -v psql >/dev/null || die "psql is not installed (run $SELF services first)"; exec psql "$PG_URL" "$@" ;;
    -h|--help|help) usage ;;
    *) die "unknown command '$cmd' (see $SELF --help)" ;;
  esac
}

main "$@"
