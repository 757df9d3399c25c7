package io.mlflow4j.runtime.scoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checks a request's {@code Content-Type} as MLflow's scoring server does: {@code application/json}
 * or {@code text/csv}, the only parameter allowed is {@code charset}, and it must be UTF-8.
 * Everything else is a 415 with MLflow's plain text message. A missing header is a 415 too (MLflow
 * answers it with a 500 page).
 */
final class ContentTypes {
    static final String PROTOCOL_CHANGE_INFO = "IMPORTANT: The MLflow Model scoring protocol has changed in MLflow"
            + " version 2.0. If you are seeing this error, you are likely using an outdated scoring request format."
            + " To resolve the error, either update your request format or adjust your MLflow Model's requirements"
            + " file to specify an older version of MLflow (for example, change the 'mlflow' requirement specifier"
            + " to 'mlflow==1.30.0'). If you are making a request using the MLflow client (e.g. via"
            + " `mlflow.pyfunc.spark_udf()`), upgrade your MLflow client to a version >= 2.0 in order to use the new"
            + " request format. For more information about the updated MLflow Model scoring protocol in MLflow 2.0,"
            + " see https://mlflow.org/docs/latest/models.html#deploy-mlflow-models.";

    private static final String SUPPORTED = "Types: ['text/csv', 'application/json']";

    /** The two payload kinds. */
    enum Kind {
        JSON,
        CSV
    }

    private ContentTypes() {}

    static Kind check(String header) {
        if (header == null || header.isBlank()) {
            throw ScoringError.unsupportedMediaType("This predictor only supports the following content types: "
                    + SUPPORTED + ". Got no Content-Type header; send 'Content-Type: application/json' with a JSON"
                    + " payload or 'Content-Type: text/csv' with a CSV one.");
        }
        String[] parts = header.split(";", -1);
        String mime = parts[0].trim().toLowerCase(Locale.ROOT);
        String charset = "utf-8";
        List<String> unexpected = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            String pair = parts[i].trim();
            int eq = pair.indexOf('=');
            String key = (eq < 0 ? pair : pair.substring(0, eq)).trim();
            String value = eq < 0 ? "" : pair.substring(eq + 1).trim();
            if (key.equalsIgnoreCase("charset")) {
                charset = value.toLowerCase(Locale.ROOT);
            } else if (!unexpected.contains(key)) {
                unexpected.add(key);
            }
        }
        if (!charset.equals("utf-8") && !charset.equals("utf8")) {
            throw ScoringError.unsupportedMediaType("The scoring server only supports UTF-8");
        }
        if (!unexpected.isEmpty()) {
            throw ScoringError.unsupportedMediaType("Unrecognized content type parameters: "
                    + String.join(", ", unexpected) + ". " + PROTOCOL_CHANGE_INFO);
        }
        return switch (mime) {
            case "application/json" -> Kind.JSON;
            case "text/csv" -> Kind.CSV;
            default ->
                throw ScoringError.unsupportedMediaType("This predictor only supports the following content"
                        + " types: " + SUPPORTED + ". Got '" + header.trim() + "'.");
        };
    }
}
