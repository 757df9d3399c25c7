package io.mlflow4j.runtime.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Every request's input read into columns but not yet typed: the counterpart of the pandas
 * DataFrame MLflow builds before casting it to the signature. Values are JSON nodes (CSV cells are
 * text nodes). All five payload forms become one; for a tensor signature, {@code instances} and
 * {@code inputs} become a frame of one row whose cells are the named tensors, whole (MLflow's
 * dictionary of arrays), and a DataFrame a frame whose rows are stacked into tensors.
 *
 * @param names the column names; for positional data ({@code dataframe_split} without
 *     {@code columns}, lists of lists) they are {@code "0"}, {@code "1"}, ...
 * @param columns the values of each column, all of the same length
 * @param positional whether the names were made up from positions
 */
record InputFrame(List<String> names, List<List<JsonNode>> columns, boolean positional) {
    /**
     * Records that each name other columns, or scalars repeated along long columns, make tables far
     * larger than the payload; past this many cells a request is refused rather than filled in.
     */
    static final long MAX_FILLED_CELLS = 10_000_000;

    InputFrame {
        int rows = columns.isEmpty() ? 0 : columns.get(0).size();
        for (List<JsonNode> column : columns) {
            if (column.size() != rows) {
                throw ScoringError.badRequest("Invalid input. The length of values for each input/column name are not"
                        + " the same: " + names + " have "
                        + columns.stream().map(List::size).toList()
                        + " values. Send the same number of values for every column.");
            }
        }
    }

    int rowCount() {
        return columns.isEmpty() ? 0 : columns.get(0).size();
    }
}
