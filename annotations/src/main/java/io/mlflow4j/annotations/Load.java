package io.mlflow4j.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method that runs once after the model is loaded and its {@link Artifact} fields point
 * into the loaded model: the place to read weights.
 *
 * <pre>{@code
 * @Load
 * void load() throws IOException { model = Classifier.read(weights); }
 * }</pre>
 *
 * <p>The method takes no parameters, is not static and not private; it may throw any exception,
 * which then fails the load with that cause.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Load {}
