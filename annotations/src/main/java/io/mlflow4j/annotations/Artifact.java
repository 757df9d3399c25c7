package io.mlflow4j.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a field that names a local file or folder the model needs at prediction time (weights, a
 * vocabulary, a config). When the model is saved, the file or folder is copied into the model
 * under {@code artifacts/<name>}; when it is loaded, the field points into the loaded model.
 *
 * <pre>{@code
 * @Artifact("weights")
 * Path weights;
 * }</pre>
 *
 * <p>The field must be of type {@link java.nio.file.Path}, {@link java.io.File} or {@link String},
 * and must not be private, static or final (the generated code sets it).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
public @interface Artifact {
    /** The artifact's name inside the model; empty means the field name. */
    String value() default "";

    /** Same as {@link #value()}; use one or the other. */
    String name() default "";
}
