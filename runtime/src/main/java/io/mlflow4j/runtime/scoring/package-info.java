/**
 * MLflow's scoring protocol ({@code POST /invocations}), as MLflow's {@code pyfunc.scoring_server}
 * defines it, without HTTP: the Netty server (module mlflow4j-server) and {@code mlflow4j predict}
 * both call {@link io.mlflow4j.runtime.scoring.Invocations}. A request goes through four stages,
 * each in its own classes, each called once:
 *
 * <ol>
 *   <li><b>read</b> ({@code JsonPayloads}, {@code CsvPayloads}, {@code JsonForms}, {@code SplitStream}):
 *       the body, in any of its five forms ({@code dataframe_split}, {@code dataframe_records},
 *       {@code instances}, {@code inputs}, CSV), becomes one {@code InputFrame} of untyped values;
 *   <li><b>type</b> ({@code TableTyping}, {@code TensorTyping}, with {@code CellValues} and
 *       {@code TensorValues}): the frame is cast against the signature once, as the server's pandas
 *       and numpy casts do, into a table or tensors;
 *   <li><b>enforce and predict</b>: the model's own schema enforcement, shared with
 *       {@code pyfunc.predict}-style calls, then the model;
 *   <li><b>write</b> ({@code PredictionWriter}, {@code TensorWriter}): {@code {"predictions": ...}}
 *       as MLflow writes it, or MLflow's error JSON ({@code ScoringError}).
 * </ol>
 *
 * <p>Public: {@link io.mlflow4j.runtime.scoring.Invocations} and
 * {@link io.mlflow4j.runtime.scoring.ScoringResponse}; everything else is package-private.
 */
package io.mlflow4j.runtime.scoring;
