package io.mlflow4j.runtime.model;

import org.slf4j.LoggerFactory;
// A model for ClasspathSelectorTest: a top-level class, so that it does not lead to the test class and its libraries.

/** Uses SLF4J's API, whose providers are found by ServiceLoader. */
final class Logs {
    void log() {
        LoggerFactory.getLogger(Logs.class).info("hello");
    }
}
