package io.mlflow4j.runtime.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.representer.Representer;

/**
 * YAML as MLflow writes it with PyYAML's {@code yaml.safe_dump(data, default_flow_style=False)}:
 * keys sorted at every level, block style, lines folded at 80 columns, strings quoted only when
 * they would read back as another type. SnakeYAML's emitter is a port of PyYAML's, so with the
 * same options it makes the same text. Reading is safe loading only.
 */
public final class PyYaml {
    private PyYaml() {}

    public static String dump(Map<String, ?> data) {
        return dumper().dump(sortedCopy(data));
    }

    /** Loads a YAML mapping; an empty document is an empty map. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> load(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Object data = new Yaml(new SafeConstructor(options)).load(text);
        if (data == null) {
            return new TreeMap<>();
        }
        if (!(data instanceof Map)) {
            throw new IllegalArgumentException("Expected a YAML mapping, found " + data.getClass().getSimpleName());
        }
        return (Map<String, Object>) data;
    }

    private static Yaml dumper() {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setWidth(80);
        options.setSplitLines(true);
        options.setIndent(2);
        return new Yaml(new SafeConstructor(new LoaderOptions()), new Representer(options), options);
    }

    private static Object sortedCopy(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> sorted = new TreeMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                sorted.put(String.valueOf(e.getKey()), sortedCopy(e.getValue()));
            }
            return sorted;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            for (Object item : list) {
                copy.add(sortedCopy(item));
            }
            return copy;
        }
        return value;
    }
}
