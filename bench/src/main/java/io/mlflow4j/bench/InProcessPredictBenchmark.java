package io.mlflow4j.bench;

import io.mlflow4j.runtime.LoadedModel;
import io.mlflow4j.runtime.MlflowModels;
import io.mlflow4j.runtime.data.Column;
import io.mlflow4j.runtime.data.Table;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The baseline of the bridge benchmark: the same model's predict, loaded with MlflowModels.load
 * and called in-process on the same input (schema enforcement and generated conversion included).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class InProcessPredictBenchmark {
    @Param({"1", "10000", "1000000"})
    int rows;

    private Path folder;
    private LoadedModel model;
    private Table input;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        folder = Files.createTempDirectory("ten-doubles-bench");
        Path saved = TenDoublesLogger.save(new TenDoubles(), folder.resolve("model"));
        model = MlflowModels.load(saved.toString());
        input = table(rows);
    }

    static Table table(int rows) {
        List<Column> columns = new ArrayList<>();
        for (int c = 0; c < 10; c++) {
            double[] values = new double[rows];
            for (int r = 0; r < rows; r++) {
                values[r] = r * 0.5 + c;
            }
            columns.add(Column.ofDoubles("c" + c, values));
        }
        return new Table(columns);
    }

    @Benchmark
    public Table predict() {
        return model.predict(input);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        model.close();
    }
}
