package io.mlflow4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlflow4j.runtime.LoadedModel;
import io.mlflow4j.runtime.MlflowModels;
import io.mlflow4j.runtime.data.Column;
import io.mlflow4j.runtime.data.DataType;
import io.mlflow4j.runtime.data.Table;
import io.mlflow4j.runtime.error.MlflowException;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
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
import org.junit.jupiter.api.io.TempDir;

/** The test models scored on local[2]: one session for the class. */
class LocalScoringTest {
    private static SparkSession spark;

    static final StructType PROBE_INPUT = new StructType()
            .add("count", DataTypes.IntegerType)
            .add("id", DataTypes.LongType)
            .add("weight", DataTypes.FloatType)
            .add("amount", DataTypes.DoubleType)
            .add("label", DataTypes.StringType)
            .add("flag", DataTypes.BooleanType)
            .add("payload", DataTypes.BinaryType)
            .add("seen", DataTypes.TimestampType)
            .add("note", DataTypes.StringType);

    /** The numbers model's input columns. */
    static final StructType NUMBERS_INPUT = new StructType()
            .add("small", DataTypes.IntegerType)
            .add("big", DataTypes.LongType)
            .add("ratio", DataTypes.FloatType)
            .add("amount", DataTypes.DoubleType)
            .add("flag", DataTypes.BooleanType)
            .add("bonus", DataTypes.DoubleType);

    @BeforeAll
    static void startSpark() {
        spark = SparkSession.builder()
                .master("local[2]")
                .appName("mlflow4j-spark-local")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "2")
                .getOrCreate();
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
            rows.add(RowFactory.create(
                    i % 7,
                    (long) i,
                    i / 4f,
                    i * 1.5,
                    i == 3 ? null : "row-" + i,
                    i % 2 == 0,
                    new byte[i % 5],
                    Timestamp.from(seen(i).toInstant(ZoneOffset.UTC)),
                    "extra"));
        }
        return spark.createDataFrame(rows, PROBE_INPUT).repartition(partitions);
    }

    @Test
    void predictAddsEveryOutputTypeInBatchesLoadingTheModelOncePerJvm() {
        int loadsBefore = ExecutorModels.loads();
        SparkModel probe = MlflowSpark.model(spark, TestModelFolders.probe()).withBatchSize(7);
        Dataset<Row> scored = probe.predict(probeRows(spark, 100, 4));

        assertEquals(
                List.of(
                        "count",
                        "id",
                        "weight",
                        "amount",
                        "label",
                        "flag",
                        "payload",
                        "seen",
                        "note",
                        "score",
                        "upperLabel",
                        "notFlag",
                        "idEcho",
                        "payloadSize",
                        "nextDay",
                        "pid",
                        "loader",
                        "loaded",
                        "batchRows"),
                List.of(scored.schema().fieldNames()));
        assertEquals(
                "struct<score:double,upperLabel:string,notFlag:boolean,idEcho:bigint,payloadSize:int,nextDay:timestamp,"
                        + "pid:bigint,loader:string,loaded:string,batchRows:int>",
                probe.outputType().simpleString());
        List<Row> rows = scored.orderBy("id").collectAsList();
        assertEquals(100, rows.size());
        for (Row row : rows) {
            long id = row.getLong(1);
            assertEquals((id % 7) * 2 + id / 4f + id * 1.5, row.getDouble(row.fieldIndex("score")), 1e-6);
            assertEquals(id == 3 ? null : "ROW-" + id, row.get(row.fieldIndex("upperLabel")));
            assertEquals(id % 2 != 0, row.getBoolean(row.fieldIndex("notFlag")));
            assertEquals((int) (id % 5), row.getInt(row.fieldIndex("payloadSize")));
            assertEquals(
                    Timestamp.from(seen(id).plusDays(1).toInstant(ZoneOffset.UTC)),
                    row.getTimestamp(row.fieldIndex("nextDay")));
            assertEquals(ProcessHandle.current().pid(), row.getLong(row.fieldIndex("pid")));
            assertTrue(row.getInt(row.fieldIndex("batchRows")) <= 7, "batches of at most 7 rows");
        }
        int loadsAfterFirstJob = ExecutorModels.loads();
        assertTrue(loadsAfterFirstJob <= loadsBefore + 1, "4 tasks, at most one load (none if another test loaded it)");
        // A second job, with other params: the same model, no new load in this JVM.
        assertEquals(
                100,
                probe.withParams(Map.of("offset", 1.0))
                        .predict(probeRows(spark, 100, 3))
                        .count());
        assertEquals(loadsAfterFirstJob, ExecutorModels.loads(), "the model is loaded once in this JVM for both jobs");
    }

    @Test
    void udfInSqlReturnsTheOutputStructWithParamsOfTheCall() {
        spark.udf().register("probe", MlflowSpark.udf(spark, TestModelFolders.probe(), Map.of("offset", 100.0)));
        probeRows(spark, 20, 2).createOrReplaceTempView("probe_input");
        List<Row> rows = spark.sql("SELECT id, probe(struct(*)) AS p FROM probe_input ORDER BY id")
                .collectAsList();
        assertEquals(20, rows.size());
        for (Row row : rows) {
            long id = row.getLong(0);
            Row p = row.getStruct(1);
            assertEquals((id % 7) * 2 + id / 4f + id * 1.5 + 100, p.getDouble(p.fieldIndex("score")), 1e-6);
            assertEquals(1, p.getInt(p.fieldIndex("batchRows")), "Spark calls a UDF row by row");
        }
    }

    @Test
    void nestedColumnsGoInAndComeBackAsTheModelComputesThemInProcess() throws Exception {
        StructType item = new StructType()
                .add("sku", DataTypes.StringType)
                .add("quantity", DataTypes.IntegerType)
                .add("price", DataTypes.DoubleType);
        StructType schema = new StructType()
                .add("customer", DataTypes.StringType)
                .add("items", DataTypes.createArrayType(item))
                .add("signals", DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType))
                .add("tags", DataTypes.createArrayType(DataTypes.StringType));
        List<Row> orders = List.of(
                RowFactory.create(
                        "c-1", List.of(RowFactory.create("book", 2, 12.5)), Map.of("ip_country_mismatch", 0.0), null),
                RowFactory.create(
                        "c-2",
                        List.of(RowFactory.create("phone", 2, 899.0), RowFactory.create("case", 1, 19.0)),
                        Map.of("ip_country_mismatch", 1.0),
                        List.of("first_order")));
        Dataset<Row> input = spark.createDataFrame(orders, schema);

        List<Row> scored = MlflowSpark.predict(input, TestModelFolders.orders(), Map.of("high_total", 500.0))
                .orderBy("customer")
                .collectAsList();

        try (LoadedModel inProcess = MlflowModels.load(TestModelFolders.orders())) {
            Table expected = inProcess.predict(
                    Table.of(
                            Column.ofStrings("customer", new String[] {"c-1", "c-2"}),
                            Column.ofNested("items", DataType.ARRAY, new Object[] {
                                List.of(Map.of("sku", "book", "quantity", 2, "price", 12.5)),
                                List.of(
                                        Map.of("sku", "phone", "quantity", 2, "price", 899.0),
                                        Map.of("sku", "case", "quantity", 1, "price", 19.0))
                            }),
                            Column.ofNested("signals", DataType.MAP, new Object[] {
                                Map.of("ip_country_mismatch", 0.0), Map.of("ip_country_mismatch", 1.0)
                            }),
                            Column.ofNested("tags", DataType.ARRAY, new Object[] {null, List.of("first_order")})),
                    Map.of("high_total", 500.0));
            for (int r = 0; r < 2; r++) {
                Row row = scored.get(r);
                assertEquals(expected.column("total").getDouble(r), row.getDouble(row.fieldIndex("total")));
                assertEquals(expected.column("level").getString(r), row.getString(row.fieldIndex("level")));
                assertEquals(expected.column("reasons").get(r), row.getList(row.fieldIndex("reasons")));
            }
        }
        assertEquals("high", scored.get(1).getString(scored.get(1).fieldIndex("level")));
        assertEquals(
                List.of("total above 500.0", "IP country differs from the billing country", "first order"),
                scored.get(1).getList(scored.get(1).fieldIndex("reasons")));
    }

    @Test
    void tensorModelsTakeAndReturnArrayColumns() {
        StructType schema = new StructType().add("readings", DataTypes.createArrayType(DataTypes.FloatType, false));
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            rows.add(RowFactory.create(List.of((float) i, 1f, 2f, -3f)));
        }
        SparkModel scaler = MlflowSpark.model(spark, TestModelFolders.scaler())
                .withParams(Map.of("factor", 2.0))
                .withBatchSize(4);
        assertEquals("struct<prediction:array<float>>", scaler.outputType().simpleString());
        List<Row> scored = scaler.predict(spark.createDataFrame(rows, schema)).collectAsList();
        Set<List<Float>> predictions =
                scored.stream().map(r -> r.<Float>getList(1)).collect(Collectors.toSet());
        Set<List<Float>> expected = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            expected.add(List.of(2f * i, Math.max(i, 2f)));
        }
        assertEquals(expected, predictions);

        Dataset<Row> twoColumns = spark.createDataFrame(rows, schema).withColumn("other", functions.lit(1));
        MlflowException refused = assertThrows(MlflowException.class, () -> scaler.predict(twoColumns));
        assertTrue(refused.getMessage().contains("takes one unnamed tensor"), refused.getMessage());
    }

    @Test
    void aMissingOrWrongTypedColumnFailsOnTheDriverWithMlflowsMessage() {
        Dataset<Row> input = probeRows(spark, 10, 2);
        SparkModel probe = MlflowSpark.model(spark, TestModelFolders.probe());
        int jobsBefore = spark.sparkContext().statusTracker().getJobIdsForGroup(null).length;

        MlflowException missing = assertThrows(MlflowException.class, () -> probe.predict(input.drop("amount")));
        assertTrue(
                missing.getMessage()
                        .contains("Model is missing inputs ['amount']. Note that there were extra inputs: ['note']"),
                missing.getMessage());
        MlflowException wrongType = assertThrows(
                MlflowException.class, () -> probe.predict(input.withColumn("amount", functions.lit(true))));
        assertTrue(wrongType.getMessage().startsWith("Failed to enforce schema of data"), wrongType.getMessage());
        assertTrue(
                wrongType
                        .getMessage()
                        .endsWith(
                                "Error: Incompatible input types for column amount. Can not safely convert bool to float64."),
                wrongType.getMessage());
        MlflowException badParam = assertThrows(MlflowException.class, () -> probe.withParams(Map.of("offset", "far")));
        assertTrue(badParam.getMessage().contains("offset"), badParam.getMessage());
        assertEquals(jobsBefore, spark.sparkContext().statusTracker().getJobIdsForGroup(null).length, "no job ran");
    }

    @Test
    void aFailingPredictFailsTheTaskWithTheModelsErrorAndName() {
        Dataset<Row> input = probeRows(spark, 10, 2)
                .withColumn(
                        "label",
                        functions
                                .when(functions.col("id").equalTo(6), functions.lit("boom"))
                                .otherwise(functions.col("label")));
        SparkException failed = assertThrows(
                SparkException.class,
                () -> MlflowSpark.predict(input, TestModelFolders.probe()).count());
        String message = failed.getMessage();
        assertTrue(message.contains("Model 'spark-probe' failed to predict"), message);
        assertTrue(message.contains("the probe refuses the label boom (id 6)"), message);
    }

    @Test
    void flatScalarModelsKeepEveryColumnAndMissingValues(@TempDir Path dir) {
        StructType schema = new StructType()
                .add("other", DataTypes.StringType)
                .add("x", DataTypes.DoubleType)
                .add("n", DataTypes.IntegerType)
                .add("name", DataTypes.StringType);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            rows.add(RowFactory.create("o" + i, i * 3.0, i % 4 == 0 ? null : i, i % 5 == 0 ? null : "n" + i));
        }
        Dataset<Row> frame = spark.createDataFrame(rows, schema).repartition(3);
        frame.write().parquet(dir.resolve("flat").toString());
        Dataset<Row> parquet = spark.read().parquet(dir.resolve("flat").toString());
        assertNotNull(ColumnarSource.of(parquet), "strings and nulls in a columnar source");
        for (Dataset<Row> input : List.of(frame, parquet)) {
            assertScoredByFlat(MlflowSpark.model(spark, TestModelFolders.flat())
                    .withBatchSize(6)
                    .predict(input)
                    .orderBy("x")
                    .collectAsList());
        }
    }

    private static void assertScoredByFlat(List<Row> scored) {
        assertEquals(25, scored.size());
        for (int i = 0; i < 25; i++) {
            Row row = scored.get(i);
            assertEquals(
                    List.of("o" + i, i * 3.0, i % 4 == 0 ? "null" : String.valueOf(i), i % 5 == 0 ? "null" : "n" + i),
                    List.of(
                            row.getString(0),
                            row.getDouble(1),
                            String.valueOf(row.get(2)),
                            String.valueOf(row.get(3))));
            assertEquals(i % 5 == 0 ? null : "hi n" + i, row.get(4));
            assertEquals(i % 4 == 0 ? null : 2L * i, row.get(5));
            assertEquals(i * 1.5, row.getDouble(6));
        }
    }

    @Test
    void columnarSourcesAreReadInBulkInSlicesOfTheBatchSize(@TempDir Path dir) {
        StructType schema = NUMBERS_INPUT.add("note", DataTypes.StringType);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            rows.add(RowFactory.create(
                    i % 9 - 4, i * 1000L, i / 8f, i * 0.25, i % 3 == 0, i % 4 == 0 ? null : i / 2.0, "note " + i));
        }
        Dataset<Row> numbers = spark.createDataFrame(rows, schema).repartition(2);
        String parquetPath = dir.resolve("numbers").toString();
        numbers.write().parquet(parquetPath);
        Dataset<Row> parquet = spark.read().parquet(parquetPath);
        String orcPath = dir.resolve("numbers-orc").toString();
        numbers.write().orc(orcPath);
        Dataset<Row> orc = spark.read().orc(orcPath);
        // A cached Dataset is columnar when its columns are primitive: no string column.
        Dataset<Row> cached = numbers.drop("note").cache();
        cached.count();
        Dataset<Row> filtered = parquet.filter("big >= 0");
        assertNotNull(ColumnarSource.of(parquet), "a Parquet scan gives its batches");
        assertNotNull(ColumnarSource.of(orc), "an ORC scan gives its batches");
        assertNotNull(ColumnarSource.of(cached), "a cached Dataset of primitives gives its batches");
        assertNull(ColumnarSource.of(filtered), "a filter on top of the scan is read as rows");

        SparkModel model = MlflowSpark.model(spark, TestModelFolders.numbers()).withBatchSize(7);
        try {
            for (Dataset<Row> input : List.of(parquet, orc, cached, filtered)) {
                List<Row> scored = model.predict(input).orderBy("big").collectAsList();
                assertEquals(100, scored.size());
                int largest = 0;
                for (int i = 0; i < 100; i++) {
                    Row row = scored.get(i);
                    int small = i % 9 - 4;
                    Double bonus = i % 4 == 0 ? null : i / 2.0;
                    double total = small + i * 1000L + i / 8f + i * 0.25 + (bonus == null ? 0 : bonus);
                    assertEquals(i * 1000L, row.getLong(row.fieldIndex("big")));
                    assertEquals(bonus, row.get(row.fieldIndex("bonus")));
                    assertEquals(i % 3 == 0 ? -total : total, row.getDouble(row.fieldIndex("total")), "row " + i);
                    assertEquals(i % 3 == 0 ? "minus" : "plus", row.getString(row.fieldIndex("sign")));
                    assertEquals(
                            bonus == null ? null : (int) (bonus * small), row.get(row.fieldIndex("bonusTimesSmall")));
                    if (input != cached) {
                        assertEquals("note " + i, row.getString(row.fieldIndex("note")));
                    }
                    int batchRows = row.getInt(row.fieldIndex("batchRows"));
                    assertTrue(batchRows <= 7, "batches of at most 7 rows, not " + batchRows);
                    largest = Math.max(largest, batchRows);
                }
                assertEquals(7, largest, "full batches of 7 rows");
            }
        } finally {
            cached.unpersist();
        }
    }

    @Test
    void twoModelsInOneTaskStayLoadedForTheTaskWhateverTheExecutorLimit() {
        StructType schema = NUMBERS_INPUT
                .add("name", DataTypes.StringType)
                .add("n", DataTypes.IntegerType)
                .add("x", DataTypes.DoubleType);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            rows.add(RowFactory.create(1, (long) i, 0f, 0.0, false, null, "r" + i, i, i * 2.0));
        }
        Dataset<Row> input = spark.createDataFrame(rows, schema).repartition(2);
        spark.conf().set(SparkModel.EXECUTOR_MODELS_CONF, "1");
        try {
            SparkModel numbers =
                    MlflowSpark.model(spark, TestModelFolders.numbers()).withBatchSize(7);
            SparkModel flat = MlflowSpark.model(spark, TestModelFolders.flat()).withBatchSize(7);
            int loads = ExecutorModels.loads();
            List<Row> scored =
                    flat.predict(numbers.predict(input)).orderBy("big").collectAsList();
            // Batches of the two models alternate in each task; with the models closed between
            // batches (the limit is 1), it would be about 30 loads.
            assertTrue(
                    ExecutorModels.loads() - loads <= 4,
                    "at most each model once per task: " + (ExecutorModels.loads() - loads));
            for (int i = 0; i < 100; i++) {
                Row row = scored.get(i);
                assertEquals(1.0 + i, row.getDouble(row.fieldIndex("total")));
                assertEquals("hi r" + i, row.getString(row.fieldIndex("greeting")));
                assertEquals((double) i, row.getDouble(row.fieldIndex("half")));
            }
        } finally {
            spark.conf().unset(SparkModel.EXECUTOR_MODELS_CONF);
        }
        spark.conf().set(SparkModel.EXECUTOR_MODELS_CONF, "none");
        try {
            MlflowException refused =
                    assertThrows(MlflowException.class, () -> MlflowSpark.model(spark, TestModelFolders.numbers()));
            assertEquals(
                    "spark.mlflow4j.executorModels is 'none'; set it to a positive number of models, such as 8.",
                    refused.getMessage());
        } finally {
            spark.conf().unset(SparkModel.EXECUTOR_MODELS_CONF);
        }
    }
}
