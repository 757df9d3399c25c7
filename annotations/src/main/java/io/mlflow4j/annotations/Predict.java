package io.mlflow4j.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the one method of an {@link MlflowModel} class that MLflow calls to predict.
 *
 * <p>Two forms are accepted: one row at a time, or a whole batch.
 *
 * <pre>{@code
 * @Predict
 * public Prediction predict(Flower row) { ... }
 *
 * @Predict
 * public List<Prediction> predict(List<Flower> rows,
 *                                 @Param(name = "threshold", defaultValue = "0.5") double threshold) { ... }
 * }</pre>
 *
 * <p>The input is a record whose components become the signature's input columns; the output is a
 * record (one output column per component) or a single scalar ({@code boolean, int, long, float,
 * double, String} or their boxed forms). Any further parameters must be annotated with {@link Param}.
 * The method must not be private or static.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Predict {}
