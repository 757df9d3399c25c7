package io.mlflow4j.runtime.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The streamed {@code dataframe_split} reader gives the frame the tree reader gives, node for node
 * (same classes, same values), and declines every other shape so that the tree reader reports it.
 */
class SplitStreamTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"dataframe_split\": {\"columns\": [\"x\", \"n\", \"label\"], \"data\": [[1.5, 10, \"p\"], [-0.0, 3000000000, \"\"]]}}",
                "{\"dataframe_split\": {\"columns\": [\"x\", \"n\"], \"index\": [0, 1, 2], \"data\": [[null, 1], [NaN, null], [2, 2.5]]},"
                        + " \"params\": {\"k\": 1}, \"other\": [1, {\"a\": 2}]}",
                "{\"params\": null, \"dataframe_split\": {\"columns\": [1, true], \"data\": [[[1, 2], {\"a\": null}], [[], {}]]}}",
                "{\"dataframe_split\": {\"columns\": [\"a\"], \"data\": [[null], [null], [\"x\"], [null], [7]]}}",
                "{\"dataframe_split\": {\"columns\": [\"a\"], \"data\": [[1e999], [123456789012345678901234567890], [1.0E-400]]}}",
                "{\"dataframe_split\": {\"columns\": [\"a\", \"b\"], \"data\": []}}",
            })
    void readsWhatTheTreeReads(String body) throws Exception {
        SplitStream.Read streamed = SplitStream.read(JsonPayloads.VALUE_READER, bytes(body));
        assertNotNull(streamed, body);
        JsonNode root = JsonPayloads.VALUE_READER.readTree(body);
        InputFrame tree = JsonForms.dataframeSplit(root.get("dataframe_split"));
        assertEquals(tree.names(), streamed.frame().names());
        assertEquals(tree.positional(), streamed.frame().positional());
        assertEquals(describe(tree.columns()), describe(streamed.frame().columns()), body);
        assertEquals(String.valueOf(root.get("params")), String.valueOf(streamed.params()));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"dataframe_split\": {\"data\": [[1]], \"columns\": [\"a\"]}}",
                "{\"dataframe_split\": {\"data\": [[1, 2]]}}",
                "{\"dataframe_split\": {\"columns\": [\"a\", \"b\"], \"data\": [[1]]}}",
                "{\"dataframe_split\": {\"columns\": [\"a\"], \"data\": [1, 2]}}",
                "{\"dataframe_split\": {\"columns\": [\"a\"], \"data\": [[1]], \"index\": [0, 1]}}",
                "{\"dataframe_split\": {\"columns\": [\"a\"], \"data\": [[1]], \"extra\": 1}}",
                "{\"dataframe_split\": {\"columns\": [\"a\"], \"data\": [[1]]}, \"inputs\": [1]}",
                "{\"dataframe_split\": {\"columns\": [\"a\"], \"data\": [[1]]}} trailing",
                "{\"dataframe_split\": {\"columns\": [\"a\"], \"data\": [[1]]}, \"params\": 1, \"params\": 2}",
                "{\"dataframe_split\": {\"columns\": [[\"a\"]], \"data\": [[1]]}}",
                "{\"dataframe_split\": {\"columns\": [\"a\"], \"data\": [[1]]",
                "{\"dataframe_records\": [{\"a\": 1}]}",
                "[{\"dataframe_split\": {}}]",
                "",
            })
    void declinesEveryOtherShape(String body) {
        assertNull(SplitStream.read(JsonPayloads.VALUE_READER, bytes(body)), body);
    }

    @Test
    void aCompactColumnGivesBackEqualNodesOfTheSameClass() throws Exception {
        JsonNode values = JsonPayloads.VALUE_READER.readTree("[null, 1.5, null, 2.0, NaN, -0.0]");
        CompactColumn column = new CompactColumn();
        values.forEach(column::append);
        assertEquals(describe(List.of(listOf(values))), describe(List.of(column)));

        JsonNode mixed = JsonPayloads.VALUE_READER.readTree("[1, 2, 3000000000, \"x\", null]");
        CompactColumn switched = new CompactColumn();
        mixed.forEach(switched::append);
        assertEquals(describe(List.of(listOf(mixed))), describe(List.of(switched)));
    }

    private static List<JsonNode> listOf(JsonNode array) {
        List<JsonNode> list = new ArrayList<>();
        array.forEach(list::add);
        return list;
    }

    /** Each cell as its class and its JSON text, so that an IntNode never passes for a LongNode. */
    private static List<List<String>> describe(List<List<JsonNode>> columns) {
        List<List<String>> out = new ArrayList<>();
        for (List<JsonNode> column : columns) {
            List<String> cells = new ArrayList<>();
            for (JsonNode cell : column) {
                cells.add(cell.getClass().getSimpleName() + ":" + cell);
            }
            out.add(cells);
        }
        return out;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
