package io.mlflow4j.processor.model;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import java.util.List;

/**
 * A Java type inside a nested column: a collection (List, Set, array) or map of another nested
 * type, a record (MLflow object), or a leaf (boolean, integer, long, float, double, string, enum).
 *
 * @param shape what it is
 * @param javaType the Java type as written
 * @param element a collection's element or a map's value type
 * @param properties a record's components, in declaration order
 * @param leaf a leaf's MLflow type
 */
public record NestedJava(
        Shape shape, TypeName javaType, NestedJava element, List<Property> properties, ScalarType leaf) {
    public enum Shape {
        LIST,
        SET,
        ARRAY,
        MAP,
        RECORD,
        LEAF,
        ENUM
    }

    /**
     * @param accessor the record component
     * @param name the MLflow property name
     * @param type its type
     * @param required whether the property must be present
     */
    public record Property(String accessor, String name, NestedJava type, boolean required) {}

    /** The MLflow data type of this level: array, object, map or the leaf's. */
    public String dataType() {
        return switch (shape) {
            case LIST, SET, ARRAY -> "ARRAY";
            case MAP -> "MAP";
            case RECORD -> "OBJECT";
            case LEAF, ENUM -> leaf.dataType;
        };
    }

    /** {@code Outer_Inner} for the helper methods of a record. */
    public String helperSuffix() {
        return String.join("_", ((ClassName) javaType).simpleNames());
    }
}
