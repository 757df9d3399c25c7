/**
 * Validate stage: reads an {@code @MlflowModel} class with one validator per concern and returns
 * a {@link io.mlflow4j.processor.validate.Report} (the model part read, and every problem on the
 * element, annotation and value where the mistake is). The rules several concerns share (the
 * {@code @Param} parameters, record components as columns, reachability) are written once.
 */
package io.mlflow4j.processor.validate;
