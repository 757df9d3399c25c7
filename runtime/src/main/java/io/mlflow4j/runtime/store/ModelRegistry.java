package io.mlflow4j.runtime.store;

import java.time.Duration;
import java.util.Map;

/**
 * MLflow's model registry: registered models, their versions, aliases and tags. Reached through
 * the tracking store ({@code TrackingStore.registry()}).
 */
public interface ModelRegistry {
    /** How long {@link #register} waits for a version to become READY by default, as MLflow's clients. */
    Duration DEFAULT_AWAIT = Duration.ofSeconds(300);

    /** Creates the registered model; one that exists already is fine. */
    void createRegisteredModel(String name);

    /** Creates a new version of {@code name} from the model files at {@code source}. */
    ModelVersion createModelVersion(String name, String source, String runId);

    /**
     * A new version of an MLflow 3 logged model: {@code source} is {@code models:/m-<id>}; the
     * version records the model's id, and the store finds the run and the files of the model.
     */
    ModelVersion createModelVersion(String name, String source, String runId, String modelId);

    ModelVersion getModelVersion(String name, String version);

    /** Polls the version until it is no longer {@code PENDING_REGISTRATION}; fails if it is not READY then. */
    ModelVersion awaitReady(String name, String version, Duration timeout);

    /**
     * Registers a version of {@code name} (creating the registered model if needed) and waits
     * until it is READY, like Python's {@code mlflow.register_model}.
     */
    default ModelVersion register(String name, String source, String runId, Duration awaitReady) {
        createRegisteredModel(name);
        ModelVersion created = createModelVersion(name, source, runId);
        if (ModelVersion.READY.equals(created.status())) {
            return created;
        }
        return awaitReady(name, created.version(), awaitReady);
    }

    void setAlias(String name, String alias, String version);

    void deleteAlias(String name, String alias);

    ModelVersion getModelVersionByAlias(String name, String alias);

    /**
     * Sets a tag of the registered model, as MLflow's {@code set_registered_model_tag}: a key of
     * letters, digits, {@code _ - . : / } and spaces, at most 250 characters; a value of at most
     * 100,000.
     */
    void setRegisteredModelTag(String name, String key, String value);

    /** Deletes a tag of the registered model; a tag it does not have is fine, as in MLflow. */
    void deleteRegisteredModelTag(String name, String key);

    /** The tags of the registered model, by key. */
    Map<String, String> getRegisteredModelTags(String name);

    /** Sets a tag of a version, as MLflow's {@code set_model_version_tag}; the same rules as {@link #setRegisteredModelTag}. */
    void setModelVersionTag(String name, String version, String key, String value);

    /** Deletes a tag of a version; a tag it does not have is fine, as in MLflow. */
    void deleteModelVersionTag(String name, String version, String key);

    /** The tags of a version, by key. */
    Map<String, String> getModelVersionTags(String name, String version);

    /** The highest version of {@code name} ({@code models:/<name>/latest}), or of the versions in {@code stage}. */
    ModelVersion latestVersion(String name, String stage);

    /** Where the files of a version are, for downloading. */
    String downloadUri(String name, String version);
}
