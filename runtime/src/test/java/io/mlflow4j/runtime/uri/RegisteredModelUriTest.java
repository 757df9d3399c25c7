package io.mlflow4j.runtime.uri;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlflow4j.runtime.error.MlflowException;
import io.mlflow4j.runtime.store.file.FileTrackingStore;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The forms of {@code models:/} URIs MLflow accepts (mlflow-format.md §9). */
class RegisteredModelUriTest {
    @Test
    void parsesEveryForm() {
        assertEquals(new RegisteredModelUri("iris", "3", null, null, ""), RegisteredModelUri.parse("models:/iris/3"));
        assertEquals(
                new RegisteredModelUri("iris", "3", null, null, "artifacts/weights"),
                RegisteredModelUri.parse("models:/iris/3/artifacts/weights"));
        assertEquals(
                new RegisteredModelUri("iris", null, "champion", null, ""),
                RegisteredModelUri.parse("models:/iris@champion"));
        assertEquals(
                new RegisteredModelUri("iris", null, "champion", null, "MLmodel"),
                RegisteredModelUri.parse("models:/iris@champion/MLmodel"));
        assertEquals(
                new RegisteredModelUri("iris", null, null, "latest", ""),
                RegisteredModelUri.parse("models:/iris/latest"));
        assertEquals(
                new RegisteredModelUri("iris", null, null, "Production", ""),
                RegisteredModelUri.parse("models:iris/Production"));
    }

    @Test
    void badFormsSayWhatWorks() {
        for (String uri :
                new String[] {"models:/iris", "models:/", "models:/iris@", "models:/m-0123456789abcdef0123456789abcdef"
                }) {
            MlflowException e = assertThrows(MlflowException.class, () -> RegisteredModelUri.parse(uri));
            assertTrue(e.getMessage().contains("models:/<name>/<version>"), e.getMessage());
        }
    }

    @Test
    void aLocalStoreResolvesThroughItsOwnRegistry(@TempDir Path tmp) {
        FileTrackingStore store = new FileTrackingStore(tmp);
        MlflowException e = assertThrows(MlflowException.class, () -> ModelUris.toLocalFolder("models:/iris/1", store));
        assertEquals(MlflowException.ErrorCode.RESOURCE_DOES_NOT_EXIST, e.errorCode());
        assertTrue(e.getMessage().contains("iris"), e.getMessage());

        Path model = tmp.resolve("elsewhere/model");
        store.registry().register("iris", model.toUri().toString(), null, Duration.ZERO);
        assertThrows(
                MlflowException.class, () -> ModelUris.toLocalFolder("models:/iris/1", store), "no files there yet");
        assertTrue(model.toFile().mkdirs());
        assertTrue(model.resolve("sub").toFile().mkdirs());
        assertEquals(model, ModelUris.toLocalFolder("models:/iris/latest", store));
        assertEquals(model.resolve("sub"), ModelUris.toLocalFolder("models:/iris/1/sub", store));

        store.registry().register("from-path", model.toString(), null, Duration.ZERO); // a plain path, as MLflow allows
        assertEquals(model, ModelUris.toLocalFolder("models:/from-path/1", store));
    }
}
