package io.mlflow4j.server;

/**
 * An Open Inference Protocol path taken apart: {@code /v2}, {@code /v2/health/live},
 * {@code /v2/health/ready}, {@code /v2/models/{name}[/versions/{version}]} followed by nothing,
 * {@code /ready} or {@code /infer}; {@code null} for any other path.
 *
 * @param kind what is asked for
 * @param model the model name in the path, or {@code null}
 * @param version the version in the path, or {@code null}
 */
record V2Path(Kind kind, String model, String version) {
    enum Kind {
        SERVER,
        LIVE,
        READY,
        MODEL,
        MODEL_READY,
        INFER
    }

    static V2Path parse(String path) {
        switch (path) {
            case "/v2", "/v2/" -> {
                return new V2Path(Kind.SERVER, null, null);
            }
            case "/v2/health/live" -> {
                return new V2Path(Kind.LIVE, null, null);
            }
            case "/v2/health/ready" -> {
                return new V2Path(Kind.READY, null, null);
            }
            default -> {
                if (!path.startsWith("/v2/models/")) {
                    return null;
                }
                String[] parts = path.substring("/v2/models/".length()).split("/", -1);
                String model = parts[0];
                int next = 1;
                String version = null;
                if (parts.length >= 3 && parts[1].equals("versions")) {
                    version = parts[2];
                    next = 3;
                }
                if (model.isEmpty() || (version != null && version.isEmpty())) {
                    return null;
                }
                int rest = parts.length - next;
                if (rest == 0) {
                    return new V2Path(Kind.MODEL, model, version);
                }
                if (rest == 1 && parts[next].equals("ready")) {
                    return new V2Path(Kind.MODEL_READY, model, version);
                }
                if (rest == 1 && parts[next].equals("infer")) {
                    return new V2Path(Kind.INFER, model, version);
                }
                return null;
            }
        }
    }
}
