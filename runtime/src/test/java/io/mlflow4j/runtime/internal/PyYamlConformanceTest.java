package io.mlflow4j.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlflow4j.runtime.Reference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every YAML file real MLflow wrote (through PyYAML's {@code yaml.safe_dump(..., default_flow_style=False)})
 * reads and writes back byte for byte: that proves {@link PyYaml#dump} emits what PyYAML emits — key
 * order, quoting of timestamps and numeric-looking strings, 80-column folding of long JSON
 * strings, {@code tags: []}, {@code aliases: {}}, {@code description: null}.
 */
class PyYamlConformanceTest {

    /** Files MLflow writes with sorted keys: MLmodel, conda.yaml and the file store's meta.yaml files. */
    static Stream<String> sortedYamlFiles() {
        List<String> files = new ArrayList<>();
        for (String version : List.of("2.17.2", "3.6.1")) {
            Path root = Reference.root().resolve(version);
            try (Stream<Path> all = Files.walk(root)) {
                all.filter(Files::isRegularFile)
                        .filter(p -> {
                            String name = p.getFileName().toString();
                            return name.equals("MLmodel") || name.equals("conda.yaml") || name.equals("meta.yaml");
                        })
                        .map(p -> Reference.root().relativize(p).toString())
                        .sorted()
                        .forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files.stream();
    }

    @Test
    void theReferenceHoldsTheFilesThisTestIsAbout() {
        List<String> files = sortedYamlFiles().toList();
        assertTrue(files.contains("2.17.2/models/loader_module_model/MLmodel"), files::toString);
        assertTrue(files.contains("2.17.2/mlruns/0/meta.yaml"), files::toString);
        assertTrue(files.contains("2.17.2/mlruns/932069789314833687/1ab4c4a276324a57b6c1463fae79ba4f/meta.yaml"));
        assertTrue(files.contains("2.17.2/mlruns/models/file-store-model/meta.yaml"));
        assertTrue(files.contains("2.17.2/models/params_schema/conda.yaml"));
        assertTrue(files.size() >= 50, "only " + files.size() + " files");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sortedYamlFiles")
    void loadThenDumpIsByteIdentical(String relative) {
        String original = Reference.read(Reference.root().resolve(relative));
        assertEquals(original, PyYaml.dump(PyYaml.load(original)));
    }

    /**
     * {@code python_env.yaml} is the one YAML file MLflow writes with {@code sort_keys=False}
     * ({@code python}, {@code build_dependencies}, {@code dependencies}), while {@link PyYaml#dump}
     * always sorts, as {@code MLmodel} and {@code meta.yaml} need. So it cannot come back byte for
     * byte; what holds is that each top-level block comes back byte for byte, in sorted order.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("pythonEnvFiles")
    void pythonEnvYamlComesBackWithTheSameBlocksInSortedOrder(String relative) {
        String original = Reference.read(Reference.root().resolve(relative));
        Map<String, String> blocks = topLevelBlocks(original);
        assertEquals(
                List.of("python", "build_dependencies", "dependencies"),
                List.copyOf(blocks.keySet()),
                "MLflow's unsorted key order");
        String sorted = blocks.keySet().stream().sorted().map(blocks::get).reduce("", String::concat);
        assertEquals(sorted, PyYaml.dump(PyYaml.load(original)));
    }

    static Stream<String> pythonEnvFiles() {
        return sortedYamlFiles()
                .filter(f -> f.endsWith("/MLmodel"))
                .map(f -> f.substring(0, f.length() - "MLmodel".length()) + "python_env.yaml")
                .filter(f -> Files.isRegularFile(Reference.root().resolve(f)));
    }

    @Test
    void valuesLoadWithPythonTypes() {
        Map<String, Object> run = PyYaml.load(
                Reference.read(Reference.v2("mlruns/932069789314833687/1ab4c4a276324a57b6c1463fae79ba4f/meta.yaml")));
        assertEquals("932069789314833687", run.get("experiment_id"), "a quoted numeric string stays a string");
        assertEquals(3, ((Number) run.get("status")).intValue());
        assertEquals(List.of(), run.get("tags"));
        assertInstanceOf(Number.class, run.get("start_time"));

        Map<String, Object> mlmodel = PyYaml.load(Reference.read(Reference.v2("models/loader_module_model/MLmodel")));
        assertEquals(
                "2026-11-28 16:55:15.262079", mlmodel.get("utc_time_created"), "a quoted timestamp stays a string");
        Map<?, ?> signature = (Map<?, ?>) mlmodel.get("signature");
        assertNull(signature.get("params"));
        assertTrue(signature.containsKey("params"));
        assertEquals(
                "[{\"type\": \"double\", \"name\": \"x\", \"required\": true}, {\"type\": \"long\", \"name\":"
                        + " \"n\", \"required\": true}, {\"type\": \"string\", \"name\": \"label\", \"required\": true}]",
                signature.get("inputs"),
                "the folded JSON string reads back as one line");

        Map<String, Object> registered =
                PyYaml.load(Reference.read(Reference.v2("mlruns/models/file-store-model/meta.yaml")));
        assertEquals(Map.of(), registered.get("aliases"));
        assertTrue(registered.containsKey("description"));
        assertNull(registered.get("description"));
    }

    /** Strings that would read back as another type are quoted; the rest are plain, as PyYAML writes them. */
    @Test
    void quotesExactlyTheStringsPyYamlQuotes() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("a_id", "0");
        data.put("b_time", "2024-10-31 12:00:00.123456");
        data.put("c_flag", "true");
        data.put("d_version", "3.11.2");
        data.put("e_float", "1.5");
        data.put("f_none", "None");
        data.put("g_null", "null");
        data.put("h_empty", "");
        data.put("i_plain", "file:///home/user/project/mlruns/0");
        data.put("j_list", List.of());
        data.put("k_map", Map.of());
        data.put("l_nothing", null);
        // Expected text: what Python 3.11 with PyYAML 6 printed for yaml.safe_dump(data, default_flow_style=False).
        String pyyaml = """
                a_id: '0'
                b_time: '2024-10-31 12:00:00.123456'
                c_flag: 'true'
                d_version: 3.11.2
                e_float: '1.5'
                f_none: None
                g_null: 'null'
                h_empty: ''
                i_plain: file:///home/user/project/mlruns/0
                j_list: []
                k_map: {}
                l_nothing: null
                """;
        assertEquals(pyyaml, PyYaml.dump(data));
    }

    @Test
    void keysAreSortedAtEveryLevel() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("z", 1);
        inner.put("a", 2);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("b", inner);
        data.put("a", List.of(inner));
        String dumped = PyYaml.dump(data);
        assertEquals("a:\n- a: 2\n  z: 1\nb:\n  a: 2\n  z: 1\n", dumped);
        assertFalse(dumped.contains("{"), dumped);
    }

    /**
     * {@code pyyaml_cases.yaml} is what PyYAML 6 wrote for the data in {@code pyyaml_cases.json}
     * (see {@code pyyaml_cases.py}): strings that look like other types, multi-line and quoted
     * strings, non-ASCII, floats in all notations, big integers, nested and empty collections.
     */
    @Test
    void dumpMatchesPyYamlForTrickyValues() {
        Map<String, Object> data = PythonJson.parseObject(resource("pyyaml_cases.json"));
        assertEquals(resource("pyyaml_cases.yaml"), PyYaml.dump(data));
    }

    @Test
    void loadReadsPyYamlOutputAsPythonDoes() {
        Map<String, Object> fromYaml = PyYaml.load(resource("pyyaml_cases.yaml"));
        Map<String, Object> fromJson = PythonJson.parseObject(resource("pyyaml_cases.json"));
        assertEquals(PythonJson.dumps(fromJson), PythonJson.dumps(fromYaml));
        assertEquals("1e3", fromYaml.get("s029"), "PyYAML reads 1e3 as a string: a float needs a dot");
        assertEquals("1.0e5", fromYaml.get("s030"), "PyYAML reads 1.0e5 as a string: the exponent needs a sign");
        assertEquals("multi\nline", fromYaml.get("s009"));
    }

    /**
     * Where SnakeYAML's emitter and PyYAML's still differ: PyYAML escapes DEL as {@code \x7F} and the
     * BOM as {@code \uFEFF}; SnakeYAML writes {@code \x7f} and a raw BOM. Both read back as the same
     * string, which is what holds.
     */
    @Test
    void stringsWithDelOrBomReadBackUnchanged() {
        for (String value : List.of("del\u007f", "bom\ufeff")) {
            Map<String, Object> data = Map.of("name", value);
            assertEquals(data, PyYaml.load(PyYaml.dump(data)));
        }
    }

    private static String resource(String name) {
        try (var in = PyYamlConformanceTest.class.getResourceAsStream(name)) {
            assertTrue(in != null, "missing test resource " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> topLevelBlocks(String yaml) {
        Map<String, String> blocks = new LinkedHashMap<>();
        String key = null;
        StringBuilder block = new StringBuilder();
        for (String line : yaml.split("(?<=\n)")) {
            if (!line.startsWith(" ") && !line.startsWith("-")) {
                if (key != null) {
                    blocks.put(key, block.toString());
                }
                key = line.substring(0, line.indexOf(':'));
                block.setLength(0);
            }
            block.append(line);
        }
        if (key != null) {
            blocks.put(key, block.toString());
        }
        return blocks;
    }
}
