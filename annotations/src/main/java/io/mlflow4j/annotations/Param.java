package io.mlflow4j.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an extra parameter of the {@link Predict} method as an MLflow inference parameter: a
 * caller may pass it with {@code predict(data, params={"threshold": 0.7})}; otherwise the default
 * applies. The default is checked against the parameter's type at compile time.
 *
 * <pre>{@code
 * @Predict
 * public List<Prediction> predict(List<Flower> rows,
 *                                 @Param(name = "threshold", defaultValue = "0.5") double threshold) { ... }
 * }</pre>
 *
 * <p>Booleans take {@code "true"} or {@code "false"}; numbers take Java literals without suffix.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.PARAMETER)
public @interface Param {
    /** The parameter's MLflow name; empty means the Java parameter name. */
    String name() default "";

    /** The default value, written as text and parsed as the parameter's type. */
    String defaultValue();
}
