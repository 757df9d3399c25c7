package io.mlflow4j.runtime.model;

import io.mlflow4j.runtime.error.MlflowException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Loads a model's generated adapter from the jars packaged in its folder. */
public final class ModelCode {
    private ModelCode() {}

    /**
     * A class loader over the folder's jars. Its parent is mlflow4j's own loader, so the runtime's
     * classes (and anything the host already has) are shared with the caller.
     */
    public static URLClassLoader classLoader(MlmodelFile mlmodel) {
        Map<String, Object> flavor = mlmodel.javaFlavor();
        Path root = mlmodel.modelRoot();
        Path data = ModelFolderPaths.inside(
                root,
                root,
                String.valueOf(flavor.getOrDefault("data", ModelLayout.DATA_DIR)),
                "its data folder (data: in MLmodel)");
        Path classpathFile = ModelFolderPaths.inside(
                root,
                root,
                String.valueOf(flavor.getOrDefault("classpath", ModelLayout.CLASSPATH_FILE)),
                "its class path file (classpath: in MLmodel)");
        List<URL> urls = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(classpathFile)) {
                if (line.isBlank()) {
                    continue;
                }
                Path jar = ModelFolderPaths.inside(root, data, line.trim(), "a jar in " + ModelLayout.CLASSPATH_FILE);
                if (!Files.isRegularFile(jar)) {
                    throw MlflowException.notFound(
                            "The model at " + mlmodel.modelRoot() + " lists " + data.relativize(jar)
                                    + " in its classpath but the file is missing. The model folder is incomplete; save it again.");
                }
                urls.add(jar.toUri().toURL());
            }
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Could not read the model's classpath " + classpathFile + ": " + e.getMessage(), e);
        }
        return new URLClassLoader("mlflow4j-model", urls.toArray(URL[]::new), ModelCode.class.getClassLoader());
    }

    public static ModelAdapter<?> newAdapter(MlmodelFile mlmodel, ClassLoader loader) {
        String adapterClass = String.valueOf(mlmodel.javaFlavor().get("adapter_class"));
        try {
            Class<?> type = Class.forName(adapterClass, true, loader);
            if (!ModelAdapter.class.isAssignableFrom(type)) {
                throw MlflowException.invalidParameter(adapterClass + " is not an mlflow4j model adapter.");
            }
            return (ModelAdapter<?>) type.getConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            throw MlflowException.notFound("The model's class " + adapterClass + " is not in its packaged jars"
                    + " (data/classpath.txt). Save the model again with mlflow4j.");
        } catch (ReflectiveOperationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new MlflowException(
                    MlflowException.ErrorCode.INTERNAL_ERROR, "Could not create " + adapterClass + ": " + cause, cause);
        }
    }
}
