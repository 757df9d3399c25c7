package io.mlflow4j.runtime;

import io.mlflow4j.runtime.error.MlflowException;
import io.mlflow4j.runtime.model.MlmodelFile;
import io.mlflow4j.runtime.model.ModelAdapter;
import io.mlflow4j.runtime.model.ModelCode;
import io.mlflow4j.runtime.model.ModelContext;
import io.mlflow4j.runtime.model.ModelFolderWriter;
import io.mlflow4j.runtime.schema.ModelSignature;
import io.mlflow4j.runtime.store.MlflowTarget;
import io.mlflow4j.runtime.uri.ModelUris;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Saves, logs and loads mlflow4j models. Generated {@code <Model>Logger} classes call these with
 * the generated adapter; {@link #load} loads any mlflow4j model without its classes on the class
 * path.
 *
 * <pre>{@code
 * try (LoadedModel model = MlflowModels.load("runs:/" + runId + "/model")) {
 *     Table predictions = model.predict(input);
 * }
 * }</pre>
 */
public final class MlflowModels {
    /** Temporary model folders of {@link #log}, {@code <prefix><pid>-*} in the temporary folder. */
    static final String STAGING_PREFIX = "mlflow4j-model-";

    private MlflowModels() {}

    /** Writes the model folder at {@code path}, which must not exist or be an empty folder. */
    public static Path save(ModelAdapter<?> adapter, Path path) {
        Objects.requireNonNull(path, "path");
        MlflowTarget format = MlflowTarget.configured();
        return ModelFolderWriter.write(adapter, path, null, format == null ? MlflowTarget.MLFLOW_3 : format)
                .root();
    }

    /**
     * Logs the model to the run under the name {@code artifactPath}: for MLflow 3 (a local store,
     * or a 3.x server) as a logged model, {@code models:/m-<id>}, linked to the run; for MLflow 2
     * under the run's artifacts, recorded in its {@code mlflow.log-model.history} tag. A failure
     * records nothing as ready, and the run is then marked to end as {@code FAILED}.
     */
    public static ModelInfo log(ModelAdapter<?> adapter, ActiveRun run, String artifactPath) {
        return log(adapter, run, artifactPath, LogOptions.defaults());
    }

    /**
     * Logs the model as {@link #log(ModelAdapter, ActiveRun, String)} does, then, with
     * {@link LogOptions#registeredModelName}, registers it as a new version of that registered
     * model (created if needed) and waits until the version is READY.
     *
     * <p>On a tracking server the model's files are uploaded first; the model becomes READY (MLflow 3)
     * or is recorded in the run ({@code runs/log-model}, MLflow 2) only when every file arrived. A
     * failed upload names the file and the reason, deletes what was uploaded, leaves an MLflow 3
     * logged model FAILED, and marks the run to end as {@code FAILED}.
     */
    public static ModelInfo log(ModelAdapter<?> adapter, ActiveRun run, String artifactPath, LogOptions options) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(run, "run");
        if (artifactPath == null || artifactPath.isBlank()) {
            throw MlflowException.invalidParameter(
                    "The artifact path is empty. Give the model a path in the run, such as \"model\".");
        }
        String path = artifactPath.replaceAll("^/+|/+$", "");
        ModelInfo[] result = new ModelInfo[1];
        run.guarded(() -> result[0] = ModelLogging.log(adapter, run, path, options));
        return result[0];
    }

    /**
     * Loads any mlflow4j model from a path, a {@code file:} URI, {@code runs:/<run id>/<path>}, or
     * a registered model: {@code models:/<name>/<version>}, {@code models:/<name>@<alias>},
     * {@code models:/<name>/latest}.
     */
    public static LoadedModel load(String uri) {
        long start = System.nanoTime();
        Path root = ModelUris.toLocalFolder(uri, Mlflow.store());
        MlmodelFile mlmodel = MlmodelFile.read(root);
        URLClassLoader loader = ModelCode.classLoader(mlmodel);
        try {
            ModelAdapter<?> adapter = ModelCode.newAdapter(mlmodel, loader);
            bind(adapter, root);
            return new LoadedModel(
                    root, mlmodel.signature(), adapter, loader, Duration.ofNanos(System.nanoTime() - start));
        } catch (RuntimeException e) {
            closeQuietly(loader, e);
            throw e;
        }
    }

    /**
     * The local folder of the model at {@code uri}, as {@link #load} finds it: a path or
     * {@code file:} URI as given, a {@code runs:/} or {@code models:/} URI downloaded from the
     * tracking store ({@code MLFLOW_TRACKING_URI}). For callers that ship the folder elsewhere, such
     * as mlflow4j-spark, which resolves a model once on the driver and loads it on the executors.
     *
     * <pre>{@code
     * Path folder = MlflowModels.localFolder("models:/churn@champion");
     * }</pre>
     */
    public static Path localFolder(String uri) {
        return ModelUris.toLocalFolder(uri, Mlflow.store());
    }

    /**
     * Loads a model into a fresh instance of its own class: artifacts point into the loaded folder
     * and {@code @Load} has run. Used by the generated {@code <Model>Logger.load}.
     */
    public static <M> M loadInto(ModelAdapter<M> adapter, String uri) {
        Path root = ModelUris.toLocalFolder(uri, Mlflow.store());
        MlmodelFile mlmodel = MlmodelFile.read(root);
        String savedClass = String.valueOf(mlmodel.javaFlavor().get("model_class"));
        String wantedClass = adapter.spec().modelClass().getName();
        if (!savedClass.equals(wantedClass)) {
            throw MlflowException.invalidParameter("The model at " + uri + " was saved from " + savedClass + ", not "
                    + wantedClass + ". Load it with " + savedClass.substring(savedClass.lastIndexOf('.') + 1)
                    + "Logger.load, or generically with MlflowModels.load.");
        }
        ModelSignature saved = mlmodel.signature();
        if (saved != null && !saved.equals(adapter.spec().signature())) {
            throw MlflowException.invalidParameter("The model at " + uri + " has the signature " + saved.toMlmodelMap()
                    + " but " + wantedClass + " now has "
                    + adapter.spec().signature().toMlmodelMap()
                    + ". The class changed since the model was saved; load it with MlflowModels.load instead.");
        }
        bind(adapter, root);
        return adapter.model();
    }

    private static void bind(ModelAdapter<?> adapter, Path root) {
        try {
            adapter.bind(new ModelContext(root));
        } catch (MlflowException e) {
            throw e;
        } catch (Exception e) {
            throw new MlflowException(
                    MlflowException.ErrorCode.INTERNAL_ERROR,
                    "Loading model '" + adapter.spec().name() + "' from " + root + " failed in its @Load method: " + e,
                    e);
        }
    }

    private static void closeQuietly(URLClassLoader loader, RuntimeException primary) {
        try {
            loader.close();
        } catch (IOException e) {
            primary.addSuppressed(e);
        }
    }
}
