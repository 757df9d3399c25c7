package io.mlflow4j.runtime.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.mlflow4j.runtime.schema.ModelSignature;
import io.mlflow4j.runtime.schema.Schema;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a {@code text/csv} request as MLflow does with {@code pandas.read_csv}: a header row of
 * column names, then one row per line (RFC 4180 quoting, {@code \n} or {@code \r\n}, blank lines
 * skipped). An empty cell is a missing value. Params cannot be sent with CSV. The rows become an
 * {@link InputFrame} of text cells; typing them is the next stage's job.
 */
final class CsvPayloads {

    private CsvPayloads() {}

    static ScoringRequest read(byte[] body, ModelSignature signature) {
        Schema schema = signature == null ? null : signature.inputs();
        if (schema != null && schema.isTensor()) { // MLflow cannot make pandas dtypes of tensor specs either
            throw ScoringError.csvNotParsed("TensorSpec only supports numpy types, use numpy_types() instead");
        }
        List<List<String>> rows = records(decode(body));
        if (rows.isEmpty()) {
            throw ScoringError.csvNotParsed("No columns to parse from file");
        }
        List<String> names = headerNames(rows.get(0));
        long missing = 0;
        for (int r = 1; r < rows.size(); r++) {
            missing += Math.max(0, names.size() - rows.get(r).size());
        }
        if (missing > InputFrame.MAX_FILLED_CELLS) {
            throw ScoringError.csvNotParsed("Short rows leave " + missing + " cells of " + names.size()
                    + " columns empty, more than the" + " server fills in (" + InputFrame.MAX_FILLED_CELLS
                    + "). Send a value or an empty field for every column");
        }
        List<List<JsonNode>> columns = new ArrayList<>();
        for (int c = 0; c < names.size(); c++) {
            columns.add(new ArrayList<>(rows.size() - 1));
        }
        for (int r = 1; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            if (row.size() > names.size()) {
                throw ScoringError.csvNotParsed("Error tokenizing data. C error: Expected " + names.size()
                        + " fields in line " + (r + 1) + ", saw " + row.size());
            }
            for (int c = 0; c < names.size(); c++) {
                String cell = c < row.size() ? row.get(c) : "";
                columns.get(c).add(cell.isEmpty() ? NullNode.instance : TextNode.valueOf(cell));
            }
        }
        return new ScoringRequest(PayloadForm.CSV, new InputFrame(names, columns, false), null);
    }

    /** Strict UTF-8; a byte order mark (as spreadsheets write) is dropped, as pandas drops it. */
    private static String decode(byte[] body) {
        try {
            String text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw ScoringError.csvNotParsed("The body is not valid UTF-8: " + e.getMessage());
        }
    }

    /** pandas names an empty header "Unnamed: i" and a repeated one "x.1", "x.2". */
    private static List<String> headerNames(List<String> header) {
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Map<String, Integer> nextSuffix = new HashMap<>(); // keeps many repeats of a name linear
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).isEmpty() ? "Unnamed: " + i : header.get(i);
            String unique = name;
            if (!seen.add(unique)) {
                int k = nextSuffix.getOrDefault(name, 1);
                do {
                    unique = name + "." + k++;
                } while (!seen.add(unique));
                nextSuffix.put(name, k);
            }
            names.add(unique);
        }
        return names;
    }

    /** Splits the text into rows of fields. */
    static List<List<String>> records(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean fieldStarted = false;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < n && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.length() == 0) {
                quoted = true;
                fieldStarted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
                fieldStarted = true;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++;
                }
                endRow(rows, row, field, fieldStarted);
                row = new ArrayList<>();
                fieldStarted = false;
            } else {
                field.append(c);
                fieldStarted = true;
            }
            i++;
        }
        if (quoted) {
            throw ScoringError.csvNotParsed(
                    "Error tokenizing data. C error: EOF inside string starting at row " + rows.size());
        }
        endRow(rows, row, field, fieldStarted);
        return rows;
    }

    private static void endRow(List<List<String>> rows, List<String> row, StringBuilder field, boolean fieldStarted) {
        if (fieldStarted || !row.isEmpty()) {
            row.add(field.toString());
            rows.add(row);
        }
        field.setLength(0);
    }
}
