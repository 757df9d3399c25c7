package io.mlflow4j.runtime.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlflow4j.runtime.ActiveRun;
import io.mlflow4j.runtime.LogOptions;
import io.mlflow4j.runtime.Mlflow;
import io.mlflow4j.runtime.MlflowModels;
import io.mlflow4j.runtime.ModelInfo;
import io.mlflow4j.runtime.Reference;
import io.mlflow4j.runtime.model.EchoModelAdapter;
import io.mlflow4j.runtime.uri.ModelUris;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What mlflow4j writes into a new {@code mlflow.db}, compared with what MLflow 3.11.1 wrote for the
 * same steps ({@code 3.11.1/sqlite/} of the reference: {@code schema.sql}, {@code rows_after_log.json},
 * made by {@code rows_after_log.py}): the same schema and revision, the same tables filled, the
 * same columns, and the same values once ids, times and the project folder are named alike.
 */
class SqliteConformanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Columns that hold a time in epoch milliseconds: compared as "a time during the test". */
    private static final Set<String> TIMES = Set.of(
            "creation_time",
            "last_update_time",
            "last_updated_time",
            "start_time",
            "end_time",
            "timestamp",
            "metric_timestamp_ms",
            "creation_timestamp_ms",
            "last_updated_timestamp_ms");
    /** Tags whose values name the program and the user, which differ between Python's script and this test. */
    private static final Set<String> WHO = Set.of("mlflow.source.name", "mlflow.user");

    @TempDir
    Path project;

    @Test
    void aNewDatabaseHasMlflow3111sSchemaAndRevision() throws Exception {
        SqliteTrackingStore store = new SqliteTrackingStore(project.resolve("mlflow.db"), project.resolve("mlruns"));
        store.getExperiment("0");
        Set<String> ours = new TreeSet<>();
        try (Connection c = open(project.resolve("mlflow.db"))) {
            for (Map<String, Object> row : Sql.rows(c, "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL")) {
                ours.add(normalized(row.get("sql").toString()));
            }
            assertEquals(
                    Reference.read(Reference.v311("sqlite/alembic_version.txt")).strip(),
                    Sql.value(c, "SELECT version_num FROM alembic_version"));
        }
        Set<String> recorded = new TreeSet<>();
        for (String statement :
                Reference.read(Reference.v311("sqlite/schema.sql")).split(";\n(?=CREATE )")) {
            recorded.add(normalized(statement.replaceAll(";\\s*$", "")));
        }
        assertEquals(recorded, ours);
        assertEquals(101, ours.size(), "46 tables with their indexes and the secrets trigger");
    }

    @Test
    void theRowsOfALoggedRunModelVersionAndAliasAreMlflowsRows() throws Exception {
        Path mlruns = project.resolve("mlruns");
        SqliteTrackingStore store = new SqliteTrackingStore(project.resolve("mlflow.db"), mlruns);
        long start = System.currentTimeMillis();
        ModelInfo info;
        String runId;
        try (ActiveRun run = Mlflow.startRun(store, "reference", "reference-run")) {
            runId = run.runId();
            run.logParams(Map.of("alpha", 0.5, "solver", "lbfgs"));
            run.logMetric("loss", 1.0, 0);
            run.logMetric("loss", 0.5, 1);
            run.setTag("team", "java-port");
            info = MlflowModels.log(
                    new EchoModelAdapter(), run, "model", LogOptions.registeredModelName("reference-model"));
            // MLflow's log_model logs the run's metrics of the current step to the model; mlflow4j's caller does it
            Long firstLoss = null;
            try (Connection c = open(project.resolve("mlflow.db"))) {
                firstLoss = ((Number) Sql.value(c, "SELECT timestamp FROM metrics WHERE step = 0")).longValue();
            }
            store.logMetric(runId, "loss", 1.0, firstLoss, 0, info.modelId());
        }
        store.registry().setAlias("reference-model", "champion", "1");
        long end = System.currentTimeMillis();

        JsonNode recorded =
                JSON.readTree(Reference.v311("sqlite/rows_after_log.json").toFile());
        JsonNode recordedIds =
                JSON.readTree(Reference.v311("sqlite/files_after_log.json").toFile());
        Map<String, String> theirNames = Map.of(
                recordedIds.get("run_id").asText(),
                "<run>",
                recordedIds.get("model_id").asText(),
                "<model>",
                "/home/user/project/mlruns",
                "<mlruns>");
        Map<String, String> ourNames = Map.of(
                runId,
                "<run>",
                info.modelId(),
                "<model>",
                mlruns.toAbsolutePath().toString(),
                "<mlruns>");

        Map<String, List<Map<String, Object>>> ours = new TreeMap<>();
        try (Connection c = open(project.resolve("mlflow.db"))) {
            for (Map<String, Object> t : Sql.rows(c, "SELECT name FROM sqlite_master WHERE type = 'table'")) {
                List<Map<String, Object>> rows = Sql.rows(c, "SELECT * FROM \"" + t.get("name") + "\"");
                if (!rows.isEmpty()) {
                    ours.put(t.get("name").toString(), rows);
                }
            }
        }
        Set<String> theirTables = new TreeSet<>();
        recorded.fieldNames().forEachRemaining(theirTables::add);
        assertEquals(theirTables, ours.keySet(), "the tables that hold rows");

        for (String table : theirTables) {
            List<String> theirColumns = new ArrayList<>();
            recorded.get(table).get(0).fieldNames().forEachRemaining(theirColumns::add);
            assertEquals(theirColumns, new ArrayList<>(ours.get(table).get(0).keySet()), table + ": columns in order");
            List<String> theirRows = new ArrayList<>();
            for (JsonNode row : recorded.get(table)) {
                Map<String, Object> values = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = row.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    JsonNode v = field.getValue();
                    values.put(
                            field.getKey(),
                            v.isNull()
                                    ? null
                                    : v.isDouble()
                                            ? (Object) v.asDouble()
                                            : v.isNumber() ? (Object) v.asLong() : v.asText());
                }
                theirRows.add(normalizedRow(values, theirNames, 0, Long.MAX_VALUE));
            }
            List<String> ourRows = ours.get(table).stream()
                    .map(r -> normalizedRow(r, ourNames, start, end))
                    .toList();
            assertEquals(
                    theirRows.stream().sorted().toList(),
                    ourRows.stream().sorted().toList(),
                    table);
        }
        // The model's files: under the experiment's models/<id>/artifacts, nothing under mlruns/0, no metadata files.
        assertTrue(Files.isRegularFile(
                mlruns.resolve("1/models").resolve(info.modelId()).resolve("artifacts/MLmodel")));
        assertFalse(Files.exists(mlruns.resolve("0")));
        try (Stream<Path> files = Files.walk(mlruns)) {
            assertEquals(
                    List.of(),
                    files.filter(f -> f.getFileName().toString().equals("meta.yaml"))
                            .toList());
        }
        // and they load by every URI MLflow gives them
        for (String uri : List.of(
                info.modelUri(),
                "runs:/" + runId + "/model",
                "models:/reference-model/1",
                "models:/reference-model@champion",
                "models:/reference-model/latest")) {
            assertTrue(Files.isRegularFile(ModelUris.toLocalFolder(uri, store).resolve("MLmodel")), uri);
        }
    }

    /** A row as text, with ids and the project folder named alike, and times checked then hidden. */
    private static String normalizedRow(Map<String, Object> row, Map<String, String> names, long start, long end) {
        Map<String, String> out = new TreeMap<>();
        boolean who = WHO.contains(String.valueOf(row.getOrDefault("key", row.get("tag_key"))));
        for (Map.Entry<String, Object> e : row.entrySet()) {
            Object v = e.getValue();
            String text;
            if (TIMES.contains(e.getKey()) && v != null) {
                long t = ((Number) v).longValue();
                assertTrue(t >= start && t <= end, e.getKey() + " " + t + " is a time during the test");
                text = "<time>";
            } else if (e.getKey().equals("input_uuid")) {
                assertTrue(v.toString().matches("[0-9a-f]{32}"), "input_uuid " + v);
                text = "<uuid>";
            } else if (who && (e.getKey().equals("value") || e.getKey().equals("tag_value"))) {
                text = "<who>";
            } else if (e.getKey().equals("user_id") && v != null) {
                text = "<who>";
            } else if (v instanceof Double || v instanceof Float) {
                text = "REAL " + ((Number) v).doubleValue();
            } else if (v instanceof Number) {
                text = "INTEGER " + ((Number) v).longValue();
            } else {
                text = v == null ? "NULL" : "TEXT " + v;
                for (Map.Entry<String, String> name : names.entrySet()) {
                    text = text.replace(name.getKey(), name.getValue());
                }
            }
            out.put(e.getKey(), text);
        }
        return out.toString();
    }

    private static String normalized(String sql) {
        return sql.strip().replace("CREATE TABLE IF NOT EXISTS ", "CREATE TABLE ");
    }

    static Connection open(Path db) throws Exception {
        return DriverManager.getConnection("jdbc:sqlite:" + db);
    }

    static Set<String> names(List<Map<String, Object>> rows, String column) {
        return rows.stream().map(r -> String.valueOf(r.get(column))).collect(Collectors.toCollection(TreeSet::new));
    }
}
