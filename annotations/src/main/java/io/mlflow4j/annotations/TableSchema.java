package io.mlflow4j.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The signature of a {@link Predict} method that works on raw columns: it takes and returns the
 * runtime's {@code io.mlflow4j.runtime.data.Table}, so the columns cannot be inferred from Java
 * types and are declared here instead.
 *
 * <pre>{@code
 * @Predict
 * @TableSchema(inputs = {@TableColumn(name = "x", type = "double"), @TableColumn(name = "tag", type = "string", required = false)},
 *              outputs = {@TableColumn(name = "score", type = "double")})
 * public Table predict(Table input) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface TableSchema {
    TableColumn[] inputs();

    TableColumn[] outputs();
}
