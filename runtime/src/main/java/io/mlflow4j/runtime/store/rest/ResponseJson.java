package io.mlflow4j.runtime.store.rest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The JSON parser for a tracking server's answers. Jackson's own read limits (a string of at most
 * 20 MB by default) would refuse an answer under {@link HttpSettings#maxJsonBytes()}, with a
 * message naming Jackson's setting rather than ours: the limit the user sets is the one applied.
 */
final class ResponseJson {
    private ResponseJson() {}

    static ObjectMapper mapper(long maxJsonBytes) {
        int max = (int) Math.min(maxJsonBytes, Integer.MAX_VALUE);
        StreamReadConstraints constraints = StreamReadConstraints.builder()
                .maxStringLength(max)
                .maxDocumentLength(maxJsonBytes)
                .build();
        return JsonMapper.builder(
                        JsonFactory.builder().streamReadConstraints(constraints).build())
                .build();
    }
}
