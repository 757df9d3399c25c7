#!/usr/bin/env bash
# Logging a model with a big artifact (1 GiB by default) to the test tracking server on 127.0.0.1,
# against a plain streamed HTTP PUT of the same file to the same server, in a JVM with a 64 MiB heap.
# Usage: bench/run-tracking-bench.sh [MiB] [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -Pbench -pl bench -am package -DskipTests
CP="bench/target/classes:$(cat bench/target/classpath.txt)"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
java -Xmx64m -Xms64m -cp "$CP" io.mlflow4j.bench.TrackingBench "$WORK" "${1:-1024}" "${2:-3}" \
    "$(pwd)/conformance/mlflow-reference/2.17.2/http_capture_tracking.jsonl"
