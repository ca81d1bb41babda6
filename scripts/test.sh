#!/usr/bin/env bash
# Runs renewd's whole test suite against real servers: embedded PostgreSQL, an in-JVM Kafka
# broker and GreenMail start inside the test JVM; tests that need ACME start Pebble (Debian
# package `pebble`, installed here when missing). Extra arguments go to Maven.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/common.sh

ensure_packages pebble openssl
choose_jdk
say "JDK: $JAVA_HOME"
exec ./mvnw -B verify "$@"
