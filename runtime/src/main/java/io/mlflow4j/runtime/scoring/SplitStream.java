package io.mlflow4j.runtime.scoring;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the common shape of a {@code dataframe_split} request, {@code {"dataframe_split":
 * {"columns": [...], "index": [...], "data": [[...], ...]}, "params": {...}}} with the columns
 * before the data, straight into {@link CompactColumn}s, without the JSON tree of the whole body.
 * The tree kept a node per row and per value, and a 60 MB body needed over 1 GB of heap. Anything
 * else, including every malformed request, gets {@code null}, and {@link JsonPayloads} reads it
 * as a tree, with the messages that go with each mistake.
 */
final class SplitStream {
    /** The frame and the {@code params} node (or {@code null}) of a request read in one pass. */
    record Read(InputFrame frame, JsonNode params) {}

    private SplitStream() {}

    /** {@code reader} reads one value at a time: without FAIL_ON_TRAILING_TOKENS. */
    static Read read(ObjectReader reader, byte[] body) {
        try (JsonParser p = reader.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            InputFrame frame = null;
            JsonNode params = null;
            boolean paramsSeen = false;
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String key = p.currentName();
                JsonToken value = p.nextToken();
                if (key.equals("dataframe_split")) {
                    if (frame != null || value != JsonToken.START_OBJECT || (frame = split(reader, p)) == null) {
                        return null;
                    }
                } else if (JsonPayloads.isFormatKey(key)) {
                    return null;
                } else if (key.equals("params")) {
                    if (paramsSeen) {
                        return null;
                    }
                    paramsSeen = true;
                    params = reader.readTree(p);
                } else {
                    p.skipChildren();
                }
            }
            if (frame == null || p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                return null;
            }
            return new Read(frame, params);
        } catch (IOException | RuntimeException e) {
            return null; // read again as a tree, which reports the mistake
        }
    }

    /** The split object's fields, the parser on its START_OBJECT; {@code null} for any other shape. */
    private static InputFrame split(ObjectReader reader, JsonParser p) throws IOException {
        List<String> names = null;
        List<List<JsonNode>> columns = null;
        long indexLength = -1;
        for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String key = p.currentName();
            JsonToken value = p.nextToken();
            switch (key) {
                case "columns" -> {
                    if (names != null || value != JsonToken.START_ARRAY) {
                        return null;
                    }
                    names = new ArrayList<>();
                    for (JsonToken n = p.nextToken(); n != JsonToken.END_ARRAY; n = p.nextToken()) {
                        if (n == JsonToken.START_ARRAY || n == JsonToken.START_OBJECT) {
                            return null;
                        }
                        JsonNode name = reader.readTree(p);
                        names.add(name.isTextual() ? name.textValue() : name.asText());
                    }
                }
                case "data" -> {
                    if (names == null || columns != null || value != JsonToken.START_ARRAY) {
                        return null;
                    }
                    columns = rows(reader, p, names.size());
                    if (columns == null) {
                        return null;
                    }
                }
                case "index" -> {
                    if (indexLength >= 0 || value != JsonToken.START_ARRAY) {
                        return null;
                    }
                    indexLength = 0;
                    for (JsonToken i = p.nextToken(); i != JsonToken.END_ARRAY; i = p.nextToken()) {
                        p.skipChildren();
                        indexLength++;
                    }
                }
                default -> {
                    return null;
                }
            }
        }
        if (columns == null) {
            return null;
        }
        int rows = columns.isEmpty() ? 0 : columns.get(0).size();
        if (indexLength >= 0 && indexLength != rows) {
            return null;
        }
        return columns.isEmpty() ? null : new InputFrame(names, columns, false);
    }

    /** Each row a list of exactly {@code width} values, the parser on the data's START_ARRAY. */
    private static List<List<JsonNode>> rows(ObjectReader reader, JsonParser p, int width) throws IOException {
        CompactColumn[] compact = new CompactColumn[width];
        List<List<JsonNode>> columns = new ArrayList<>(width);
        for (int c = 0; c < width; c++) {
            compact[c] = new CompactColumn();
            columns.add(compact[c]);
        }
        for (JsonToken row = p.nextToken(); row != JsonToken.END_ARRAY; row = p.nextToken()) {
            if (row != JsonToken.START_ARRAY) {
                return null;
            }
            int c = 0;
            for (JsonToken cell = p.nextToken(); cell != JsonToken.END_ARRAY; cell = p.nextToken()) {
                if (c == width) {
                    return null;
                }
                compact[c++].append(reader.readTree(p));
            }
            if (c != width) {
                return null;
            }
        }
        return columns;
    }
}
