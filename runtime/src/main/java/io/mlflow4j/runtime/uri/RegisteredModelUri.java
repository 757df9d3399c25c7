package io.mlflow4j.runtime.uri;

import io.mlflow4j.runtime.error.MlflowException;
import io.mlflow4j.runtime.store.ModelRegistry;
import io.mlflow4j.runtime.store.TrackingStore;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A {@code models:/} URI, resolved as MLflow resolves it: {@code models:/<name>/<version>} through
 * {@code get-download-uri}, {@code models:/<name>@<alias>} through the alias,
 * {@code models:/<name>/latest} through the highest version, {@code models:/<name>/<stage>}
 * through the highest version in that (deprecated) stage. A path after the version or alias is a
 * sub-path inside the model's artifacts.
 *
 * @param name the registered model's name
 * @param version the version digits, or {@code null}
 * @param alias the alias, or {@code null}
 * @param stage {@code latest} or a stage name, or {@code null}
 * @param subPath a path inside the model's artifacts, may be empty
 */
record RegisteredModelUri(String name, String version, String alias, String stage, String subPath) {
    static RegisteredModelUri parse(String uri) {
        String rest = uri.substring("models:".length()).replaceFirst("^/+", "").replaceAll("/+$", "");
        int at = rest.indexOf('@');
        int slash = rest.indexOf('/');
        if (at > 0 && (slash < 0 || at < slash)) {
            String name = rest.substring(0, at);
            String aliasAndPath = rest.substring(at + 1);
            int s = aliasAndPath.indexOf('/');
            String alias = s < 0 ? aliasAndPath : aliasAndPath.substring(0, s);
            if (!alias.isEmpty()) {
                return new RegisteredModelUri(name, null, alias, null, s < 0 ? "" : aliasAndPath.substring(s + 1));
            }
        } else if (slash > 0) {
            String name = rest.substring(0, slash);
            String[] parts = rest.substring(slash + 1).split("/", 2);
            String sub = parts.length > 1 ? parts[1] : "";
            if (parts[0].matches("\\d+")) {
                return new RegisteredModelUri(name, parts[0], null, null, sub);
            }
            if (!parts[0].isEmpty()) {
                return new RegisteredModelUri(name, null, null, parts[0], sub);
            }
        }
        throw MlflowException.invalidParameter("Invalid model URI '" + uri + "'. Use models:/<name>/<version>,"
                + " models:/<name>@<alias> or models:/<name>/latest.");
    }

    Path download(TrackingStore store) {
        ModelRegistry registry = store.registry();
        String resolved;
        if (version != null) {
            resolved = version;
        } else if (alias != null) {
            resolved = registry.getModelVersionByAlias(name, alias).version();
        } else {
            resolved = registry.latestVersion(
                            name, stage.toLowerCase(Locale.ROOT).equals("latest") ? null : stage)
                    .version();
        }
        String location = registry.downloadUri(name, resolved).replaceAll("/+$", "");
        if (LoggedModels.isModelIdUri(location)) {
            location = LoggedModels.of(store, location).artifactLocation().replaceAll("/+$", "");
        }
        Path folder = store.downloadArtifactUri(subPath.isEmpty() ? location : location + "/" + subPath);
        if (subPath.isEmpty()) {
            RegisteredModelMetaFile.write(folder, name, resolved);
        }
        return folder;
    }
}
