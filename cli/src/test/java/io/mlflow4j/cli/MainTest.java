package io.mlflow4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlflow4j.examples.iris.IrisClassifier;
import io.mlflow4j.examples.iris.IrisClassifierLogger;
import io.mlflow4j.runtime.LoadedModel;
import io.mlflow4j.runtime.MlflowModels;
import io.mlflow4j.runtime.data.Column;
import io.mlflow4j.runtime.data.Table;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command line in process: help, exit codes, predict on JSON and CSV files, inspect. */
class MainTest {
    static Path model;
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    /** What a command printed and returned. */
    record Result(int exit, String out, String err) {}

    @BeforeAll
    static void saveIris() throws Exception {
        model = saveIrisModel(dir);
    }

    /** The iris example with two centroids, saved as an MLflow model folder. */
    static Path saveIrisModel(Path dir) throws Exception {
        Path weights = dir.resolve("weights.txt");
        Files.writeString(weights, "setosa 5.0 3.4 1.5 0.2\nvirginica 6.5 3.0 5.5 2.0\n");
        return IrisClassifierLogger.save(new IrisClassifier().withWeights(weights), dir.resolve("iris"));
    }

    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "serve", "predict", "inspect"})
    void helpEverywhereExitsZeroAndPrintsUsageToStdout(String command) {
        Result r = command.isEmpty() ? run("--help") : run(command, "--help");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("Usage: mlflow4j " + (command.isEmpty() ? "<command>" : command)), r.out());
        assertEquals("", r.err());
    }

    @Test
    void wrongCommandLinesExitTwoWithAPointerToHelp() {
        Result none = run();
        assertEquals(2, none.exit());
        assertTrue(none.err().startsWith("Usage: mlflow4j"), none.err());

        Result unknown = run("train");
        assertEquals(2, unknown.exit());
        assertTrue(
                unknown.err().contains("Unknown command 'train'. Commands: serve, predict, inspect."), unknown.err());

        Result option = run("serve", "-m", model.toString(), "--verbose");
        assertEquals(2, option.exit());
        assertTrue(option.err().contains("Unknown option '--verbose' for 'serve'."), option.err());
        assertTrue(option.err().contains("Run 'mlflow4j serve --help' for usage."), option.err());

        assertEquals(2, run("serve").exit(), "no model");
        assertEquals(2, run("serve", "-m", model.toString(), "-p", "70000").exit(), "port out of range");
        assertEquals(
                2,
                run("serve", "-m", model.toString(), "--max-connections", "0").exit(),
                "no connection allowed");
        assertEquals(
                2, run("serve", "-m", model.toString(), "--header-timeout", "0").exit(), "no time for headers");
        assertEquals(
                2,
                run("serve", "-m", model.toString(), "--max-bytes-in-flight", "-5")
                        .exit(),
                "a negative budget");
        assertEquals(2, run("predict", "-m", model.toString(), "-i").exit(), "an option without its value");
        assertEquals(2, run("predict", "-m", model.toString(), "-t", "xml").exit(), "unknown content type");
    }

    @Test
    void failuresExitOneWithTheReason(@TempDir Path tmp) throws Exception {
        Result missingModel = run("inspect", "-m", tmp.resolve("nothing").toString());
        assertEquals(1, missingModel.exit());
        assertTrue(missingModel.err().contains("which is not a folder"), missingModel.err());

        Result missingInput = run(
                "predict",
                "-m",
                model.toString(),
                "-i",
                tmp.resolve("none.json").toString());
        assertEquals(1, missingInput.exit());
        assertTrue(missingInput.err().contains("does not exist"), missingInput.err());

        Path bad = Files.writeString(tmp.resolve("bad.json"), "{\"dataframe_records\": [{\"sepal_length\": 5.1}]}");
        Result refused = run("predict", "-m", model.toString(), "-i", bad.toString());
        assertEquals(1, refused.exit());
        assertTrue(refused.err().contains("Model is missing inputs ['sepal_width', 'petal_length']"), refused.err());
        assertEquals("", refused.out());
    }

    @Test
    void predictsOnAJsonFileWithParamsAsTheModelDoesInProcess(@TempDir Path tmp) throws Exception {
        Path input = Files.writeString(
                tmp.resolve("input.json"),
                "{\"dataframe_split\": {\"columns\": [\"sepal_length\","
                        + " \"sepal_width\", \"petal_length\", \"petal_width\"], \"data\": [[5.1, 3.5, 1.4, 0.2], [6.0, 3.0, 4.0, 1.3]]},"
                        + " \"params\": {\"threshold\": 0.99}}");
        Result r = run("predict", "-m", model.toString(), "-i", input.toString(), "--env-manager", "local");
        assertEquals(0, r.exit(), r.err());
        JsonNode predictions = JSON.readTree(r.out()).get("predictions");

        Table expected = inProcess(
                new double[] {5.1, 6.0},
                new double[] {3.5, 3.0},
                new double[] {1.4, 4.0},
                new double[] {0.2, 1.3},
                0.99);
        assertEquals(2, predictions.size());
        for (int i = 0; i < 2; i++) {
            assertEquals(
                    expected.column("species").getString(i),
                    predictions.get(i).get("species").asText());
            assertEquals(
                    expected.column("probability").getDouble(i),
                    predictions.get(i).get("probability").asDouble());
        }
    }

    @Test
    void predictsOnACsvFileIntoAnOutputFile(@TempDir Path tmp) throws Exception {
        Path input =
                Files.writeString(tmp.resolve("input.csv"), "sepal_length,sepal_width,petal_length\n6.7,3.0,5.2\n");
        Path output = tmp.resolve("predictions.json");
        Result r = run("predict", "-m", model.toString(), "-i", input.toString(), "-o", output.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.out(), "predictions go to the file");
        JsonNode prediction =
                JSON.readTree(Files.readString(output)).get("predictions").get(0);

        Table expected = inProcess(new double[] {6.7}, new double[] {3.0}, new double[] {5.2}, null, 0.5);
        assertEquals(
                expected.column("species").getString(0),
                prediction.get("species").asText());
        assertEquals(
                expected.column("probability").getDouble(0),
                prediction.get("probability").asDouble());

        Result asJson = run("predict", "-m", model.toString(), "-i", input.toString(), "-t", "json");
        assertEquals(1, asJson.exit(), "CSV read as JSON is refused");
        assertTrue(asJson.err().contains("Ensure that input is a valid JSON formatted string"), asJson.err());
    }

    @Test
    void inspectShowsFlavorsSignatureAndSize() {
        Result r = run("inspect", "-m", model.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(r, run("inspect", "--model-uri=" + model), "long options also take their value after '='");
        assertTrue(r.out().contains("Flavors:        java_function"), r.out());
        assertTrue(r.out().contains("model class:  io.mlflow4j.examples.iris.IrisClassifier"), r.out());
        assertTrue(r.out().contains("\n  inputs:\n    sepal_length: double (required)\n"), r.out());
        assertTrue(r.out().contains("    petal_width: double (optional)\n"), r.out());
        assertTrue(r.out().contains("\n  params:\n    threshold: double = 0.5\n"), r.out());
        assertTrue(r.out().matches("(?s).*Size:           \\d+ bytes in \\d+ files.*"), r.out());
    }

    @Test
    void inspectWarnsAboutASignatureThatIsNotJsonAndAnExampleOutsideTheFolder(@TempDir Path tmp) throws Exception {
        Path copy = saveIrisModel(tmp);
        Files.writeString(tmp.resolve("outside.txt"), "SECRET-OUTSIDE");
        Path mlmodel = copy.resolve("MLmodel");
        String text = Files.readString(mlmodel);
        String changed = text.replaceFirst("(?m)^  outputs: .*(\\n    .*)*$", "  outputs: not json")
                .replaceFirst("(?m)^  artifact_path: input_example.json$", "  artifact_path: ../outside.txt");
        assertTrue(!changed.equals(text) && changed.contains("../outside.txt"), text);
        Files.writeString(mlmodel, changed);

        Result r = run("inspect", "-m", copy.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("  outputs: not json   (not JSON)"), r.out());
        assertTrue(r.err().contains("Warning: the signature's outputs in " + mlmodel + " is not JSON"), r.err());
        assertTrue(r.err().contains("its input example '../outside.txt', which is outside the model folder"), r.err());
        assertTrue(!r.out().contains("SECRET-OUTSIDE") && !r.err().contains("SECRET-OUTSIDE"), r.out());
    }

    private static Table inProcess(double[] sl, double[] sw, double[] pl, double[] pw, double threshold)
            throws Exception {
        try (LoadedModel m = MlflowModels.load(model.toString())) {
            Table input = pw == null
                    ? Table.of(
                            Column.ofDoubles("sepal_length", sl),
                            Column.ofDoubles("sepal_width", sw),
                            Column.ofDoubles("petal_length", pl))
                    : Table.of(
                            Column.ofDoubles("sepal_length", sl),
                            Column.ofDoubles("sepal_width", sw),
                            Column.ofDoubles("petal_length", pl),
                            Column.ofDoubles("petal_width", pw));
            return m.predict(input, Map.of("threshold", threshold));
        }
    }
}
