package io.mlflow4j.runtime.scoring;

import java.util.Locale;

/** The five forms a request's input can take, as MLflow's scoring server names them. */
enum PayloadForm {
    DATAFRAME_SPLIT,
    DATAFRAME_RECORDS,
    INSTANCES,
    INPUTS,
    CSV;

    /**
     * Whether the JSON form is a pandas DataFrame, which MLflow casts with {@code astype} (integers
     * wrap to 32 bits; a tensor is stacked from the rows), where {@code instances} and {@code inputs}
     * go through {@code np.array} and CSV through {@code read_csv}.
     */
    boolean isDataFrame() {
        return this == DATAFRAME_SPLIT || this == DATAFRAME_RECORDS;
    }

    /** The JSON key of the form: {@code dataframe_split}, ...; CSV has none. */
    String key() {
        return this == CSV ? null : name().toLowerCase(Locale.ROOT);
    }

    static PayloadForm ofKey(String key) {
        return switch (key) {
            case "dataframe_split" -> DATAFRAME_SPLIT;
            case "dataframe_records" -> DATAFRAME_RECORDS;
            case "instances" -> INSTANCES;
            case "inputs" -> INPUTS;
            default -> null;
        };
    }
}
