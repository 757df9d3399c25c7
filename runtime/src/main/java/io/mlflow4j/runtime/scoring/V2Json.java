package io.mlflow4j.runtime.scoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.UncheckedIOException;

/** Writes the Open Inference Protocol's JSON, compactly; the writers put {@code null} where a value is NaN or missing. */
final class V2Json {
    private static final ObjectWriter WRITER = JsonMapper.builder().build().writer();

    private V2Json() {}

    static byte[] bytes(JsonNode node) {
        try {
            return WRITER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
