package io.mlflow4j.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Renames a record component's column in the MLflow signature, or marks it optional.
 *
 * <pre>{@code
 * public record Flower(@Column("sepal_length") double sepalLength,
 *                      @Column(required = false) Double petalWidth) {}
 * }</pre>
 *
 * <p>Primitive components are always required; a reference-typed component is required unless
 * {@code required = false}, in which case a missing column or a missing value arrives as {@code
 * null}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD})
public @interface Column {
    /** The column name; empty means the component name. */
    String value() default "";

    /** Same as {@link #value()}; use one or the other. */
    String name() default "";

    /** Whether the column must be present and non-null. */
    boolean required() default true;
}
