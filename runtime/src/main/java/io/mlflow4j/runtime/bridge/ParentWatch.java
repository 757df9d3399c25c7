package io.mlflow4j.runtime.bridge;

import java.util.Optional;

/**
 * Exits the JVM when the Python process that started it is gone, even if it died by SIGKILL and
 * something else still holds our stdin open (a forked worker, for example).
 */
final class ParentWatch {
    private ParentWatch() {}

    static void exitWhenGone(long parentPid) {
        Thread watch = new Thread(
                () -> {
                    while (true) {
                        Optional<ProcessHandle> parent = ProcessHandle.of(parentPid);
                        boolean ourParent = ProcessHandle.current()
                                .parent()
                                .map(p -> p.pid() == parentPid)
                                .orElse(false);
                        if (parent.isEmpty() || !parent.get().isAlive() || !ourParent) {
                            System.err.println("mlflow4j: the Python process " + parentPid + " is gone; exiting.");
                            Runtime.getRuntime().halt(0);
                        }
                        try {
                            Thread.sleep(500);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                },
                "mlflow4j-parent-watch");
        watch.setDaemon(true);
        watch.start();
    }
}
