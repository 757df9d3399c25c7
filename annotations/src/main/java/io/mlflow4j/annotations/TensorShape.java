package io.mlflow4j.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Fixes the shape of a tensor in the MLflow signature; {@code -1} leaves a dimension free (the
 * first one is the batch). Without it every dimension is {@code -1}. Put it on the {@code @Predict}
 * parameter, on the {@code @Predict} method (for its result), or on a record component (for a
 * named tensor).
 *
 * <pre>{@code
 * @Predict
 * @TensorShape({-1, 1})
 * public float[][] predict(@TensorShape({-1, 4}) float[][] features) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.PARAMETER, ElementType.METHOD, ElementType.RECORD_COMPONENT, ElementType.FIELD})
public @interface TensorShape {
    /** The dimensions: as many as the array has, each {@code -1} or a positive size. */
    int[] value();
}
