package io.mlflow4j.runtime.store.rest;

import java.util.regex.Pattern;

/**
 * Recognises a tracking server's answer that a file does not exist although its status says
 * otherwise: MLflow's proxied artifact download answers a missing file with 500
 * {@code INTERNAL_ERROR} and Python's "[Errno 2] No such file or directory" in the message. A
 * retry cannot change that answer, so it is not retried (MLflow's Python client retries it seven
 * times, about four minutes).
 */
final class MissingFileAnswer {
    /** As recorded from MLflow 3.11.1's server with a local artifact store. */
    private static final Pattern NO_SUCH_FILE = Pattern.compile("\\[Errno 2\\] No such file or directory");

    private MissingFileAnswer() {}

    static boolean matches(int status, String body) {
        return status == 500 && body != null && NO_SUCH_FILE.matcher(body).find();
    }
}
