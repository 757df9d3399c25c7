package io.mlflow4j.cli;

import io.mlflow4j.runtime.Mlflow;
import io.mlflow4j.runtime.error.MlflowException;
import io.mlflow4j.runtime.internal.PythonJson;
import io.mlflow4j.runtime.model.MlmodelFile;
import io.mlflow4j.runtime.model.ModelFolderPaths;
import io.mlflow4j.runtime.schema.ColSpec;
import io.mlflow4j.runtime.schema.Schema;
import io.mlflow4j.runtime.uri.ModelUris;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code mlflow4j inspect}: what a model folder holds, read from its files without loading its
 * code, so it works for any MLflow model.
 */
final class InspectCommand {
    static final String USAGE_TEXT = """
            Usage: mlflow4j inspect -m <model uri>

            Show a model's flavors, signature, input example and size, read from its MLmodel file
            without loading its code (so any MLflow model can be inspected).

            Options:
              -m, --model-uri <uri>  the model: a folder, file:/... or runs:/<run id>/<path> (required)
                  --help             show this help
            """;

    private static final List<Options.Spec> SPECS = List.of(new Options.Spec("model-uri", "m"));
    private static final int MAX_EXAMPLE_CHARS = 2000;

    private InspectCommand() {}

    static int run(String[] args, PrintStream out, PrintStream err) throws UsageException {
        Options options = Options.parse("inspect", SPECS, args);
        if (options.help()) {
            out.print(USAGE_TEXT);
            return Main.OK;
        }
        Path root = ModelUris.toLocalFolder(options.required("model-uri", "m"), Mlflow.store());
        MlmodelFile mlmodel = MlmodelFile.read(root);
        out.println("Model:          " + root.toAbsolutePath().normalize());
        line(out, "MLflow version", mlmodel.string("mlflow_version"));
        line(out, "Model UUID", mlmodel.string("model_uuid"));
        line(out, "Run ID", mlmodel.string("run_id"));
        line(out, "Created (UTC)", mlmodel.string("utc_time_created"));
        out.println("Flavors:        " + String.join(", ", mlmodel.flavors().keySet()));
        if (mlmodel.flavors().get("java_function") instanceof Map<?, ?> java) {
            line(
                    out,
                    "  model class",
                    java.get("model_class") == null ? null : String.valueOf(java.get("model_class")));
            line(
                    out,
                    "  adapter",
                    java.get("adapter_class") == null ? null : String.valueOf(java.get("adapter_class")));
        }
        out.println("Signature:");
        if (mlmodel.content().get("signature") instanceof Map<?, ?> signature) {
            for (String part : List.of("inputs", "outputs", "params")) {
                Object json = signature.get(part);
                try {
                    out.println("  " + part + ":" + specs(json));
                } catch (IllegalArgumentException e) {
                    out.println("  " + part + ": " + json + "   (not JSON)");
                    err.println("Warning: the signature's " + part + " in " + root.resolve("MLmodel") + " is not JSON ("
                            + e.getMessage() + "), so MLflow cannot read the signature. Save the model again.");
                }
            }
        } else {
            out.println("  (none)");
        }
        out.println("Input example:  " + example(root, mlmodel, err));
        long[] size = size(root);
        out.println("Size:           " + size[0] + " bytes in " + size[1] + " files");
        return Main.OK;
    }

    private static void line(PrintStream out, String label, String value) {
        if (value != null) {
            out.println(String.format("%-15s %s", label + ":", value));
        }
    }

    /**
     * One line per spec: {@code x: double (required)}, {@code threshold: double = 0.5}.
     *
     * @throws IllegalArgumentException if {@code json} is text that is not a JSON list
     */
    private static String specs(Object json) {
        if (!(json instanceof String text)) {
            return " (none)";
        }
        StringBuilder lines = new StringBuilder();
        for (Object item : PythonJson.parseArray(text)) {
            if (!(item instanceof Map<?, ?> spec)) {
                lines.append("\n    ").append(item);
                continue;
            }
            String name = spec.get("name") == null ? "(unnamed)" : String.valueOf(spec.get("name"));
            Object type = spec.get("type");
            String description;
            if ("tensor".equals(type) && spec.get("tensor-spec") instanceof Map<?, ?> tensor) {
                description = "tensor " + tensor.get("dtype") + " " + tensor.get("shape");
            } else if (spec.containsKey("default")) {
                description = type + (spec.get("shape") == null ? "" : " " + spec.get("shape")) + " = "
                        + PythonJson.dumps(spec.get("default"));
            } else {
                description =
                        columnType(spec) + (Boolean.FALSE.equals(spec.get("required")) ? " (optional)" : " (required)");
            }
            lines.append("\n    ").append(name).append(": ").append(description);
        }
        return lines.toString();
    }

    /** The type as MLflow prints it; array, object and map columns with their nested types: {@code Array(string)}. */
    private static String columnType(Map<?, ?> spec) {
        Object type = spec.get("type");
        if (!"array".equals(type) && !"object".equals(type) && !"map".equals(type)) {
            return String.valueOf(type);
        }
        try {
            ColSpec column = Schema.fromJson("[" + PythonJson.dumps(spec) + "]")
                    .columns()
                    .get(0);
            return column.nested().toString();
        } catch (RuntimeException e) {
            return String.valueOf(type);
        }
    }

    private static String example(Path root, MlmodelFile mlmodel, PrintStream err) {
        Object info = mlmodel.content().get("saved_input_example_info");
        if (!(info instanceof Map<?, ?> map) || map.get("artifact_path") == null) {
            return "(none)";
        }
        Path file;
        try {
            file = ModelFolderPaths.inside(root, root, String.valueOf(map.get("artifact_path")), "its input example");
        } catch (MlflowException e) {
            err.println("Warning: " + e.getMessage());
            return "(not shown: outside the model folder)";
        }
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            return file.getFileName() + " "
                    + (text.length() > MAX_EXAMPLE_CHARS
                            ? text.substring(0, MAX_EXAMPLE_CHARS) + "... (" + text.length() + " characters)"
                            : text);
        } catch (IOException e) {
            return "(listed as " + map.get("artifact_path") + " but unreadable: " + e.getMessage() + ")";
        }
    }

    private static long[] size(Path root) {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(Files::isRegularFile).forEach(files::add);
            long bytes = 0;
            for (Path f : files) {
                bytes += Files.size(f);
            }
            return new long[] {bytes, files.size()};
        } catch (IOException e) {
            throw new UncheckedIOException("Could not measure " + root + ": " + e.getMessage(), e);
        }
    }
}
