package io.mlflow4j.runtime.model;

// A model for ClasspathSelectorTest: a top-level class, so that it does not lead to the test class and its libraries.
/** Names SnakeYAML only in a string, as code that loads a class by name does. */
final class LoadsYamlByName {
    Object yaml() throws ReflectiveOperationException {
        return Class.forName("org.yaml.snakeyaml.Yaml").getDeclaredConstructor().newInstance();
    }
}
