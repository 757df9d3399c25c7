package io.mlflow4j.runtime.scoring;

import io.mlflow4j.runtime.data.Column;
import io.mlflow4j.runtime.data.Table;
import io.mlflow4j.runtime.data.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A request read, typed and checked against the signature, waiting for its prediction; or the
 * answer that refuses it. {@link Predictions} predicts one alone or several as one batch.
 */
public final class PreparedRequest {
    private final ScoringResponse refusal;
    private final Table table;
    private final List<Tensor> tensors;
    private final Map<String, Object> params;
    private final AnswerFormat format;
    /** Built on first use: the batcher asks for it several times per request. */
    private List<Object> batchKey;

    private PreparedRequest(
            ScoringResponse refusal,
            Table table,
            List<Tensor> tensors,
            Map<String, Object> params,
            AnswerFormat format) {
        this.refusal = refusal;
        this.table = table;
        this.tensors = tensors;
        this.params = params;
        this.format = format;
    }

    static PreparedRequest refused(ScoringResponse refusal) {
        return new PreparedRequest(refusal, null, null, null, null);
    }

    static PreparedRequest ofTable(Table table, Map<String, Object> params, AnswerFormat format) {
        return new PreparedRequest(null, table, null, params, format);
    }

    static PreparedRequest ofTensors(List<Tensor> tensors, Map<String, Object> params, AnswerFormat format) {
        return new PreparedRequest(null, null, tensors, params, format);
    }

    /** The answer refusing the request, or {@code null} when it is ready to predict. */
    public ScoringResponse refusal() {
        return refusal;
    }

    /** Rows of a table input; 0 for tensors and refusals. */
    public int rows() {
        return table == null ? 0 : table.rowCount();
    }

    /**
     * What requests must share to be predicted together: the same params and the same columns of
     * the same types; {@code null} when this one cannot join a batch (a refusal, or tensors).
     */
    public Object batchKey() {
        if (table == null) {
            return null;
        }
        if (batchKey != null) {
            return batchKey;
        }
        List<Object> key = new ArrayList<>();
        key.add(params == null ? Map.of() : params);
        for (Column c : table.columns()) {
            key.add(c.name());
            key.add(c.type());
        }
        batchKey = key;
        return key;
    }

    Table table() {
        return table;
    }

    List<Tensor> tensors() {
        return tensors;
    }

    Map<String, Object> params() {
        return params;
    }

    AnswerFormat format() {
        return format;
    }
}
