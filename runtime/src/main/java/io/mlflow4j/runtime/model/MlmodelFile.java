package io.mlflow4j.runtime.model;

import io.mlflow4j.runtime.error.MlflowException;
import io.mlflow4j.runtime.internal.PyYaml;
import io.mlflow4j.runtime.schema.ModelSignature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** An {@code MLmodel} file read from a model folder. */
public record MlmodelFile(Path modelRoot, Map<String, Object> content) {
    /** The largest MLmodel read; MLflow's are a few kilobytes, with a large signature some hundred. */
    public static final long MAX_BYTES = 16L * 1024 * 1024;

    public static MlmodelFile read(Path modelRoot) {
        Path file = modelRoot.resolve(ModelLayout.MLMODEL);
        if (!Files.isRegularFile(file)) {
            throw MlflowException.notFound("No MLmodel file in " + modelRoot
                    + ". Point to the folder that holds MLmodel (for a logged model: runs:/<run id>/<artifact path>).");
        }
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw MlflowException.invalidParameter(file + " is " + size + " bytes; an MLmodel file is a few"
                        + " kilobytes and mlflow4j reads at most " + MAX_BYTES + ". This is not a model's MLmodel file;"
                        + " check the model folder.");
            }
            return new MlmodelFile(modelRoot, PyYaml.load(utf8(file, Files.readAllBytes(file))));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file + ": " + e.getMessage(), e);
        }
    }

    private static String utf8(Path file, byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(in)
                    .toString();
        } catch (CharacterCodingException e) {
            throw MlflowException.invalidParameter(file + " is not UTF-8 text (the byte at offset " + in.position()
                    + " is 0x" + String.format("%02x", bytes[Math.min(in.position(), bytes.length - 1)] & 0xff)
                    + "). MLflow writes MLmodel as UTF-8 YAML; save the file as UTF-8, or save the model again.");
        }
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> flavors() {
        Object flavors = content.get("flavors");
        return flavors instanceof Map ? (Map<String, Object>) flavors : Map.of();
    }

    /** The {@code java_function} flavor, or a clear error when the model was not made by mlflow4j. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> javaFlavor() {
        Object flavor = flavors().get(ModelLayout.JAVA_FLAVOR);
        if (!(flavor instanceof Map)) {
            throw MlflowException.notFound(
                    "Model at " + modelRoot + " does not have the \"" + ModelLayout.JAVA_FLAVOR + "\" flavor (it has "
                            + flavors().keySet() + "). Only models saved by mlflow4j can be loaded in Java.");
        }
        return (Map<String, Object>) flavor;
    }

    /** The signature, or {@code null} when the model has none. */
    public ModelSignature signature() {
        Object sig = content.get("signature");
        return sig instanceof Map<?, ?> map ? ModelSignature.fromMlmodelMap(map) : null;
    }

    public String string(String key) {
        Object v = content.get(key);
        return v == null ? null : String.valueOf(v);
    }
}
