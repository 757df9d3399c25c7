package io.mlflow4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlflow4j.runtime.LoadedModel;
import io.mlflow4j.runtime.MlflowException;
import io.mlflow4j.runtime.MlflowModels;
import io.mlflow4j.runtime.data.Column;
import io.mlflow4j.runtime.data.Table;
import io.mlflow4j.runtime.schema.DataType;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.SparkException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The test models scored on local[2]: one session for the class. */
class LocalScoringTest {
    private static SparkSession spark;

    static final StructType PROBE_INPUT = new StructType()
            .add("count", DataTypes.IntegerType).add("id", DataTypes.LongType).add("weight", DataTypes.FloatType)
            .add("amount", DataTypes.DoubleType).add("label", DataTypes.StringType).add("flag", DataTypes.BooleanType)
            .add("payload", DataTypes.BinaryType).add("seen", DataTypes.TimestampType).add("note", DataTypes.StringType);

    @BeforeAll
    static void startSpark() {
        spark = SparkSession.builder().master("local[2]").appName("mlflow4j-spark-local")
                .config("spark.ui.enabled", "false").config("spark.sql.session.timeZone", "UTC")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "2").getOrCreate();
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    static LocalDateTime seen(long id) {
        return LocalDateTime.of(2024, 2, 28, 10, 30).plusMinutes(id);
    }

    /** Rows of every scalar type; row 3 has nulls where the model allows them. */
    static Dataset<Row> probeRows(SparkSession spark, int n, int partitions) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(RowFactory.create(i % 7, (long) i, i / 4f, i * 1.5, i == 3 ? null : "row-" + i, i % 2 == 0,
                    new byte[i % 5], Timestamp.from(seen(i).toInstant(ZoneOffset.UTC)), "extra"));
        }
        return spark.createDataFrame(rows, PROBE_INPUT).repartition(partitions);
    }

    @Test
    void predictAddsEveryOutputTypeInBatchesLoadingTheModelOncePerJvm() {
        int loadsBefore = ExecutorModels.loads();
        SparkModel probe = MlflowSpark.model(spark, TestModelFolders.probe()).withBatchSize(7);
        Dataset<Row> scored = probe.predict(probeRows(spark, 100, 4));

        assertEquals(List.of("count", "id", "weight", "amount", "label", "flag", "payload", "seen", "note",
                "score", "upperLabel", "notFlag", "idEcho", "payloadSize", "nextDay", "pid", "loader", "loaded", "batchRows"),
                List.of(scored.schema().fieldNames()));
        assertEquals("struct<score:double,upperLabel:string,notFlag:boolean,idEcho:bigint,payloadSize:int,nextDay:timestamp,"
                + "pid:bigint,loader:string,loaded:string,batchRows:int>", probe.outputType().simpleString());
        List<Row> rows = scored.orderBy("id").collectAsList();
        assertEquals(100, rows.size());
        for (Row row : rows) {
            long id = row.getLong(1);
            assertEquals((id % 7) * 2 + id / 4f + id * 1.5, row.getDouble(row.fieldIndex("score")), 1e-6);
            assertEquals(id == 3 ? null : "ROW-" + id, row.get(row.fieldIndex("upperLabel")));
            assertEquals(id % 2 != 0, row.getBoolean(row.fieldIndex("notFlag")));
            assertEquals((int) (id % 5), row.getInt(row.fieldIndex("payloadSize")));
            assertEquals(Timestamp.from(seen(id).plusDays(1).toInstant(ZoneOffset.UTC)), row.getTimestamp(row.fieldIndex("nextDay")));
            assertEquals(ProcessHandle.current().pid(), row.getLong(row.fieldIndex("pid")));
            assertTrue(row.getInt(row.fieldIndex("batchRows")) <= 7, "batches of at most 7 rows");
        }
        // A second job with the same model: no new load in this JVM.
        assertEquals(100, probe.predict(probeRows(spark, 100, 3)).count());
        assertEquals(loadsBefore + 1, ExecutorModels.loads(), "the model is loaded once in this JVM for both jobs");
    }
}
