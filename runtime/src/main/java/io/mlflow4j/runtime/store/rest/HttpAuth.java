package io.mlflow4j.runtime.store.rest;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code Authorization} header MLflow's clients send: {@code Bearer <MLFLOW_TRACKING_TOKEN>},
 * else {@code Basic} from {@code MLFLOW_TRACKING_USERNAME} and {@code MLFLOW_TRACKING_PASSWORD},
 * else none. The credentials never leave this class except as the header value:
 * {@link #toString} names the kind of authentication only.
 */
final class HttpAuth {
    public static final String TOKEN_ENV = "MLFLOW_TRACKING_TOKEN";
    public static final String USERNAME_ENV = "MLFLOW_TRACKING_USERNAME";
    public static final String PASSWORD_ENV = "MLFLOW_TRACKING_PASSWORD";

    private static final HttpAuth NONE = new HttpAuth("none", null);

    private final String kind;
    private final String headerValue;

    private HttpAuth(String kind, String headerValue) {
        this.kind = kind;
        this.headerValue = headerValue;
    }

    public static HttpAuth none() {
        return NONE;
    }

    public static HttpAuth bearer(String token) {
        return new HttpAuth("bearer token", "Bearer " + token);
    }

    public static HttpAuth basic(String username, String password) {
        String pair = username + ":" + (password == null ? "" : password);
        return new HttpAuth(
                "basic (user name and password)",
                "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }

    /** The same precedence as MLflow's {@code get_default_host_creds}: a token wins over a user name. */
    public static HttpAuth fromEnvironment(Map<String, String> env) {
        String token = env.get(TOKEN_ENV);
        if (token != null && !token.isEmpty()) {
            return bearer(token);
        }
        String user = env.get(USERNAME_ENV);
        String password = env.get(PASSWORD_ENV);
        if (user != null && !user.isEmpty()) {
            return basic(user, password);
        }
        return NONE;
    }

    /** The value of the {@code Authorization} header, if any. */
    public Optional<String> headerValue() {
        return Optional.ofNullable(headerValue);
    }

    /** Which kind of authentication is used, without any secret: for messages. */
    public String kind() {
        return kind;
    }

    @Override
    public String toString() {
        return "HttpAuth[" + kind + "]";
    }
}
