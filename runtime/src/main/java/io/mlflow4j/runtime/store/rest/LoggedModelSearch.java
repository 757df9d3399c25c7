package io.mlflow4j.runtime.store.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlflow4j.runtime.error.MlflowException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds where MLflow 3 keeps a model logged in a run: under the experiment's
 * {@code models/m-<id>/artifacts}, not in the run's own artifacts. As MLflow's
 * {@code RunsArtifactRepository} does, it searches the experiment's logged models by name
 * ({@code logged-models/search}, {@code name = '<name>'}) and takes the one whose source run is the
 * run. A server without logged models (MLflow 2) has none.
 */
final class LoggedModelSearch {
    private static final String SEARCH = "/api/2.0/mlflow/logged-models/search";
    /** Pages read at most: a bound for a server that hands out page tokens for ever. */
    private static final int MAX_PAGES = 100;

    private final RestClient client;

    public LoggedModelSearch(RestClient client) {
        this.client = client;
    }

    /** The artifact location of the model {@code name} logged in run {@code runId}, if there is one. */
    public Optional<String> artifactLocation(String experimentId, String runId, String name) {
        for (JsonNode model : byName(experimentId, name)) {
            JsonNode info = model.path("info");
            if (runId.equals(info.path("source_run_id").asText()) && info.hasNonNull("artifact_uri")) {
                return Optional.of(info.path("artifact_uri").asText());
            }
        }
        return Optional.empty();
    }

    /** The experiment's logged models named {@code name}, every page read; none on a server without logged models. */
    public List<JsonNode> byName(String experimentId, String name) {
        List<JsonNode> found = new ArrayList<>();
        String pageToken = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("experiment_ids", List.of(experimentId));
            request.put("filter", "name = '" + name + "'"); // unescaped, as MLflow's client sends it
            if (pageToken != null) {
                request.put("page_token", pageToken);
            }
            JsonNode answer;
            try {
                answer = client.post(SEARCH, request);
            } catch (RestException e) {
                if (e.httpStatus() == 404 || e.httpStatus() == 405 || e.httpStatus() == 501) {
                    return List.of(); // MLflow 2: no logged models
                }
                throw e;
            }
            answer.path("models").forEach(found::add);
            pageToken = answer.path("next_page_token").asText("");
            if (pageToken.isEmpty()) {
                return found;
            }
        }
        throw new MlflowException(
                MlflowException.ErrorCode.INTERNAL_ERROR,
                "The tracking server " + client.server()
                        + " kept answering " + SEARCH + " with more pages after " + MAX_PAGES
                        + "; stopped looking for the"
                        + " logged model '" + name + "' in experiment " + experimentId + ".");
    }
}
