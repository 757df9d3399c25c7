package io.mlflow4j.runtime.internal;

import io.mlflow4j.runtime.error.MlflowException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * MLflow's checks of registered model names, aliases and version numbers
 * (mlflow/utils/validation.py, plus the file store's own rules in
 * mlflow/store/model_registry/file_store.py: a name becomes a folder, so it holds no path
 * separator and no {@code %}).
 */
public final class RegistryNames {
    public static final int MAX_ALIAS_LENGTH = 255;
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
}
