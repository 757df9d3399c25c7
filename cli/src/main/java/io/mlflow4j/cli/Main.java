package io.mlflow4j.cli;

import io.mlflow4j.runtime.error.MlflowException;
import io.mlflow4j.runtime.internal.Versions;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * {@code mlflow4j}: MLflow's {@code mlflow models} commands for JVM models, without Python.
 *
 * <pre>
 * java -jar mlflow4j-cli-all.jar serve -m runs:/&lt;run id&gt;/model -p 5000
 * java -jar mlflow4j-cli-all.jar predict -m ./model -i input.json -o predictions.json
 * java -jar mlflow4j-cli-all.jar inspect -m ./model
 * </pre>
 *
 * Exit codes: 0 success, 1 failure (the model cannot be loaded, the input is refused, a file
 * cannot be read or written, the port is taken), 2 a wrong command line. Results go to stdout,
 * logs and errors to stderr.
 */
public final class Main {
    static final int OK = 0;
    static final int FAILURE = 1;
    static final int USAGE = 2;

    static final String USAGE_TEXT = """
            Usage: mlflow4j <command> [options]

            Serve, predict with and inspect MLflow models made with mlflow4j, without Python.

            Commands:
              serve     Serve a model with MLflow's scoring protocol (/invocations, /ping, /health, /version)
              predict   Predict on a JSON or CSV file and write the predictions as JSON
              inspect   Show a model's flavors, signature, input example and size

            Options:
              --help     Show this help; 'mlflow4j <command> --help' shows a command's options
              --version  Show the versions of mlflow4j and of the MLflow format it speaks

            Model URIs: a folder, file:/..., or runs:/<run id>/<path> (the tracking store is
            MLFLOW_TRACKING_URI; by default MLflow 3's, sqlite:///mlflow.db, or ./mlruns if it holds runs).
            Exit codes: 0 success, 1 failure, 2 wrong command line.
            """;

    private Main() {}

    public static void main(String[] args) {
        int code;
        try {
            code = run(args, System.out, System.err);
        } catch (VirtualMachineError e) {
            // out of memory: shutdown hooks may not get to run, so a plain exit could hang; stop at once
            System.err.println("Error: " + e + ". Raise the heap (-Xmx) if the model or its input is large.");
            Runtime.getRuntime().halt(FAILURE);
            return;
        }
        System.exit(code);
    }

    /** Runs one command; returns the exit code. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.print(USAGE_TEXT);
            return USAGE;
        }
        String command = args[0];
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            switch (command) {
                case "--help", "help" -> {
                    out.print(USAGE_TEXT);
                    return OK;
                }
                case "--version" -> {
                    out.println("mlflow4j " + Versions.mlflow4j() + " (MLflow format " + Versions.MLFLOW_FORMAT + ")");
                    return OK;
                }
                case "serve" -> {
                    return ServeCommand.run(rest, out, err);
                }
                case "predict" -> {
                    return PredictCommand.run(rest, out, err);
                }
                case "inspect" -> {
                    return InspectCommand.run(rest, out, err);
                }
                default ->
                    throw new UsageException("Unknown command '" + command + "'. Commands: serve, predict, inspect.");
            }
        } catch (UsageException e) {
            err.println("Error: " + e.getMessage());
            err.println("Run 'mlflow4j " + (isCommand(command) ? command + " " : "") + "--help' for usage.");
            return USAGE;
        } catch (MlflowException | UncheckedIOException e) {
            err.println("Error: " + e.getMessage());
            return FAILURE;
        } catch (RuntimeException e) {
            err.println("Error: " + e);
            return FAILURE;
        }
    }

    private static boolean isCommand(String word) {
        return word.equals("serve") || word.equals("predict") || word.equals("inspect");
    }
}
