/**
 * Write stage: turns a model description into {@code <Model>MlflowModel} (on the runtime's
 * {@code ColumnModelAdapter} or {@code TensorModelAdapter}) and {@code <Model>Logger}, through the
 * Filer with the class as the one originating element. Generated locals are named after the
 * columns, one column per line, so the code reads and steps like hand-written code.
 */
package io.mlflow4j.processor.write;
