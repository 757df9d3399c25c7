package io.mlflow4j.runtime.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

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
        Object data = new Yaml(
                        new SafeConstructor(options),
                        new Representer(new DumperOptions()),
                        new DumperOptions(),
                        options,
                        new PyYamlResolver())
                .load(text);
        if (data == null) {
            return new TreeMap<>();
        }
        if (!(data instanceof Map)) {
            throw new IllegalArgumentException(
                    "Expected a YAML mapping, found " + data.getClass().getSimpleName());
        }
        return (Map<String, Object>) data;
    }

    private static Yaml dumper() {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setWidth(80);
        options.setSplitLines(true);
        options.setIndent(2);
        return new Yaml(
                new SafeConstructor(new LoaderOptions()),
                new PyYamlRepresenter(options),
                options,
                new PyYamlResolver());
    }

    /**
     * PyYAML's implicit types. SnakeYAML's float pattern is wider than PyYAML's (it takes
     * {@code 1e3} and {@code 1.0e5} as floats; PyYAML wants a dot and a signed exponent), so such
     * strings would be quoted when PyYAML leaves them plain, and read back as numbers when PyYAML
     * reads strings. PyYAML also resolves {@code =} (the "value" type), so it quotes it.
     */
    private static final class PyYamlResolver extends Resolver {
        private static final Pattern PYYAML_FLOAT =
                Pattern.compile("^(?:[-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+][0-9]+)?"
                        + "|\\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?"
                        + "|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*"
                        + "|[-+]?\\.(?:inf|Inf|INF)"
                        + "|\\.(?:nan|NaN|NAN))$");

        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(Tag.BOOL, BOOL, "yYnNtTfFoO", 10);
            addImplicitResolver(Tag.FLOAT, PYYAML_FLOAT, "-+0123456789.");
            addImplicitResolver(Tag.INT, INT, "-+0123456789");
            addImplicitResolver(Tag.MERGE, MERGE, "<", 10);
            addImplicitResolver(Tag.NULL, NULL, "~nN\0", 10);
            addImplicitResolver(Tag.NULL, EMPTY, null, 10);
            addImplicitResolver(Tag.TIMESTAMP, TIMESTAMP, "0123456789", 50);
            addImplicitResolver(new Tag("tag:yaml.org,2002:value"), VALUE, "=", 10);
            addImplicitResolver(Tag.YAML, YAML, "!&*", 10);
        }
    }

    /**
     * PyYAML's representation of strings and floats. Strings get PyYAML's style (SnakeYAML's own
     * choice would be {@code |-} blocks for multi-line strings and {@code !!binary} for strings
     * with control characters, which PyYAML reads back as bytes); floats are written like Python's
     * {@code repr}, lower case, with {@code .0} before a bare exponent ({@code 1.0e+16}).
     */
    private static final class PyYamlRepresenter extends Representer {
        PyYamlRepresenter(DumperOptions options) {
            super(options);
            this.representers.put(String.class, data -> representScalar(Tag.STR, (String) data, style((String) data)));
            this.representers.put(Double.class, data -> representScalar(Tag.FLOAT, pythonFloat((Double) data)));
            this.representers.put(
                    Float.class, data -> representScalar(Tag.FLOAT, pythonFloat(Double.parseDouble(data.toString()))));
        }

        /**
         * PyYAML never writes a string with line breaks plain, and then tries single quotes before
         * double quotes; the emitter (a port of PyYAML's) makes the same choice from this hint.
         */
        private static DumperOptions.ScalarStyle style(String value) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '\n' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                    return DumperOptions.ScalarStyle.SINGLE_QUOTED;
                }
            }
            return DumperOptions.ScalarStyle.PLAIN;
        }

        private static String pythonFloat(double value) {
            if (Double.isNaN(value)) {
                return ".nan";
            }
            if (Double.isInfinite(value)) {
                return value > 0 ? ".inf" : "-.inf";
            }
            String repr = PythonFloats.repr(value);
            return repr.contains(".") || !repr.contains("e") ? repr : repr.replaceFirst("e", ".0e");
        }
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
