package io.mlflow4j.runtime.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlflow4j.runtime.data.Column;
import io.mlflow4j.runtime.data.DataType;
import io.mlflow4j.runtime.data.Params;
import io.mlflow4j.runtime.data.Table;
import io.mlflow4j.runtime.data.Tensor;
import io.mlflow4j.runtime.generated.ColumnModelAdapter;
import io.mlflow4j.runtime.generated.TensorArrays;
import io.mlflow4j.runtime.generated.TensorModelAdapter;
import io.mlflow4j.runtime.internal.PythonJson;
import io.mlflow4j.runtime.model.ModelContext;
import io.mlflow4j.runtime.model.ModelSpec;
import io.mlflow4j.runtime.schema.ColSpec;
import io.mlflow4j.runtime.schema.ModelSignature;
import io.mlflow4j.runtime.schema.ParamSchema;
import io.mlflow4j.runtime.schema.ParamSpec;
import io.mlflow4j.runtime.schema.Schema;
import io.mlflow4j.runtime.schema.TensorSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hand-written adapters (what the processor generates) for mlflow4j equivalents of the models in
 * conformance/mlflow-reference. Each computes what the recorded
 * Python model computed.
 */
public final class TestModels {
    private TestModels() {}

    /** A model class that holds nothing: the logic of these small models lives in their adapters. */
    public static final class Plain {}

    /** loader_module_model: y = 1 + 2x + 0.5n, label_upper = label in upper case. */
    /** A column model without artifacts or {@code @Load}: only its spec and its predict differ. */
    public abstract static class ColumnModel extends ColumnModelAdapter<Plain> {
        private final ModelSpec spec;

        protected ColumnModel(ModelSpec spec) {
            super(new Plain());
            this.spec = spec;
        }

        @Override
        public ModelSpec spec() {
            return spec;
        }

        @Override
        public Map<String, Path> artifactSources() {
            return Map.of();
        }

        @Override
        public void bind(ModelContext context) {}
    }

    public static final class Linear extends ColumnModelAdapter<Plain> {
        static final ModelSpec SPEC = new ModelSpec(
                "linear",
                "loader_module_model in Java",
                new ModelSignature(
                        Schema.of(
                                ColSpec.required(DataType.DOUBLE, "x"),
                                ColSpec.required(DataType.LONG, "n"),
                                ColSpec.required(DataType.STRING, "label")),
                        Schema.of(
                                ColSpec.required(DataType.DOUBLE, "y"),
                                ColSpec.required(DataType.STRING, "label_upper")),
                        null),
                List.of(),
                Plain.class,
                Linear.class);

        public Linear() {
            super(new Plain());
        }

        @Override
        public ModelSpec spec() {
            return SPEC;
        }

        @Override
        public Map<String, Path> artifactSources() {
            return Map.of();
        }

        @Override
        public void bind(ModelContext context) {}

        @Override
        public Table predict(Table input, Params params) {
            int n = input.rowCount();
            double[] y = new double[n];
            String[] upper = new String[n];
            for (int i = 0; i < n; i++) {
                y[i] = 1.0
                        + 2.0 * input.column(0).getDouble(i)
                        + 0.5 * input.column(1).getLong(i);
                String label = input.column(2).getString(i);
                upper[i] = label == null ? null : label.toUpperCase(Locale.ROOT);
            }
            return Table.of(Column.ofDoubles("y", y), Column.ofStrings("label_upper", upper));
        }
    }

    /** python_model_artifacts: code = vocab[token] (0 if unknown) + the offset in extra_dir/sub/offset.txt. */
    public static final class TokenCodes extends ColumnModelAdapter<TokenCodes.Vocab> {
        static final ModelSpec SPEC = new ModelSpec(
                "token-codes",
                "python_model_artifacts in Java",
                new ModelSignature(
                        Schema.of(ColSpec.required(DataType.STRING, "token")),
                        Schema.of(ColSpec.required(DataType.LONG, "code"), ColSpec.required(DataType.STRING, "token")),
                        null),
                List.of("vocab", "extra"),
                Vocab.class,
                TokenCodes.class);

        /** The artifacts and what was read from them. */
        public static final class Vocab {
            Path vocabFile;
            Path extraDir;
            Map<String, Long> codes = new LinkedHashMap<>();
            long offset;
        }

        public TokenCodes() {
            super(new Vocab());
        }

        public TokenCodes(Path vocabFile, Path extraDir) {
            super(new Vocab());
            model().vocabFile = vocabFile;
            model().extraDir = extraDir;
        }

        @Override
        public ModelSpec spec() {
            return SPEC;
        }

        @Override
        public Map<String, Path> artifactSources() {
            Map<String, Path> sources = new LinkedHashMap<>();
            sources.put("vocab", model().vocabFile);
            sources.put("extra", model().extraDir);
            return sources;
        }

        @Override
        public void bind(ModelContext context) throws Exception {
            JsonNode vocab =
                    new ObjectMapper().readTree(context.artifact("vocab").toFile());
            vocab.properties()
                    .forEach(e -> model().codes.put(e.getKey(), e.getValue().longValue()));
            model().offset =
                    Long.parseLong(Files.readString(context.artifact("extra").resolve("sub/offset.txt"))
                            .trim());
        }

        @Override
        public Table predict(Table input, Params params) {
            int n = input.rowCount();
            long[] codes = new long[n];
            String[] tokens = new String[n];
            for (int i = 0; i < n; i++) {
                tokens[i] = input.column(0).getString(i);
                codes[i] = model().codes.getOrDefault(tokens[i], 0L) + model().offset;
            }
            return Table.of(Column.ofLongs("code", codes), Column.ofStrings("token", tokens));
        }
    }

    /**
     * optional_columns: returns its input as the Python model did. pandas hands the model only the
     * columns that were sent; mlflow4j fills an absent optional column with missing values, so the
     * echo leaves out optional columns that hold nothing.
     */
    public static final class OptionalEcho extends ColumnModelAdapter<Plain> {
        static final ModelSpec SPEC = new ModelSpec(
                "optional-echo",
                "optional_columns in Java",
                new ModelSignature(
                        Schema.of(
                                ColSpec.required(DataType.STRING, "name"),
                                ColSpec.optional(DataType.DOUBLE, "score"),
                                ColSpec.optional(DataType.LONG, "age"),
                                ColSpec.required(DataType.BOOLEAN, "flag")),
                        Schema.of(ColSpec.required(DataType.STRING, "name")),
                        null),
                List.of(),
                Plain.class,
                OptionalEcho.class);

        public OptionalEcho() {
            super(new Plain());
        }

        @Override
        public ModelSpec spec() {
            return SPEC;
        }

        @Override
        public Map<String, Path> artifactSources() {
            return Map.of();
        }

        @Override
        public void bind(ModelContext context) {}

        @Override
        public Table predict(Table input, Params params) {
            List<Column> kept = new ArrayList<>();
            for (Column c : input.columns()) {
                boolean allMissing = c.size() > 0;
                for (int i = 0; i < c.size(); i++) {
                    allMissing &= c.isMissing(i);
                }
                if (!allMissing) {
                    kept.add(c);
                }
            }
            return new Table(kept);
        }
    }

    /** params_schema, its scalar params and the list param {@code stop}: echoes the prompt and the params it received, as JSON. */
    public static final class ParamsEcho extends ColumnModelAdapter<Plain> {
        static final ModelSpec SPEC = new ModelSpec(
                "params-echo",
                "params_schema in Java",
                new ModelSignature(
                        Schema.of(ColSpec.required(DataType.STRING, "prompt")),
                        Schema.of(
                                ColSpec.required(DataType.STRING, "prompt"),
                                ColSpec.required(DataType.STRING, "_params")),
                        ParamSchema.of(
                                new ParamSpec("temperature", DataType.FLOAT, 0.5f),
                                new ParamSpec("max_tokens", DataType.LONG, 16L),
                                new ParamSpec("top_p", DataType.DOUBLE, 0.9),
                                new ParamSpec("verbose", DataType.BOOLEAN, false),
                                new ParamSpec("mode", DataType.STRING, "fast"),
                                new ParamSpec("stop", DataType.STRING, List.of("\n", "END"), true),
                                new ParamSpec("seed", DataType.INTEGER, 42))),
                List.of(),
                Plain.class,
                ParamsEcho.class);

        public ParamsEcho() {
            super(new Plain());
        }

        @Override
        public ModelSpec spec() {
            return SPEC;
        }

        @Override
        public Map<String, Path> artifactSources() {
            return Map.of();
        }

        @Override
        public void bind(ModelContext context) {}

        @Override
        public Table predict(Table input, Params params) {
            int n = input.rowCount();
            String[] json = new String[n];
            Arrays.fill(json, PythonJson.dumps(params.asMap()));
            return Table.of(input.column(0).withName("prompt"), Column.ofStrings("_params", json));
        }
    }

    /** example_list_of_strings: one unnamed string input, echoed as the column "0". */
    public static final class StringEcho extends ColumnModelAdapter<Plain> {
        static final ModelSpec SPEC = new ModelSpec(
                "string-echo",
                "example_list_of_strings in Java",
                new ModelSignature(
                        Schema.of(ColSpec.required(DataType.STRING, null)),
                        Schema.of(ColSpec.required(DataType.STRING, "0")),
                        null),
                List.of(),
                Plain.class,
                StringEcho.class);

        public StringEcho() {
            super(new Plain());
        }

        @Override
        public ModelSpec spec() {
            return SPEC;
        }

        @Override
        public Map<String, Path> artifactSources() {
            return Map.of();
        }

        @Override
        public void bind(ModelContext context) {}

        @Override
        public Table predict(Table input, Params params) {
            return Table.of(input.column(0).withName("0"));
        }
    }

    /** sklearn_linear_regression: 2a + b (the recorded fit), one unnamed double output. */
    public static final class Regression extends ColumnModelAdapter<Plain> {
        static final ModelSpec SPEC = new ModelSpec(
                "regression",
                "sklearn_linear_regression in Java",
                new ModelSignature(
                        Schema.of(ColSpec.required(DataType.DOUBLE, "a"), ColSpec.required(DataType.DOUBLE, "b")),
                        Schema.of(ColSpec.required(DataType.DOUBLE, null)),
                        null),
                List.of(),
                Plain.class,
                Regression.class);

        public Regression() {
            super(new Plain());
        }

        @Override
        public ModelSpec spec() {
            return SPEC;
        }

        @Override
        public Map<String, Path> artifactSources() {
            return Map.of();
        }

        @Override
        public void bind(ModelContext context) {}

        @Override
        public Table predict(Table input, Params params) {
            double[] y = new double[input.rowCount()];
            for (int i = 0; i < y.length; i++) {
                y[i] = 2 * input.column(0).getDouble(i) + input.column(1).getDouble(i);
            }
            return Table.of(Column.ofDoubles(null, y));
        }
    }

    /** all_column_types: one column of each scalar type (binary and datetime included), returned as received. */
    public static final class AllTypesEcho extends ColumnModelAdapter<Plain> {
        static final ModelSpec SPEC = new ModelSpec(
                "all-types-echo",
                "all_column_types in Java",
                new ModelSignature(
                        Schema.of(
                                ColSpec.required(DataType.BOOLEAN, "b"),
                                ColSpec.required(DataType.INTEGER, "i"),
                                ColSpec.required(DataType.LONG, "l"),
                                ColSpec.required(DataType.FLOAT, "f"),
                                ColSpec.required(DataType.DOUBLE, "d"),
                                ColSpec.required(DataType.STRING, "s"),
                                ColSpec.required(DataType.BINARY, "bin"),
                                ColSpec.required(DataType.DATETIME, "dt")),
                        null,
                        null),
                List.of(),
                Plain.class,
                AllTypesEcho.class);

        public AllTypesEcho() {
            super(new Plain());
        }

        @Override
        public ModelSpec spec() {
            return SPEC;
        }

        @Override
        public Map<String, Path> artifactSources() {
            return Map.of();
        }

        @Override
        public void bind(ModelContext context) {}

        @Override
        public Table predict(Table input, Params params) {
            return input;
        }
    }

    /**
     * array_object_map: array, object and map columns, nested, returned as received. Like
     * {@link OptionalEcho} it leaves out an optional column that was not sent.
     */
    public static final class NestedEcho extends ColumnModelAdapter<Plain> {
        static final ModelSpec SPEC = new ModelSpec(
                "nested-echo",
                "array_object_map in Java",
                new ModelSignature(
                        Schema.fromJson(
                                "[{\"type\": \"array\", \"items\": {\"type\": \"string\"}, \"name\": \"tags\", \"required\": true},"
                                        + " {\"type\": \"object\", \"properties\": {\"a\": {\"type\": \"long\", \"required\": true},"
                                        + " \"b\": {\"type\": \"string\", \"required\": false}}, \"name\": \"obj\", \"required\": true},"
                                        + " {\"type\": \"map\", \"values\": {\"type\": \"double\"}, \"name\": \"scores\", \"required\": true},"
                                        + " {\"type\": \"array\", \"items\": {\"type\": \"array\", \"items\": {\"type\": \"long\"}},"
                                        + " \"name\": \"matrix\", \"required\": false}, {\"type\": \"array\", \"items\": {\"type\": \"object\","
                                        + " \"properties\": {\"k\": {\"type\": \"string\", \"required\": true}}}, \"name\": \"items\", \"required\": true}]"),
                        null,
                        null),
                List.of(),
                Plain.class,
                NestedEcho.class);

        public NestedEcho() {
            super(new Plain());
        }

        @Override
        public ModelSpec spec() {
            return SPEC;
        }

        @Override
        public Map<String, Path> artifactSources() {
            return Map.of();
        }

        @Override
        public void bind(ModelContext context) {}

        @Override
        public Table predict(Table input, Params params) {
            List<Column> kept = new ArrayList<>();
            for (Column c : input.columns()) {
                Object[] cells = new Object[c.size()];
                boolean any = false;
                for (int i = 0; i < cells.length; i++) {
                    cells[i] = c.get(i);
                    any |= cells[i] != null;
                }
                if (any || c.size() == 0) {
                    kept.add(Column.ofNested(c.name(), c.type(), cells));
                }
            }
            return new Table(kept);
        }
    }

    /** tensor_float32_unnamed: the sum of each row of a float32 [-1, 4] tensor, as a [-1, 1] tensor. */
    public static final class RowSums extends TensorModel {
        static final ModelSpec SPEC = new ModelSpec(
                "row-sums",
                "tensor_float32_unnamed in Java",
                new ModelSignature(
                        Schema.ofTensors(new TensorSpec(null, "float32", List.of(-1, 4))),
                        Schema.ofTensors(new TensorSpec(null, "float32", List.of(-1, 1))),
                        null),
                List.of(),
                Plain.class,
                RowSums.class);

        @Override
        public ModelSpec spec() {
            return SPEC;
        }

        @Override
        public List<Tensor> predictTensors(List<Tensor> input, Params params) {
            float[][] rows = TensorArrays.toFloat2(input.get(0));
            float[][] sums = new float[rows.length][1];
            for (int r = 0; r < rows.length; r++) {
                for (float v : rows[r]) {
                    sums[r][0] += v;
                }
            }
            return List.of(TensorArrays.fromFloat(null, sums));
        }
    }

    /**
     * tensor_named_multi: features float32 [-1, 4], ids int64 [-1], cube float64 [-1, 2, 3]; returns
     * the row sums of features, the ids, and the sums of the cube's last axis.
     */
    public static final class NamedTensors extends TensorModel {
        static final ModelSpec SPEC = new ModelSpec(
                "named-tensors",
                "tensor_named_multi in Java",
                new ModelSignature(
                        Schema.ofTensors(
                                new TensorSpec("features", "float32", List.of(-1, 4)),
                                new TensorSpec("ids", "int64", List.of(-1)),
                                new TensorSpec("cube", "float64", List.of(-1, 2, 3))),
                        Schema.ofTensors(
                                new TensorSpec("features", "float32", List.of(-1)),
                                new TensorSpec("ids", "int64", List.of(-1)),
                                new TensorSpec("cube", "float64", List.of(-1, 2))),
                        null),
                List.of(),
                Plain.class,
                NamedTensors.class);

        @Override
        public ModelSpec spec() {
            return SPEC;
        }

        @Override
        public List<Tensor> predictTensors(List<Tensor> input, Params params) {
            float[][] features = TensorArrays.toFloat2(input.get(0));
            float[] sums = new float[features.length];
            for (int r = 0; r < features.length; r++) {
                for (float v : features[r]) {
                    sums[r] += v;
                }
            }
            double[][][] cube = TensorArrays.toDouble3(input.get(2));
            double[][] cubeSums = new double[cube.length][2];
            for (int r = 0; r < cube.length; r++) {
                for (int j = 0; j < 2; j++) {
                    for (double v : cube[r][j]) {
                        cubeSums[r][j] += v;
                    }
                }
            }
            return List.of(
                    TensorArrays.fromFloat("features", sums),
                    input.get(1).withName("ids"),
                    TensorArrays.fromDouble("cube", cubeSums));
        }
    }

    /** A model over tensors, as generated tensor models are. */
    public abstract static class TensorModel extends TensorModelAdapter<Plain> {
        TensorModel() {
            super(new Plain());
        }

        @Override
        public Map<String, Path> artifactSources() {
            return Map.of();
        }

        @Override
        public void bind(ModelContext context) {}
    }

    /**
     * Blocks each prediction until {@link #RELEASE} opens (or a row holds "fail", then throws), for
     * timeout, shutdown and error tests. Same input as {@link Linear}.
     */
    public static final class Gate extends ColumnModelAdapter<Plain> {
        public static volatile CountDownLatch release = new CountDownLatch(0);
        public static volatile CountDownLatch entered = new CountDownLatch(0);
        static final ModelSpec SPEC = new ModelSpec(
                "gate",
                "a model that waits",
                new ModelSignature(Schema.of(ColSpec.required(DataType.STRING, "label")), null, null),
                List.of(),
                Plain.class,
                Gate.class);

        public Gate() {
            super(new Plain());
        }

        @Override
        public ModelSpec spec() {
            return SPEC;
        }

        @Override
        public Map<String, Path> artifactSources() {
            return Map.of();
        }

        @Override
        public void bind(ModelContext context) {}

        @Override
        public Table predict(Table input, Params params) throws Exception {
            if (input.rowCount() > 0 && "fail".equals(input.column(0).getString(0))) {
                throw new IllegalStateException("the model refuses 'fail'");
            }
            entered.countDown();
            release.await();
            return Table.of(input.column(0).withName("label"));
        }
    }

    /** y = x * scale; a negative x makes predict throw; param {@code short_by} drops that many output rows. */
    public static final class Scaler extends ColumnModel {
        public static final AtomicInteger CALLS = new AtomicInteger();
        static final ModelSpec SPEC = new ModelSpec(
                "scaler",
                "batching in Java",
                new ModelSignature(
                        Schema.of(ColSpec.required(DataType.DOUBLE, "x")),
                        Schema.of(ColSpec.required(DataType.DOUBLE, "y")),
                        ParamSchema.of(
                                new ParamSpec("scale", DataType.DOUBLE, 2.0),
                                new ParamSpec("short_by", DataType.LONG, 0L))),
                List.of(),
                Plain.class,
                Scaler.class);

        public Scaler() {
            super(SPEC);
        }

        @Override
        public Table predict(Table input, Params params) {
            CALLS.incrementAndGet();
            double scale = ((Number) params.asMap().get("scale")).doubleValue();
            int rows = input.rowCount() - ((Number) params.asMap().get("short_by")).intValue();
            double[] y = new double[Math.max(0, rows)];
            for (int i = 0; i < y.length; i++) {
                double x = input.column("x").getDouble(i);
                if (x < 0) {
                    throw new IllegalArgumentException("negative x: " + x);
                }
                y[i] = x * scale;
            }
            return Table.of(Column.ofDoubles("y", y));
        }
    }
}
