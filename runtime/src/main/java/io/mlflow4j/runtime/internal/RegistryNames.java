package io.mlflow4j.runtime.internal;

import io.mlflow4j.runtime.error.MlflowException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * MLflow's checks of registered model names, aliases, tags (and experiments' tags) and version numbers
 * (mlflow/utils/validation.py, plus the file store's own rules in
 * mlflow/store/model_registry/file_store.py: a name becomes a folder, so it holds no path
 * separator and no {@code %}).
 */
public final class RegistryNames {
    public static final int MAX_ALIAS_LENGTH = 255;
    public static final int MAX_TAG_KEY_LENGTH = 250;
    public static final int MAX_TAG_VALUE_LENGTH = 100_000;
    public static final int MAX_EXPERIMENT_TAG_VALUE_LENGTH = 5_000;
    // Python's \w is Unicode; MLflow allows colons except on Windows.
    private static final Pattern TAG_KEY = Pattern.compile("^[/\\w.\\- :]*$", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern ALIAS = Pattern.compile("^[\\w\\-]*$");
    private static final Pattern VERSION_LIKE_ALIAS = Pattern.compile("^[vV]\\d+$");

    private RegistryNames() {}

    /** A name the file store can use as a folder name under {@code models/}. */
    public static void validateFileStoreModelName(String name) {
        if (name == null || name.isEmpty()) {
            throw MlflowException.invalidParameter("Missing value for required parameter 'name'. Give the registered"
                    + " model a name such as \"iris-classifier\".");
        }
        if (name.contains("/") || name.contains("\\")) {
            throw MlflowException.invalidParameter(
                    "Invalid name: '" + name + "'. Registered model name cannot contain" + " path separator");
        }
        if (name.contains("%")) {
            throw MlflowException.invalidParameter(
                    "Invalid name: '" + name + "'. Registered model name cannot contain" + " '%' character");
        }
        if (name.equals(".") || name.equals("..")) { // MLflow would write outside models/; refuse
            throw MlflowException.invalidParameter(
                    "Invalid name: '" + name + "'. Registered model name cannot be '.'" + " or '..'.");
        }
    }

    public static void validateAlias(String alias) {
        if (alias == null || alias.isEmpty()) {
            throw MlflowException.invalidParameter("Registered model alias name cannot be empty.");
        }
        if (!ALIAS.matcher(alias).matches()) {
            throw MlflowException.invalidParameter("Invalid alias name: '" + alias + "'. Names may only contain"
                    + " alphanumerics, underscores (_), and dashes (-).");
        }
        if (alias.length() > MAX_ALIAS_LENGTH) {
            throw MlflowException.invalidParameter(
                    "Registered model alias name '" + alias.substring(0, 20) + "...' had length " + alias.length()
                            + ", which exceeded length limit of " + MAX_ALIAS_LENGTH + ".");
        }
        if (alias.toLowerCase(Locale.ROOT).equals("latest")) {
            throw MlflowException.invalidParameter("'latest' alias name (case insensitive) is reserved.");
        }
        if (VERSION_LIKE_ALIAS.matcher(alias).matches()) {
            throw MlflowException.invalidParameter("Version alias name '" + alias + "' is reserved.");
        }
    }

    /** A version as MLflow accepts it: an integer (Python's {@code int(version)}). */
    public static long validateVersion(String version) {
        try {
            return Long.parseLong(version == null ? "" : version.strip().replace("_", ""));
        } catch (NumberFormatException e) {
            throw MlflowException.invalidParameter("Parameter 'version' must be an integer, got '" + version + "'.");
        }
    }

    /**
     * A registered model's or a model version's tag, with MLflow 3's messages
     * ({@code _validate_registered_model_tag}). MLflow takes no value for a registered model (the
     * file store writes it as empty) and refuses it for a version; mlflow4j refuses it for both,
     * saying what to give instead.
     */
    public static void validateTag(String key, String value) {
        validateTag(key, value, MAX_TAG_VALUE_LENGTH);
    }

    /** An experiment's tag ({@code _validate_experiment_tag}): values of at most 5,000 characters. */
    public static void validateExperimentTag(String key, String value) {
        validateTag(key, value, MAX_EXPERIMENT_TAG_VALUE_LENGTH);
    }

    private static void validateTag(String key, String value, int maxValueLength) {
        validateTagKey(key);
        if (value == null) {
            throw MlflowException.invalidParameter("Tag value cannot be None (null); give a string, such as \"\".");
        }
        if (value.length() > maxValueLength) {
            throw MlflowException.invalidParameter(
                    "'value' exceeds the maximum length of " + maxValueLength + " characters");
        }
    }

    /** A tag key, as MLflow checks it when it sets or deletes a registry tag. */
    public static void validateTagKey(String key) {
        if (key == null) {
            throw MlflowException.invalidParameter("Missing value for required parameter 'key'.");
        }
        if (!TAG_KEY.matcher(key).matches()) {
            throw MlflowException.invalidParameter(invalidKey(
                    key,
                    "Names may only contain alphanumerics, underscores (_), dashes (-), periods (.), spaces ( ),"
                            + " colon(:) and slashes (/)."));
        }
        String normalized = posixNormpath(key);
        if (!normalized.equals(key)
                || normalized.equals(".")
                || normalized.startsWith("..")
                || normalized.startsWith("/")) {
            throw MlflowException.invalidParameter(invalidKey(
                    key,
                    "Names may be treated as files in certain cases, and must not resolve to other names when"
                            + " treated as such. This name would resolve to '" + normalized + "'"));
        }
        if (key.length() > MAX_TAG_KEY_LENGTH) {
            throw MlflowException.invalidParameter(
                    "'key' exceeds the maximum length of " + MAX_TAG_KEY_LENGTH + " characters");
        }
    }

    /** MLflow's {@code invalid_value}: the value as {@code json.dumps} writes it. */
    private static String invalidKey(String key, String why) {
        StringBuilder json = new StringBuilder("\"");
        for (char c : key.toCharArray()) {
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        return "Invalid value " + json.append('"') + " for parameter 'key' supplied: " + why;
    }

    /** Python's {@code posixpath.normpath}. */
    static String posixNormpath(String path) {
        if (path.isEmpty()) {
            return ".";
        }
        int initialSlashes = path.startsWith("/") ? (path.startsWith("//") && !path.startsWith("///") ? 2 : 1) : 0;
        Deque<String> parts = new ArrayDeque<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (!part.equals("..")
                    || (initialSlashes == 0 && parts.isEmpty())
                    || (!parts.isEmpty() && parts.peekLast().equals(".."))) {
                parts.addLast(part);
            } else if (!parts.isEmpty()) {
                parts.removeLast();
            }
        }
        String normalized = "/".repeat(initialSlashes) + String.join("/", parts);
        return normalized.isEmpty() ? "." : normalized;
    }
}
