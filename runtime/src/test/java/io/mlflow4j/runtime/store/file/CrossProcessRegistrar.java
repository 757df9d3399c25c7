package io.mlflow4j.runtime.store.file;

import io.mlflow4j.runtime.store.ModelRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Run by {@link FileModelRegistryTest} in separate JVMs: waits for a start signal, then registers
 * versions of one model and prints each version number it got.
 *
 * <p>Arguments: mlruns root, model name, source, count, go-file.
 */
public final class CrossProcessRegistrar {
    private CrossProcessRegistrar() {}

    public static void main(String[] args) throws Exception {
        Path go = Paths.get(args[4]);
        long deadline = System.currentTimeMillis() + 60_000;
        while (!Files.exists(go)) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("no start signal");
            }
            Thread.sleep(5);
        }
        FileModelRegistry registry = new FileModelRegistry(Paths.get(args[0]));
        for (int i = 0; i < Integer.parseInt(args[3]); i++) {
            System.out.println(registry.register(args[1], args[2], null, ModelRegistry.DEFAULT_AWAIT)
                    .version());
        }
    }
}
