#!/usr/bin/env bash
# mlflow4j-spark: the XGBoost churn model scoring 10 million generated rows on Spark local[2] against
# the same model called in-process on 2 threads in batches of the same size, in one run; and the
# time to the first scored row on a cold executor, in local[2] and on a standalone cluster on
# 127.0.0.1 (executors in JVMs of their own). Arguments: [rows] [batch size].
# The benchmark lives in the spark module's test sources (it needs Spark and the churn example).
# BENCH_SPARK=4 runs it on Spark 4.2.0 (spark-4-tests compiles the same sources against it).
set -euo pipefail
cd "$(dirname "$0")/.."
MODULE=spark
if [ "${BENCH_SPARK:-3}" = 4 ]; then MODULE=spark-4-tests; fi
./mvnw -B -q -pl "$MODULE" -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/test-classpath.txt
# Absolute paths: the cold-start run's executors start in a folder of their own.
CP="$PWD/$MODULE/target/test-classes:$PWD/spark/target/classes:$(cat "$MODULE/target/test-classpath.txt")"
FLAGS=$(sed -n 's|.*<spark.jvm.flags>\(.*\)</spark.jvm.flags>.*|\1|p' spark/pom.xml)
# shellcheck disable=SC2086
java $FLAGS -Xmx6g -cp "$CP" io.mlflow4j.spark.bench.SparkChurnBench "${1:-10000000}" "${2:-10000}" 2>&1 \
  | grep -vE '^[0-9:.]+ WARN '
# shellcheck disable=SC2086
java $FLAGS -Dmlflow4j.spark.jvmFlags="$FLAGS" -cp "$CP" io.mlflow4j.spark.bench.SparkColdExecutorBench 2>&1 \
  | grep -E '^cold executor'
