package io.mlflow4j.runtime.store.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlflow4j.runtime.LoadedModel;
import io.mlflow4j.runtime.MlflowModels;
import io.mlflow4j.runtime.error.MlflowException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An artifact of a model folder that is a link to a file outside the folder is refused when the model loads. */
class ArtifactLinkTest {
    @TempDir
    Path tmp;

    @Test
    void anArtifactLinkedOutsideTheFolderIsRefused() throws IOException {
        Path model =
                MlflowModels.save(new WeightsModel(Files.write(tmp.resolve("w.bin"), new byte[7])), tmp.resolve("m"));
        try (LoadedModel loaded = MlflowModels.load(model.toString())) {
            assertEquals(8.0, loaded.predict(WeightsModel.input(1.0)).column(0).getDouble(0));
        }
        Path artifact = model.resolve("artifacts/weights");
        Files.delete(artifact);
        Files.createSymbolicLink(artifact, Files.write(tmp.resolve("outside.bin"), new byte[70]));
        MlflowException e = assertThrows(
                MlflowException.class, () -> MlflowModels.load(model.toString()).close());
        assertTrue(
                e.getMessage().contains("names its artifact 'weights', which is outside the model folder"),
                e.getMessage());
    }
}
