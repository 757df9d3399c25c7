package io.mlflow4j.runtime.model;

import com.fasterxml.jackson.databind.ObjectMapper;
// A model for ClasspathSelectorTest: a top-level class, so that it does not lead to the test class and its libraries.

/** Uses Jackson and nothing else outside the JDK. */
final class UsesJackson {
    Object mapper() {
        return new ObjectMapper();
    }
}
