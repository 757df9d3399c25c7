package io.mlflow4j.runtime.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Temporary folders deleted when the JVM exits, such as models downloaded from a tracking server
 * for loading: they stay while the loaded model may read them, and do not pile up across runs.
 */
public final class TempFolders {
    private static final List<Path> FOLDERS = new ArrayList<>();
    private static boolean hooked;

    private TempFolders() {}

    public static synchronized void deleteOnExit(Path folder) {
        if (!hooked) {
            Runtime.getRuntime().addShutdownHook(new Thread(TempFolders::deleteAll, "mlflow4j-temp-cleanup"));
            hooked = true;
        }
        FOLDERS.add(folder);
    }

    private static void deleteAll() {
        List<Path> folders;
        synchronized (TempFolders.class) {
            folders = new ArrayList<>(FOLDERS);
        }
        folders.forEach(AtomicFiles::deleteTree);
    }
}
