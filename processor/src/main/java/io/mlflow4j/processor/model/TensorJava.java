package io.mlflow4j.processor.model;

import java.util.List;

/**
 * A tensor as a Java primitive array.
 *
 * @param name the tensor's name (the record component's column name), or {@code null} when unnamed
 * @param accessor the record component, or {@code null}
 * @param element {@code float}, {@code double}, {@code int}, {@code long} or {@code boolean}
 * @param shape the dimensions, {@code -1} where free; as many as the array's rank
 */
public record TensorJava(String name, String accessor, String element, List<Integer> shape) {
    public String dtype() {
        return switch (element) {
            case "float" -> "float32";
            case "double" -> "float64";
            case "int" -> "int32";
            case "long" -> "int64";
            default -> "bool";
        };
    }

    /** {@code Float}, for {@code TensorArrays.toFloat2} and {@code fromFloat}. */
    public String helperType() {
        return Character.toUpperCase(element.charAt(0)) + element.substring(1);
    }

    public int rank() {
        return shape.size();
    }
}
