#!/usr/bin/env bash
# The processor's overhead: javac on 200 @MlflowModel classes with the processor vs. with -proc:none.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -Pbench -pl bench -am package -DskipTests
CP="bench/target/classes:$(cat bench/target/classpath.txt)"
java -cp "$CP" io.mlflow4j.bench.ProcessorOverhead processor/target/mlflow4j-processor-*.jar "${1:-200}" "${2:-9}"
