package io.mlflow4j.processor.validate;

import java.util.List;
import java.util.Optional;
import javax.tools.Diagnostic;

/**
 * What a validator returns: the part of the model it read, and every problem it found.
 *
 * @param value the part read, or {@code null} when a problem keeps it from being used
 * @param problems the errors and warnings, in the order found
 */
public record Report<T>(T valueOrNull, List<Problem> problems) {
    public Optional<T> value() {
        return Optional.ofNullable(valueOrNull);
    }

    public boolean hasErrors() {
        return problems.stream().anyMatch(p -> p.kind() == Diagnostic.Kind.ERROR);
    }
}
