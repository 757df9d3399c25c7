package io.mlflow4j.runtime.scoring;

import java.util.Map;

/**
 * A request after reading, before typing: its input as one {@link InputFrame} whatever form it
 * came in, and its params.
 *
 * @param form how the input was written, which decides how its values are cast
 * @param frame the input's values, untyped
 * @param params the params as JSON values, or {@code null} when the request had none
 */
record ScoringRequest(PayloadForm form, InputFrame frame, Map<String, Object> params) {}
