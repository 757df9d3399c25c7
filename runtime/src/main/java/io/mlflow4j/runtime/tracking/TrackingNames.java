package io.mlflow4j.runtime.tracking;

import io.mlflow4j.runtime.MlflowException;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** MLflow's validation of param, metric and tag keys and of run ids (mlflow/utils/validation.py). */
public final class TrackingNames {
    static final int MAX_KEY_LENGTH = 250;
    public static final int MAX_PARAM_VALUE_LENGTH = 6000;
    public static final int MAX_TAG_VALUE_LENGTH = 8000;
    private static final Pattern VALID_KEY = Pattern.compile("^[/\\w.\\- ]*$");
    private static final Pattern VALID_RUN_ID = Pattern.compile("^[a-zA-Z0-9][\\w\\-]{0,255}$");

    private static final Logger LOG = LoggerFactory.getLogger(TrackingNames.class);

    private TrackingNames() {}

    /** A param's value as MLflow stores it: cut to 6000 characters, with a warning. */
    public static String paramValue(String key, String value) {
        return truncated("param", key, value, MAX_PARAM_VALUE_LENGTH);
    }

    /** A tag's value as MLflow stores it: cut to 8000 characters, with a warning. */
    public static String tagValue(String key, String value) {
        return truncated("tag", key, value, MAX_TAG_VALUE_LENGTH);
    }

    private static String truncated(String kind, String key, String value, int max) {
        if (value == null) {
            throw MlflowException.invalidParameter("The " + kind + " '" + key + "' has no value.");
        }
        if (value.length() <= max) {
            return value;
        }
        LOG.warn("Truncating the value of {} '{}' to {} characters, MLflow's limit.", kind, key, max);
        return value.substring(0, max);
    }

    public static void validateKey(String kind, String key) {
        if (key == null || key.isEmpty()) {
            throw MlflowException.invalidParameter("Missing value for required parameter '" + kind + " key'.");
        }
        if (key.length() > MAX_KEY_LENGTH) {
            throw MlflowException.invalidParameter(kind + " name '" + key.substring(0, 20) + "...' had length "
                    + key.length() + ", which exceeded length limit of " + MAX_KEY_LENGTH + ". Use a shorter name.");
        }
        if (!VALID_KEY.matcher(key).matches()) {
            throw MlflowException.invalidParameter("Invalid " + kind.toLowerCase() + " name: '" + key + "'. Names may only"
                    + " contain alphanumerics, underscores (_), dashes (-), periods (.), spaces ( ), and slashes (/).");
        }
        if (key.startsWith("/") || key.equals("..") || key.startsWith("../") || key.contains("/../") || key.endsWith("/..")
                || key.equals(".") || key.contains("//")) {
            throw MlflowException.invalidParameter("Invalid " + kind.toLowerCase() + " name: '" + key + "'. Names cannot"
                    + " be absolute paths or contain '..' or '.' path segments.");
        }
    }

    public static void validateRunId(String runId) {
        if (runId == null || !VALID_RUN_ID.matcher(runId).matches()) {
            throw MlflowException.invalidParameter("Invalid run ID: '" + runId + "'.");
        }
    }

    public static void validateArtifactPath(String artifactPath) {
        if (artifactPath == null || artifactPath.isEmpty()) {
            return;
        }
        if (artifactPath.startsWith("/") || artifactPath.contains("\\")) {
            throw MlflowException.invalidParameter("Invalid artifact path: '" + artifactPath
                    + "'. Use a relative path with '/' separators, such as 'model'.");
        }
        for (String segment : artifactPath.split("/")) {
            if (segment.equals("..") || segment.equals(".")) {
                throw MlflowException.invalidParameter("Invalid artifact path: '" + artifactPath
                        + "'. '.' and '..' segments are not allowed.");
            }
        }
    }
}
