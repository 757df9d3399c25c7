/**
 * mlflow4j's annotation processor: {@link io.mlflow4j.processor.MlflowModelProcessor} loops over
 * rounds and hands each {@code @MlflowModel} class through three rooms, each its own package.
 *
 * <ol>
 *   <li>{@code validate}: one validator per concern (the class, {@code @Predict},
 *       {@code @Artifact}/{@code @Load}, {@code @InputExample}), each returning a report of what it
 *       read and every problem, on the element where it is; every message lives in one enum.
 *   <li>{@code model}: the immutable description of a valid model, with no {@code Element}s; the
 *       {@code @Predict} forms (rows, a Table, tensors) are a sealed type.
 *   <li>{@code write}: JavaPoet writers that turn a model into {@code <Model>MlflowModel} and
 *       {@code <Model>Logger}, never looking at an {@code Element}.
 * </ol>
 *
 * <p>Nothing here is API: the processor is used only through javac's processor path.
 */
package io.mlflow4j.processor;
