package io.mlflow4j.cli;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A subcommand's parsed options. Each option has a long name and optionally a short one, and takes
 * a value ({@code -p 5000}, {@code --port 5000}, {@code --port=5000}); {@code --help} is a flag.
 * Anything else is a {@link UsageException} naming the offending word.
 */
final class Options {
    /** One option: {@code long} without dashes, {@code shortName} a letter or null. */
    record Spec(String longName, String shortName) {}

    private final String command;
    private final Map<String, String> values = new HashMap<>();
    private boolean help;

    private Options(String command) {
        this.command = command;
    }

    static Options parse(String command, List<Spec> specs, String[] args) throws UsageException {
        Options options = new Options(command);
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help")) {
                options.help = true;
                continue;
            }
            String inlineValue = null;
            String name = arg;
            if (arg.startsWith("--") && arg.contains("=")) {
                name = arg.substring(0, arg.indexOf('='));
                inlineValue = arg.substring(arg.indexOf('=') + 1);
            }
            Spec spec = find(specs, name);
            if (spec == null) {
                throw new UsageException((arg.startsWith("-") ? "Unknown option '" : "Unexpected argument '") + arg
                        + "' for '" + command + "'.");
            }
            String value = inlineValue;
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new UsageException("Option " + name + " needs a value.");
                }
                value = args[++i];
            }
            options.values.put(spec.longName(), value);
        }
        return options;
    }

    private static Spec find(List<Spec> specs, String name) {
        for (Spec spec : specs) {
            if (name.equals("--" + spec.longName())
                    || (spec.shortName() != null && name.equals("-" + spec.shortName()))) {
                return spec;
            }
        }
        return null;
    }

    boolean help() {
        return help;
    }

    String get(String longName, String defaultValue) {
        return values.getOrDefault(longName, defaultValue);
    }

    String required(String longName, String shortName) throws UsageException {
        String value = values.get(longName);
        if (value == null || value.isBlank()) {
            throw new UsageException("'" + command + "' needs -" + shortName + " / --" + longName + ".");
        }
        return value;
    }

    int intValue(String longName, int defaultValue, int min, int max) throws UsageException {
        String value = values.get(longName);
        if (value == null) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed < min || parsed > max) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new UsageException(
                    "--" + longName + " must be a whole number from " + min + " to " + max + ", not '" + value + "'.");
        }
    }

    long longValue(String longName, long defaultValue, long min) throws UsageException {
        String value = values.get(longName);
        if (value == null) {
            return defaultValue;
        }
        try {
            long parsed = Long.parseLong(value.trim());
            if (parsed < min) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new UsageException(
                    "--" + longName + " must be a whole number of at least " + min + ", not '" + value + "'.");
        }
    }
}
