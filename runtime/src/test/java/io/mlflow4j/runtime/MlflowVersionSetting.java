package io.mlflow4j.runtime;

import io.mlflow4j.runtime.store.MlflowTarget;

/** Sets {@code mlflow4j.mlflowVersion} for the code of one test, and restores it afterwards. */
public final class MlflowVersionSetting {
    private MlflowVersionSetting() {}

    public interface Body {
        void run() throws Exception;
    }

    public static void with(String major, Body body) throws Exception {
        String before = System.getProperty(MlflowTarget.PROPERTY);
        System.setProperty(MlflowTarget.PROPERTY, major);
        try {
            body.run();
        } finally {
            if (before == null) {
                System.clearProperty(MlflowTarget.PROPERTY);
            } else {
                System.setProperty(MlflowTarget.PROPERTY, before);
            }
        }
    }
}
