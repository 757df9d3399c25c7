package io.mlflow4j.examples.python;

import io.mlflow4j.annotations.MlflowModel;
import io.mlflow4j.annotations.Predict;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Binary and datetime columns, for the Python bridge tests. */
@MlflowModel(name = "bytes-and-times")
public class BytesAndTimes {
    public record In(byte[] blob, Instant at, Optional<Instant> maybe) {}

    public record Out(byte[] reversed, Instant later, Optional<Instant> maybe) {}

    @Predict
    public Out predict(In in) {
        byte[] reversed = new byte[in.blob().length];
        for (int i = 0; i < reversed.length; i++) {
            reversed[i] = in.blob()[reversed.length - 1 - i];
        }
        return new Out(reversed, in.at().plus(Duration.ofMillis(1500)), in.maybe());
    }
}
