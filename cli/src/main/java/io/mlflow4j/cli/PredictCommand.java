package io.mlflow4j.cli;

import io.mlflow4j.runtime.LoadedModel;
import io.mlflow4j.runtime.MlflowModels;
import io.mlflow4j.runtime.scoring.Invocations;
import io.mlflow4j.runtime.scoring.ScoringResponse;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;

/**
 * {@code mlflow4j predict}: the answer the scoring server would give to the file's content, as
 * {@code mlflow models predict} does: {@code {"predictions": ...}} to the output file or stdout.
 */
final class PredictCommand {
    static final String USAGE_TEXT = """
            Usage: mlflow4j predict -m <model uri> [-i <input file>] [-t json|csv] [-o <output file>]

            Predict with a model on a file in the scoring server's formats and write the predictions
            as JSON ({"predictions": ...}). A refused input prints MLflow's error message and exits 1.

            Options:
              -m, --model-uri <uri>     the model: a folder, file:/... or runs:/<run id>/<path> (required)
              -i, --input-path <file>   the input, '-' or absent for stdin
              -t, --content-type <t>    json (a scoring request: dataframe_split, dataframe_records,
                                        instances or inputs, and params) or csv (a header row, then
                                        rows); by default csv for a .csv file and json otherwise
              -o, --output-path <file>  where to write the predictions, stdout by default
                  --env-manager <name>  accepted for scripts written for 'mlflow models'; ignored,
                                        as a JVM model needs no Python environment
                  --help                show this help
            """;

    private static final List<Options.Spec> SPECS = List.of(
            new Options.Spec("model-uri", "m"),
            new Options.Spec("env-manager", null),
            new Options.Spec("input-path", "i"),
            new Options.Spec("content-type", "t"),
            new Options.Spec("output-path", "o"));

    private PredictCommand() {}

    static int run(String[] args, PrintStream out, PrintStream err) throws UsageException {
        Options options = Options.parse("predict", SPECS, args);
        if (options.help()) {
            out.print(USAGE_TEXT);
            return Main.OK;
        }
        String uri = options.required("model-uri", "m");
        String input = options.get("input-path", "-");
        String type = options.get("content-type", input.toLowerCase(Locale.ROOT).endsWith(".csv") ? "csv" : "json");
        String contentType = switch (type.toLowerCase(Locale.ROOT)) {
            case "json" -> "application/json";
            case "csv" -> "text/csv";
            default -> throw new UsageException("-t must be json or csv, not '" + type + "'.");
        };
        byte[] body = read(input);
        ScoringResponse response;
        try (LoadedModel model = MlflowModels.load(uri)) {
            response = new Invocations(model).invoke(contentType, body);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not close the model: " + e.getMessage(), e);
        }
        if (!response.isSuccess()) {
            err.println("Error: the input was refused (" + response.status() + "): " + response.bodyText());
            return Main.FAILURE;
        }
        String output = options.get("output-path", null);
        if (output == null) {
            out.println(response.bodyText());
            out.flush();
        } else {
            try {
                Files.write(Paths.get(output), response.body());
            } catch (IOException e) {
                throw new UncheckedIOException("Could not write the predictions to " + output + ": " + e, e);
            }
        }
        return Main.OK;
    }

    private static byte[] read(String input) {
        try {
            if (input.equals("-")) {
                return System.in.readAllBytes();
            }
            Path path = Paths.get(input);
            if (!Files.isRegularFile(path)) {
                String message =
                        "The input file " + path.toAbsolutePath() + " does not exist. Give a JSON or CSV file with -i.";
                throw new UncheckedIOException(message, new IOException(message));
            }
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the input " + input + ": " + e.getMessage(), e);
        }
    }
}
