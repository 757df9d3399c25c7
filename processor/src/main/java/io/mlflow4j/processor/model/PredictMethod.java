package io.mlflow4j.processor.model;

import java.util.List;

/**
 * The {@code @Predict} method.
 *
 * @param methodName the method's name
 * @param form what it takes and returns: rows, a Table or tensors
 * @param params its {@code @Param} parameters, in order, after the input
 */
public record PredictMethod(String methodName, PredictForm form, List<ParamArgument> params) {
    /** How users know the method in messages: {@code @Predict method 'predict'}. */
    public String source() {
        return "@Predict method '" + methodName + "'";
    }
}
