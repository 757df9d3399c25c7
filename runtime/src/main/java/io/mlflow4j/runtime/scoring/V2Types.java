package io.mlflow4j.runtime.scoring;

import io.mlflow4j.runtime.data.DataType;
import io.mlflow4j.runtime.schema.ColSpec;
import java.util.List;

/**
 * The Open Inference Protocol's datatypes and content types against MLflow's, as Seldon's MLServer
 * maps them for MLflow models ({@code mlserver_mlflow.metadata} and its codecs).
 */
final class V2Types {
    static final List<String> DATATYPES = List.of(
            "BOOL", "UINT8", "UINT16", "UINT32", "UINT64", "INT8", "INT16", "INT32", "INT64", "FP16", "FP32", "FP64",
            "BYTES");

    private V2Types() {}

    /** A column's V2 datatype: numbers and booleans as themselves, everything else as BYTES. */
    static String datatype(DataType type) {
        return switch (type) {
            case BOOLEAN -> "BOOL";
            case INTEGER -> "INT32";
            case LONG -> "INT64";
            case FLOAT -> "FP32";
            case DOUBLE -> "FP64";
            default -> "BYTES";
        };
    }

    /** How MLServer encodes a column of this type: np, str, base64, datetime or pd_json. */
    static String contentType(DataType type) {
        return switch (type) {
            case BOOLEAN, INTEGER, LONG, FLOAT, DOUBLE -> "np";
            case STRING -> "str";
            case BINARY -> "base64";
            case DATETIME -> "datetime";
            default -> "pd_json";
        };
    }

    static String contentType(ColSpec spec) {
        return contentType(spec.type());
    }

    /** A tensor dtype's V2 datatype. */
    static String datatype(String dtype) {
        return switch (dtype) {
            case "bool" -> "BOOL";
            case "int8" -> "INT8";
            case "int16" -> "INT16";
            case "int32" -> "INT32";
            case "int64" -> "INT64";
            case "uint8" -> "UINT8";
            case "uint16" -> "UINT16";
            case "uint32" -> "UINT32";
            case "uint64" -> "UINT64";
            case "float16" -> "FP16";
            case "float32" -> "FP32";
            case "float64" -> "FP64";
            default -> "BYTES";
        };
    }

    /**
     * The column type a V2 number or boolean datatype is read into (the widest Java type that holds
     * it, as numpy would hold it); {@code null} for BYTES, whose meaning depends on the content type.
     */
    static DataType columnType(String datatype) {
        return switch (datatype) {
            case "BOOL" -> DataType.BOOLEAN;
            case "INT8", "INT16", "INT32", "UINT8", "UINT16" -> DataType.INTEGER;
            case "INT64", "UINT32", "UINT64" -> DataType.LONG;
            case "FP16", "FP32" -> DataType.FLOAT;
            case "FP64" -> DataType.DOUBLE;
            default -> null;
        };
    }

    /** The tensor dtype a V2 datatype is read into; {@code null} for BYTES. */
    static String tensorDtype(String datatype) {
        return switch (datatype) {
            case "BOOL" -> "bool";
            case "INT8", "INT16", "INT32", "UINT8", "UINT16" -> "int32";
            case "INT64", "UINT32", "UINT64" -> "int64";
            case "FP16", "FP32" -> "float32";
            case "FP64" -> "float64";
            default -> null;
        };
    }
}
