package io.mlflow4j.spark;

import io.mlflow4j.runtime.LoadedModel;
import java.io.Serializable;
import org.apache.spark.broadcast.Broadcast;

/**
 * What a task carries of a model: its identity and name, and a broadcast of its packed folder that
 * an executor fetches only the first time it needs the model.
 */
final class ShippedModel implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String identity;
    private final String name;
    private final Broadcast<byte[]> packed;
    private final int executorModels;

    ShippedModel(String identity, String name, Broadcast<byte[]> packed, int executorModels) {
        this.identity = identity;
        this.name = name;
        this.packed = packed;
        this.executorModels = executorModels;
    }

    String identity() {
        return identity;
    }

    String name() {
        return name;
    }

    /** The model, loaded once in this JVM and shared by its tasks. */
    LoadedModel get() {
        return ExecutorModels.get(identity, name, packed::value, executorModels);
    }
}
