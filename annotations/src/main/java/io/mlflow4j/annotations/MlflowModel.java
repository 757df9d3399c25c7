package io.mlflow4j.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class as an MLflow model. The mlflow4j annotation processor checks the class at compile
 * time, infers its MLflow signature and generates {@code <Class>MlflowModel} (the equivalent of
 * MLflow's {@code PythonModel}) and {@code <Class>Logger} (typed save, log and load).
 *
 * <pre>{@code
 * @MlflowModel(name = "iris-classifier", description = "Iris species from flower measurements")
 * public class IrisClassifier {
 *     @Predict
 *     public Prediction predict(Flower flower) { ... }
 * }
 * }</pre>
 *
 * <p>The class must be a concrete top-level or static nested class with an accessible
 * no-argument constructor, and have exactly one {@link Predict} method.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface MlflowModel {
    /**
     * The model's name: letters, digits, {@code _}, {@code -} and {@code .}, starting with a letter
     * or digit, at most 256 characters. Empty means the class name in kebab case.
     */
    String name() default "";

    /** A human-readable description, stored in the model's metadata. */
    String description() default "";
}
