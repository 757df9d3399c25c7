package io.mlflow4j.runtime.data;

import java.util.Locale;

/** MLflow's scalar column types, with the numpy dtype names MLflow's messages use. */
public enum DataType {
    BOOLEAN("bool"),
    INTEGER("int32"),
    LONG("int64"),
    FLOAT("float32"),
    DOUBLE("float64"),
    STRING("<U0"),
    BINARY("bytes"),
    DATETIME("datetime64[ns]"),
    /** A list of values of one type (MLflow 2.10+); its item type is in the column's {@link NestedType}. */
    ARRAY("object"),
    /** Named properties, each of its own type (MLflow 2.10+). */
    OBJECT("object"),
    /** String keys to values of one type (MLflow 2.13+). */
    MAP("object");

    private final String numpyType;

    DataType(String numpyType) {
        this.numpyType = numpyType;
    }

    /** The name used in signature JSON: {@code "double"}. */
    public String mlflowName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The numpy type MLflow converts to, as its error messages print it: {@code int64}, {@code <U0}. */
    public String numpyType() {
        return numpyType;
    }

    /** The pandas dtype a column of this type has before conversion: strings are {@code object}. */
    public String pandasDtype() {
        return this == STRING || this == BINARY ? "object" : numpyType;
    }

    /** Array, object or map: a column whose cells hold nested values. */
    public boolean isNested() {
        return this == ARRAY || this == OBJECT || this == MAP;
    }

    /** Parses a signature type name; unknown names fail with the list of known ones. */
    public static DataType fromMlflowName(String name) {
        for (DataType t : values()) {
            if (t.mlflowName().equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("Unsupported MLflow data type '" + name
                + "'. Supported: boolean, integer, long, float, double, string, binary, datetime, array, object, map.");
    }

    @Override
    public String toString() {
        return mlflowName();
    }
}
