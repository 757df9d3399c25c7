package io.mlflow4j.realmlflow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlflow4j.runtime.TrackingStores;
import io.mlflow4j.runtime.store.ModelRegistry;
import io.mlflow4j.runtime.store.TrackingStore;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Registered-model, model-version and experiment tags both ways: mlflow4j sets and real MLflow reads them,
 * then real MLflow sets and deletes some, mlflow4j deletes others and reads the result, in the
 * same store.
 */
final class RegistryTagCases {
    private RegistryTagCases() {}

    /**
     * @param javaUri the store as mlflow4j opens it
     * @param pythonUri the same store for Python, or {@code null} for MLflow's default in {@code cwd}
     */
    static void bothWays(PythonSide python, String javaUri, String pythonUri, Path cwd, Example.Logged logged)
            throws Exception {
        TrackingStore store = TrackingStores.forUri(javaUri);
        ModelRegistry registry = store.registry();
        String name = logged.registeredName();
        String version = logged.version();
        String experimentId = store.getRun(logged.runId()).experimentId();
        store.setExperimentTag(experimentId, "check.mlflow4j", "set by mlflow4j");
        registry.setRegisteredModelTag(name, "set_by", "mlflow4j");
        registry.setRegisteredModelTag(name, "owner/email", "ana@example.com");
        registry.setRegisteredModelTag(name, "python_deletes", "x");
        registry.setRegisteredModelTag(name, "java_deletes", "x");
        registry.setModelVersionTag(name, version, "validation: status", "passed");
        registry.setModelVersionTag(name, version, "python_deletes", "x");
        registry.setModelVersionTag(name, version, "java_deletes", "x");

        JsonNode seen = python.run(
                "registry_tags",
                PythonSide.spec(
                        "tracking_uri",
                        pythonUri,
                        "registered_name",
                        name,
                        "version",
                        version,
                        "experiment_id",
                        experimentId),
                cwd);
        assertEquals(
                Map.of(
                        "set_by", "mlflow4j",
                        "owner/email", "ana@example.com",
                        "python_deletes", "x",
                        "java_deletes", "x"),
                strings(seen.get("model")),
                "the registered model's tags as MLflow reads them");
        assertEquals(
                Map.of("validation: status", "passed", "python_deletes", "x", "java_deletes", "x"),
                strings(seen.get("version")),
                "the version's tags as MLflow reads them");
        assertEquals(
                Map.of("check.mlflow4j", "set by mlflow4j"),
                strings(seen.get("experiment")),
                "the experiment's tags as MLflow reads them");
        Map<String, String> experimentTags = new TreeMap<>(store.getExperimentTags(experimentId));
        experimentTags.keySet().removeIf(key -> !key.startsWith("check."));
        assertEquals(
                Map.of("check.mlflow4j", "set by mlflow4j", "check.python", "python"),
                experimentTags,
                "the experiment's tags after MLflow set one");
        registry.deleteRegisteredModelTag(name, "java_deletes");
        registry.deleteModelVersionTag(name, version, "java_deletes");
        assertEquals(
                Map.of("set_by", "python", "owner/email", "ana@example.com"),
                registry.getRegisteredModelTags(name),
                "the registered model's tags after both deleted some");
        assertEquals(
                Map.of("validation: status", "passed", "checked_by", "python"),
                registry.getModelVersionTags(name, version),
                "the version's tags after both deleted some");
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> map = new TreeMap<>();
        object.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }
}
