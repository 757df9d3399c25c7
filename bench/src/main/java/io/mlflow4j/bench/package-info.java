/** Benchmarks, outside the default build ({@code -Pbench}); {@code bench/README.md} has how to run them. */
package io.mlflow4j.bench;
