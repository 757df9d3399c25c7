package io.mlflow4j.runtime.scoring;

import io.mlflow4j.runtime.data.Table;
import io.mlflow4j.runtime.data.Tensor;
import io.mlflow4j.runtime.error.MlflowException;
import io.mlflow4j.runtime.error.ModelPredictionException;
import java.util.List;

/** How one protocol writes a prediction and the errors of the predict stage. */
interface AnswerFormat {
    ScoringResponse table(Table output);

    ScoringResponse tensors(List<Tensor> output);

    /** The input (described by {@code data}) does not fit the signature. */
    ScoringResponse refused(MlflowException e, String data);

    /** The model's own code failed. */
    ScoringResponse modelFailed(ModelPredictionException e);
}
