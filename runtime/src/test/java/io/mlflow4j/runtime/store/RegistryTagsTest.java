package io.mlflow4j.runtime.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mlflow4j.runtime.error.MlflowException;
import io.mlflow4j.runtime.error.MlflowException.ErrorCode;
import io.mlflow4j.runtime.store.file.FileTrackingStore;
import io.mlflow4j.runtime.store.sqlite.SqliteTrackingStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Registered-model, model-version and experiment tags, the same in the file store and MLflow 3's
 * SQLite store (the REST store is checked against a real {@code mlflow server} in the real-MLflow
 * suite).
 */
class RegistryTagsTest {
    @TempDir
    Path dir;

    private TrackingStore store(String kind) {
        return kind.equals("file")
                ? new FileTrackingStore(dir.resolve("mlruns"))
                : new SqliteTrackingStore(dir.resolve("mlflow.db"), dir.resolve("mlruns"));
    }

    private ModelRegistry registry(String kind) throws Exception {
        ModelRegistry registry = store(kind).registry();
        Path model = Files.createDirectories(dir.resolve("model"));
        registry.createRegisteredModel("m");
        registry.createModelVersion("m", model.toUri().toString(), null);
        registry.createModelVersion("m", model.toUri().toString(), null);
        return registry;
    }

    @ParameterizedTest
    @ValueSource(strings = {"file", "sqlite"})
    void tagsAreSetReplacedReadAndDeleted(String kind) throws Exception {
        ModelRegistry registry = registry(kind);
        registry.setRegisteredModelTag("m", "team", "fraud");
        registry.setRegisteredModelTag("m", "team", "risk");
        registry.setRegisteredModelTag("m", "owner/email", "ana@example.com");
        registry.setRegisteredModelTag("m", "empty", "");
        registry.setModelVersionTag("m", "1", "validation: status", "passed");
        registry.setModelVersionTag("m", "2", "validation: status", "pending");

        assertEquals(
                Map.of("team", "risk", "owner/email", "ana@example.com", "empty", ""),
                registry.getRegisteredModelTags("m"));
        assertEquals(Map.of("validation: status", "passed"), registry.getModelVersionTags("m", "1"));
        assertEquals(Map.of("validation: status", "pending"), registry.getModelVersionTags("m", "2"));

        registry.deleteRegisteredModelTag("m", "team");
        registry.deleteRegisteredModelTag("m", "never-set"); // as MLflow: nothing to delete is fine
        registry.deleteModelVersionTag("m", "1", "validation: status");
        assertEquals(Map.of("owner/email", "ana@example.com", "empty", ""), registry.getRegisteredModelTags("m"));
        assertEquals(Map.of(), registry.getModelVersionTags("m", "1"));
        assertEquals(Map.of("validation: status", "pending"), registry.getModelVersionTags("m", "2"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"file", "sqlite"})
    void badTagsAndMissingModelsAreRefusedWithMlflowsMessages(String kind) throws Exception {
        ModelRegistry registry = registry(kind);
        assertRefused(
                ErrorCode.INVALID_PARAMETER_VALUE,
                "Invalid value \"team?\" for parameter 'key' supplied: Names may only contain alphanumerics,"
                        + " underscores (_), dashes (-), periods (.), spaces ( ), colon(:) and slashes (/).",
                () -> registry.setRegisteredModelTag("m", "team?", "x"));
        assertRefused(
                ErrorCode.INVALID_PARAMETER_VALUE,
                "Invalid value \"a/../b\" for parameter 'key' supplied: Names may be treated as files in certain"
                        + " cases, and must not resolve to other names when treated as such. This name would resolve"
                        + " to 'b'",
                () -> registry.setModelVersionTag("m", "1", "a/../b", "x"));
        assertRefused(
                ErrorCode.INVALID_PARAMETER_VALUE,
                "'key' exceeds the maximum length of 250 characters",
                () -> registry.setRegisteredModelTag("m", "k".repeat(251), "x"));
        assertRefused(
                ErrorCode.INVALID_PARAMETER_VALUE,
                "'value' exceeds the maximum length of 100000 characters",
                () -> registry.setRegisteredModelTag("m", "k", "v".repeat(100_001)));
        assertRefused(
                ErrorCode.INVALID_PARAMETER_VALUE,
                "Tag value cannot be None (null); give a string, such as \"\".",
                () -> registry.setModelVersionTag("m", "1", "k", null));
        assertEquals(
                ErrorCode.RESOURCE_DOES_NOT_EXIST,
                assertThrows(MlflowException.class, () -> registry.setRegisteredModelTag("nope", "k", "v"))
                        .errorCode());
        assertEquals(
                ErrorCode.RESOURCE_DOES_NOT_EXIST,
                assertThrows(MlflowException.class, () -> registry.setModelVersionTag("m", "9", "k", "v"))
                        .errorCode());
        assertEquals(
                ErrorCode.RESOURCE_DOES_NOT_EXIST,
                assertThrows(MlflowException.class, () -> registry.getModelVersionTags("m", "9"))
                        .errorCode());
        assertEquals(Map.of(), registry.getRegisteredModelTags("m"), "nothing written by the refused calls");
    }

    private static void assertRefused(ErrorCode code, String message, Executable call) {
        MlflowException e = assertThrows(MlflowException.class, call);
        assertEquals(code, e.errorCode());
        assertEquals(message, e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"file", "sqlite"})
    void experimentTagsAreSetReplacedAndRead(String kind) {
        TrackingStore store = store(kind);
        String id = store.getOrCreateExperiment("tagged").experimentId();
        store.setExperimentTag(id, "team", "fraud");
        store.setExperimentTag(id, "team", "risk");
        store.setExperimentTag(id, "mlflow.note.content", "What this experiment is for");
        assertEquals(
                Map.of("team", "risk", "mlflow.note.content", "What this experiment is for"),
                store.getExperimentTags(id));
        assertRefused(
                ErrorCode.INVALID_PARAMETER_VALUE,
                "'value' exceeds the maximum length of 5000 characters",
                () -> store.setExperimentTag(id, "long", "v".repeat(5_001)));
        assertRefused(
                ErrorCode.INVALID_PARAMETER_VALUE,
                "Invalid value \"team?\" for parameter 'key' supplied: Names may only contain alphanumerics,"
                        + " underscores (_), dashes (-), periods (.), spaces ( ), colon(:) and slashes (/).",
                () -> store.setExperimentTag(id, "team?", "x"));
        assertEquals(
                ErrorCode.RESOURCE_DOES_NOT_EXIST,
                assertThrows(MlflowException.class, () -> store.setExperimentTag("424242", "k", "v"))
                        .errorCode());
        assertEquals(2, store.getExperimentTags(id).size(), "nothing written by the refused calls");
    }
}
