package io.mlflow4j.runtime.model;

/** Names of the files and folders inside an mlflow4j model folder. */
public final class ModelLayout {
    public static final String MLMODEL = "MLmodel";
    public static final String ARTIFACTS_DIR = "artifacts";
    public static final String DATA_DIR = "data";
    public static final String JARS_DIR = "data/jars";
    public static final String CLASSPATH_FILE = "data/classpath.txt";
    public static final String JAVA_FLAVOR = "java_function";
    public static final String PYTHON_FLAVOR = "python_function";

    private ModelLayout() {}
}
