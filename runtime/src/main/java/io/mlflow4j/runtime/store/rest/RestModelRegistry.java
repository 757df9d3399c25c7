package io.mlflow4j.runtime.store.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlflow4j.runtime.error.MlflowException;
import io.mlflow4j.runtime.internal.RegistryNames;
import io.mlflow4j.runtime.store.ModelRegistry;
import io.mlflow4j.runtime.store.ModelVersion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The model registry of an MLflow tracking server, through its REST API ({@code /api/2.0/mlflow/registered-models/...}). */
final class RestModelRegistry implements ModelRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(RestModelRegistry.class);
    private static final String API = "/api/2.0/mlflow";

    private final RestClient client;
    private final Duration pollInterval;

    public RestModelRegistry(RestClient client) {
        this(client, Duration.ofSeconds(1));
    }

    RestModelRegistry(RestClient client, Duration pollInterval) {
        this.client = client;
        this.pollInterval = pollInterval;
    }

    @Override
    public void createRegisteredModel(String name) {
        requireName(name);
        try {
            client.post(API + "/registered-models/create", Map.of("name", name));
        } catch (RestException e) {
            if (!"RESOURCE_ALREADY_EXISTS".equals(e.serverErrorCode())) {
                throw e;
            }
            LOG.debug("Registered model '{}' already exists; adding a version to it.", name);
        }
    }

    @Override
    public ModelVersion createModelVersion(String name, String source, String runId) {
        return createModelVersion(name, source, runId, null);
    }

    @Override
    public ModelVersion createModelVersion(String name, String source, String runId, String modelId) {
        requireName(name);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("source", source);
        if (runId != null) {
            body.put("run_id", runId);
        }
        if (modelId != null) {
            body.put("model_id", modelId);
        }
        return version(client.post(API + "/model-versions/create", body));
    }

    @Override
    public ModelVersion getModelVersion(String name, String version) {
        return version(client.get(API + "/model-versions/get", Map.of("name", name, "version", version)));
    }

    @Override
    public ModelVersion awaitReady(String name, String version, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            ModelVersion current = getModelVersion(name, version);
            if (!ModelVersion.PENDING_REGISTRATION.equals(current.status())) {
                if (!ModelVersion.READY.equals(current.status())) {
                    throw new MlflowException(
                            MlflowException.ErrorCode.INVALID_STATE,
                            "Version " + version + " of model '"
                                    + name + "' ended " + current.status() + ": " + current.statusMessage()
                                    + ". Check the model's files at " + current.source() + " and register it again.");
                }
                return current;
            }
            if (System.nanoTime() > deadline) {
                throw new MlflowException(
                        MlflowException.ErrorCode.INVALID_STATE,
                        "Version " + version + " of model '"
                                + name + "' is still " + ModelVersion.PENDING_REGISTRATION + " after "
                                + timeout.toSeconds()
                                + " s. Wait longer (LogOptions.awaitRegistrationFor) or check the registry.");
            }
            LOG.info("Waiting for version {} of model '{}' to become READY.", version, name);
            try {
                Thread.sleep(pollInterval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MlflowException(
                        MlflowException.ErrorCode.INTERNAL_ERROR,
                        "Interrupted while waiting for version " + version + " of model '" + name + "'.",
                        e);
            }
        }
    }

    @Override
    public void setAlias(String name, String alias, String version) {
        requireName(name);
        client.post(API + "/registered-models/alias", Map.of("name", name, "alias", alias, "version", version));
    }

    @Override
    public void deleteAlias(String name, String alias) {
        client.delete(API + "/registered-models/alias?name=" + RestClient.encodePath(name) + "&alias="
                + RestClient.encodePath(alias));
    }

    @Override
    public void setRegisteredModelTag(String name, String key, String value) {
        requireName(name);
        RegistryNames.validateTag(key, value);
        client.post(API + "/registered-models/set-tag", Map.of("name", name, "key", key, "value", value));
    }

    @Override
    public void deleteRegisteredModelTag(String name, String key) {
        requireName(name);
        RegistryNames.validateTagKey(key);
        client.delete(API + "/registered-models/delete-tag", Map.of("name", name, "key", key));
    }

    @Override
    public Map<String, String> getRegisteredModelTags(String name) {
        requireName(name);
        return tags(client.get(API + "/registered-models/get", Map.of("name", name))
                .path("registered_model")
                .path("tags"));
    }

    @Override
    public void setModelVersionTag(String name, String version, String key, String value) {
        requireName(name);
        RegistryNames.validateTag(key, value);
        client.post(
                API + "/model-versions/set-tag", Map.of("name", name, "version", version, "key", key, "value", value));
    }

    @Override
    public void deleteModelVersionTag(String name, String version, String key) {
        requireName(name);
        RegistryNames.validateTagKey(key);
        client.delete(API + "/model-versions/delete-tag", Map.of("name", name, "version", version, "key", key));
    }

    @Override
    public Map<String, String> getModelVersionTags(String name, String version) {
        requireName(name);
        return tags(client.get(API + "/model-versions/get", Map.of("name", name, "version", version))
                .path("model_version")
                .path("tags"));
    }

    /** MLflow's list of {@code {"key", "value"}} objects, by key. */
    private static Map<String, String> tags(JsonNode list) {
        Map<String, String> tags = new TreeMap<>();
        list.forEach(tag -> tags.put(tag.path("key").asText(), tag.path("value").asText("")));
        return tags;
    }

    @Override
    public ModelVersion getModelVersionByAlias(String name, String alias) {
        return version(client.get(API + "/registered-models/alias", Map.of("name", name, "alias", alias)));
    }

    @Override
    public ModelVersion latestVersion(String name, String stage) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        if (stage != null) {
            body.put("stages", List.of(stage));
        }
        JsonNode answer = client.post(API + "/registered-models/get-latest-versions", body);
        ModelVersion latest = null;
        for (JsonNode v : answer.path("model_versions")) {
            ModelVersion candidate = toVersion(v);
            if (latest == null || Long.parseLong(candidate.version()) > Long.parseLong(latest.version())) {
                latest = candidate;
            }
        }
        if (latest == null) {
            throw MlflowException.notFound("Registered model '" + name + "' has no versions"
                    + (stage != null ? " in stage '" + stage + "'" : "") + ". Register one first.");
        }
        return latest;
    }

    @Override
    public String downloadUri(String name, String version) {
        return client.get(API + "/model-versions/get-download-uri", Map.of("name", name, "version", version))
                .path("artifact_uri")
                .asText();
    }

    private static ModelVersion version(JsonNode answer) {
        return toVersion(answer.path("model_version"));
    }

    static ModelVersion toVersion(JsonNode v) {
        List<String> aliases = new ArrayList<>();
        v.path("aliases").forEach(a -> aliases.add(a.asText()));
        return new ModelVersion(
                v.path("name").asText(),
                v.path("version").asText(),
                v.path("source").asText(null),
                v.path("run_id").asText(null),
                v.path("status").asText(ModelVersion.READY),
                v.path("status_message").asText(""),
                aliases);
    }

    private static void requireName(String name) {
        if (name == null || name.isBlank()) {
            throw MlflowException.invalidParameter(
                    "The registered model name is empty. Give a name such as \"iris-classifier\".");
        }
    }
}
