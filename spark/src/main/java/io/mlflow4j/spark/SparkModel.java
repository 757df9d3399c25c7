package io.mlflow4j.spark;

import io.mlflow4j.runtime.LoadedModel;
import io.mlflow4j.runtime.MlflowModels;
import io.mlflow4j.runtime.error.MlflowException;
import io.mlflow4j.runtime.schema.ModelSignature;
import io.mlflow4j.runtime.schema.ParamsEnforcer;
import io.mlflow4j.runtime.schema.Schema;
import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.vectorized.ColumnarBatch;

/**
 * An mlflow4j model ready to score on Spark: resolved once on the driver, its folder shipped to
 * the executors as a broadcast, loaded there once per JVM. Params and batch size are set per use.
 *
 * <pre>{@code
 * SparkModel churn = MlflowSpark.model(spark, "models:/churn@champion").withParams(Map.of("threshold", 0.7));
 * Dataset<Row> scored = churn.predict(customers);
 * }</pre>
 */
public final class SparkModel {
    /** Rows per predict call, as MLflow's spark_udf batches (Arrow's default of 10,000 records). */
    public static final int DEFAULT_BATCH_SIZE = 10_000;

    /**
     * The session setting for how many models an executor JVM keeps loaded while no task uses
     * them; beyond it, the least recently used are closed (and loaded again if needed again).
     */
    public static final String EXECUTOR_MODELS_CONF = "spark.mlflow4j.executorModels";

    /** {@link #EXECUTOR_MODELS_CONF} when the session does not set it. */
    public static final int DEFAULT_EXECUTOR_MODELS = 8;

    private final SparkSession spark;
    private final String uri;
    private final String name;
    private final ModelSignature signature;
    private final ShippedModel shipped;
    private final Map<String, ?> params;
    private final int batchSize;

    private SparkModel(
            SparkSession spark,
            String uri,
            String name,
            ModelSignature signature,
            ShippedModel shipped,
            Map<String, ?> params,
            int batchSize) {
        this.spark = spark;
        this.uri = uri;
        this.name = name;
        this.signature = signature;
        this.shipped = shipped;
        this.params = params;
        this.batchSize = batchSize;
    }

    static SparkModel resolve(SparkSession spark, String uri) {
        Objects.requireNonNull(spark, "spark");
        int executorModels = executorModels(spark);
        Path folder = MlflowModels.localFolder(uri);
        String name;
        ModelSignature signature;
        // Loaded here too, so a model that cannot load fails now, on the driver, not in every task.
        try (LoadedModel model = MlflowModels.load(folder.toString())) {
            name = model.name();
            signature = model.signature();
        } catch (IOException e) {
            throw new MlflowException(
                    MlflowException.ErrorCode.INTERNAL_ERROR, "Could not close the model at " + uri + ": " + e, e);
        }
        if (signature == null || signature.inputs() == null) {
            throw MlflowException.invalidParameter(
                    "Model '" + name + "' at " + uri + " has no input schema in its signature,"
                            + " so Spark cannot tell which columns it takes. Save it again with mlflow4j, which always writes one.");
        }
        byte[] packed = ModelArchive.pack(folder);
        Broadcast<byte[]> broadcast =
                JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(packed);
        ShippedModel shipped = new ShippedModel(ModelArchive.identity(packed), name, broadcast, executorModels);
        return new SparkModel(spark, uri, name, signature, shipped, null, DEFAULT_BATCH_SIZE);
    }

    private static int executorModels(SparkSession spark) {
        String value = spark.conf().get(EXECUTOR_MODELS_CONF, String.valueOf(DEFAULT_EXECUTOR_MODELS));
        try {
            int models = Integer.parseInt(value.trim());
            if (models >= 1) {
                return models;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw MlflowException.invalidParameter(EXECUTOR_MODELS_CONF + " is '" + value + "'; set it to a positive number"
                + " of models, such as " + DEFAULT_EXECUTOR_MODELS + ".");
    }

    /** The model's name from {@code @MlflowModel}. */
    public String name() {
        return name;
    }

    public String uri() {
        return uri;
    }

    public ModelSignature signature() {
        return signature;
    }

    /** The Spark type of the model's output: one field per output column or tensor. */
    public StructType outputType() {
        return outputs().struct();
    }

    /**
     * The same model with these inference params for every row; checked against the model's param
     * schema now, on the driver.
     */
    public SparkModel withParams(Map<String, ?> params) {
        ParamsEnforcer.enforce(signature.params(), params);
        return new SparkModel(
                spark, uri, name, signature, shipped, params == null ? null : Map.copyOf(params), batchSize);
    }

    /** The same model predicting on batches of up to {@code rows} rows. */
    public SparkModel withBatchSize(int rows) {
        if (rows < 1) {
            throw MlflowException.invalidParameter("The batch size is " + rows
                    + "; give a positive number of rows, such as " + DEFAULT_BATCH_SIZE + ".");
        }
        return new SparkModel(spark, uri, name, signature, shipped, params, rows);
    }

    /**
     * The rows of {@code input} with the model's outputs as added columns, scored in batches. The
     * columns are checked against the model's input schema now, on the driver, with MLflow's message.
     * A model of flat scalar columns (numbers, booleans, strings) in and out reads a columnar
     * source's batches (Parquet, ORC, a cached Dataset) in bulk, or else Spark's internal rows (batch
     * Datasets); any other model, or a streaming Dataset, goes through {@link Row}s.
     */
    public Dataset<Row> predict(Dataset<Row> input) {
        StructType rowType = input.schema();
        ModelInputs.check(rowType, signature.inputs(), zone(), name);
        StructType outputType = outputType();
        List<String> clashes = new ArrayList<>(Arrays.asList(outputType.fieldNames()));
        clashes.retainAll(Arrays.asList(rowType.fieldNames()));
        if (!clashes.isEmpty()) {
            throw MlflowException.invalidParameter(
                    "The outputs " + clashes + " of model '" + name + "' are columns of the"
                            + " input already. Rename or drop those input columns, or call MlflowSpark.udf and name its result.");
        }
        List<StructField> fields = new ArrayList<>(Arrays.asList(rowType.fields()));
        fields.addAll(Arrays.asList(outputType.fields()));
        StructType scoredType = new StructType(fields.toArray(StructField[]::new));
        BatchScorer scorer = scorer();
        FlatScalars flat = FlatScalars.of(rowType, signature.inputs(), outputType);
        if (flat != null && !input.isStreaming()) {
            Dataset<Row> scored = scoreInternally(input, scorer, flat, scoredType);
            if (scored != null) {
                return scored;
            }
        }
        return input.mapPartitions(new PartitionScorer(scorer, rowType), Encoders.row(scoredType));
    }

    /**
     * Flat scalar models skip Spark's conversion of every value to a {@link Row} and back: a
     * columnar source's batches are read in bulk, anything else as internal rows. {@code null} when
     * this Spark offers neither.
     */
    private static Dataset<Row> scoreInternally(
            Dataset<Row> input, BatchScorer scorer, FlatScalars flat, StructType scoredType) {
        RDD<ColumnarBatch> batches = ColumnarSource.of(input);
        RDD<InternalRow> scored;
        if (batches != null) {
            scored = batches.toJavaRDD()
                    .mapPartitions(new ColumnarScorer(scorer, flat))
                    .rdd();
        } else {
            RDD<InternalRow> rows = InternalRows.of(input);
            if (rows == null) {
                return null;
            }
            scored = rows.toJavaRDD()
                    .mapPartitions(new InternalRowScorer(scorer, flat))
                    .rdd();
        }
        return InternalRows.toDataFrame(input.sparkSession(), scored, scoredType);
    }

    /**
     * A Spark function of one struct argument, like MLflow's {@code spark_udf}: it returns the
     * model's output type ({@link #outputType}), or its only field when there is one. Spark calls a
     * UDF row by row; {@link #predict} scores in batches.
     *
     * <pre>{@code
     * spark.udf().register("churn", model.udf());
     * spark.sql("SELECT churn(struct(*)) FROM customers");
     * }</pre>
     */
    public UserDefinedFunction udf() {
        StructType outputType = outputType();
        boolean struct = outputType.fields().length != 1;
        return functions.udf(new RowScorer(scorer(), struct), struct ? outputType : outputType.fields()[0].dataType());
    }

    private BatchScorer scorer() {
        Schema inputs = signature.inputs();
        return new BatchScorer(shipped, params, inputs, signature.outputs(), zone(), java8Api(), batchSize);
    }

    private ModelOutputs outputs() {
        return new ModelOutputs(signature.outputs(), zone(), java8Api());
    }

    private ZoneId zone() {
        return ZoneId.of(spark.conf().get("spark.sql.session.timeZone"));
    }

    private boolean java8Api() {
        return Boolean.parseBoolean(spark.conf().get("spark.sql.datetime.java8API.enabled", "false"));
    }
}
