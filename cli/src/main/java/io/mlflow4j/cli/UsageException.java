package io.mlflow4j.cli;

/** The command line is wrong: exit code 2, the message and a pointer to --help. */
final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
