package io.mlflow4j.processor.model;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import java.time.Instant;

/** The Java types that map to MLflow scalar types, with the runtime calls that read and write them. */
public enum ScalarType {
    BOOLEAN("BOOLEAN", TypeName.BOOLEAN, "getBoolean", "ofBooleans", "boolean"),
    INT("INTEGER", TypeName.INT, "getInt", "ofInts", "int"),
    LONG("LONG", TypeName.LONG, "getLong", "ofLongs", "long"),
    FLOAT("FLOAT", TypeName.FLOAT, "getFloat", "ofFloats", "float"),
    DOUBLE("DOUBLE", TypeName.DOUBLE, "getDouble", "ofDoubles", "double"),
    STRING("STRING", ClassName.get(String.class), "getString", "ofStrings", "String"),
    BINARY("BINARY", ArrayTypeName.of(TypeName.BYTE), "getBytes", "ofBinary", "byte[]"),
    DATETIME("DATETIME", ClassName.get(Instant.class), "getEpochNanos", "ofDatetimes", "datetime"),
    /** Nested column types; their Java side is described by {@link NestedJava}. */
    ARRAY("ARRAY", ClassName.get(Object.class), "get", "ofNested", "array"),
    OBJECT("OBJECT", ClassName.get(Object.class), "get", "ofNested", "object"),
    MAP("MAP", ClassName.get(Object.class), "get", "ofNested", "map");

    /** The constant of {@code io.mlflow4j.runtime.data.DataType}. */
    public final String dataType;
    /** The unboxed Java type ({@code String} for strings). */
    public final TypeName javaType;
    /** The getter on {@code Column} and {@code Params}. */
    public final String getter;
    /** The {@code Column} factory taking an array of {@link #javaType}. */
    public final String columnFactory;
    /** How users write the type in messages. */
    public final String javaName;

    ScalarType(String dataType, TypeName javaType, String getter, String columnFactory, String javaName) {
        this.dataType = dataType;
        this.javaType = javaType;
        this.getter = getter;
        this.columnFactory = columnFactory;
        this.javaName = javaName;
    }

    public TypeName boxedType() {
        return javaType.isPrimitive() ? javaType.box() : javaType;
    }
}
