package io.mlflow4j.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * One column of a {@link TableSchema}.
 *
 * <pre>{@code
 * @TableColumn(name = "x", type = "double")
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({})
public @interface TableColumn {
    String name();

    /** An MLflow column type: boolean, integer, long, float, double, string, binary or datetime. */
    String type();

    boolean required() default true;
}
