package io.mlflow4j.spark.models;

import io.mlflow4j.annotations.Column;
import io.mlflow4j.annotations.MlflowModel;
import io.mlflow4j.annotations.Param;
import io.mlflow4j.annotations.Predict;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * A column model over every scalar type that also tells where it ran: the process, the class loader
 * of its class, and an id drawn when its class was loaded (one per load of the model), and the size
 * of the batch it was given. A label "boom" makes it fail.
 */
@MlflowModel(name = "spark-probe", description = "Every scalar type in and out, and where it ran")
public class Probe {
    private static final String LOADED = UUID.randomUUID().toString();

    public record Input(
            int count,
            long id,
            float weight,
            double amount,
            String label,
            boolean flag,
            byte[] payload,
            LocalDateTime seen,
            @Column(required = false) Double bonus) {}

    public record Output(
            double score,
            String upperLabel,
            boolean notFlag,
            long idEcho,
            int payloadSize,
            LocalDateTime nextDay,
            long pid,
            String loader,
            String loaded,
            int batchRows) {}

    @Predict
    public List<Output> predict(List<Input> rows, @Param(name = "offset", defaultValue = "0.0") double offset) {
        List<Output> out = new ArrayList<>(rows.size());
        for (Input r : rows) {
            if ("boom".equals(r.label())) {
                throw new IllegalStateException("the probe refuses the label boom (id " + r.id() + ")");
            }
            double score = r.count() * 2 + r.weight() + r.amount() + offset + (r.bonus() == null ? 0 : r.bonus());
            out.add(new Output(
                    score,
                    r.label() == null ? null : r.label().toUpperCase(Locale.ROOT),
                    !r.flag(),
                    r.id(),
                    r.payload() == null ? -1 : r.payload().length,
                    r.seen() == null ? null : r.seen().plusDays(1),
                    ProcessHandle.current().pid(),
                    String.valueOf(Probe.class.getClassLoader().getName()),
                    LOADED,
                    rows.size()));
        }
        return out;
    }
}
