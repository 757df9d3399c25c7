package io.mlflow4j.runtime.uri;

import io.mlflow4j.runtime.internal.AtomicFiles;
import io.mlflow4j.runtime.internal.PyYaml;
import io.mlflow4j.runtime.model.ModelLayout;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code registered_model_meta} file MLflow puts into a model folder it fetched through a
 * {@code models:/} URI ({@code ModelsArtifactRepository._add_registered_model_meta_file}):
 * {@code model_name} and {@code model_version}. With a local store the folder is the run's own
 * artifact folder, so MLflow writes it there, and so does mlflow4j.
 */
final class RegisteredModelMetaFile {
    static final String NAME = "registered_model_meta";
    private static final Logger LOG = LoggerFactory.getLogger(RegisteredModelMetaFile.class);

    private RegisteredModelMetaFile() {}

    /** Writes the file if {@code folder} is a model's root; a folder that cannot be written is left as it is. */
    static void write(Path folder, String name, String version) {
        if (!Files.isRegularFile(folder.resolve(ModelLayout.MLMODEL))) {
            return;
        }
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("model_name", name);
        meta.put("model_version", version);
        try {
            AtomicFiles.writeString(folder.resolve(NAME), PyYaml.dump(meta));
        } catch (UncheckedIOException e) {
            LOG.debug("Could not write {} into {}: {}", NAME, folder, e.getMessage());
        }
    }
}
