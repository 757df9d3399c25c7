package io.mlflow4j.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a static method (or static field) that gives an input example. It is saved with the model
 * as {@code input_example.json} and {@code serving_input_example.json}, in MLflow's format, and
 * run through the model before anything is written.
 *
 * <pre>{@code
 * @InputExample
 * static List<Flower> example() { return List.of(new Flower(5.1, 3.5, 1.4, 0.2)); }
 * }</pre>
 *
 * <p>The example has the type of the {@link Predict} method's input: one row, or a list of rows.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD, ElementType.FIELD})
public @interface InputExample {
    /**
     * Params the example carries, as {@code name=value} with the value written as in
     * {@link Param#defaultValue()}: {@code @InputExample(params = {"threshold=0.7", "stop=[\"END\"]"})}.
     * They are saved with the example, as MLflow saves an example given with params.
     */
    String[] params() default {};
}
