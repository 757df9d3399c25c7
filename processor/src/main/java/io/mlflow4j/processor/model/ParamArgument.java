package io.mlflow4j.processor.model;

/**
 * A {@code @Param} parameter of the {@code @Predict} method.
 *
 * @param name the MLflow param name
 * @param type its type (a list's element type)
 * @param list whether it is a 1-D list param (shape [-1])
 * @param getter the {@code Params} getter that returns the Java parameter's type
 * @param defaultValue the parsed default ({@code Boolean}, {@code Integer}, ..., an ISO string
 *     for datetimes, a {@code List} of those for lists)
 */
public record ParamArgument(String name, ScalarType type, boolean list, String getter, Object defaultValue) {}
