package io.mlflow4j.runtime.scoring;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.mlflow4j.runtime.schema.ModelSignature;
import io.mlflow4j.runtime.schema.Schema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an {@code application/json} request as MLflow's scoring server does: a JSON object with
 * exactly one of {@code dataframe_split}, {@code dataframe_records}, {@code instances} or
 * {@code inputs}, and optionally {@code params}; other keys are ignored. The input becomes an
 * {@link InputFrame} ({@link JsonForms} knows each form's shapes); typing it is the next stage's job.
 */
final class JsonPayloads {
    static final String FORMATS = "{'instances', 'dataframe_split', 'dataframe_records', 'inputs'}";
    private static final List<String> FORMAT_KEYS =
            List.of("dataframe_split", "dataframe_records", "instances", "inputs");
    private static final int MAX_ECHO = 1000;

    /**
     * Python's {@code json.loads} reads NaN and Infinity; nesting is bounded so deep payloads fail fast.
     * Strings are not: the request's size limit (the server's {@code --max-request-size}, checked
     * before parsing) bounds them, and Jackson's own 20 MB default would refuse a request under that
     * limit citing a setting the user cannot change.
     */
    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(200)
                            .maxStringLength(Integer.MAX_VALUE)
                            .build())
                    .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
                    .build())
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    static final ObjectReader VALUE_READER =
            MAPPER.readerFor(JsonNode.class).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonPayloads() {}

    static boolean isFormatKey(String key) {
        return FORMAT_KEYS.contains(key);
    }

    /** Reads the body into one frame; the form and the signature decide nothing but its shape. */
    static ScoringRequest read(byte[] body, ModelSignature signature) {
        Schema schema = signature == null ? null : signature.inputs();
        boolean tensors = schema != null && schema.isTensor();
        if (!tensors) {
            SplitStream.Read split = SplitStream.read(VALUE_READER, body);
            if (split != null) {
                return new ScoringRequest(
                        PayloadForm.DATAFRAME_SPLIT, split.frame(), params(split.params(), signature));
            }
        }
        JsonNode root = decode(body);
        if (!root.isObject()) {
            throw ScoringError.badRequest("Invalid input. The input must be a JSON dictionary with exactly one of the"
                    + " input fields " + FORMATS + ". Received a "
                    + (root.isArray() ? "list" : PythonNames.pythonType(root)) + ".");
        }
        List<String> present = new ArrayList<>();
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (FORMAT_KEYS.contains(key)) {
                present.add(key);
            }
        }
        if (present.size() != 1) {
            List<String> quoted = new ArrayList<>();
            present.forEach(k -> quoted.add("'" + k + "'"));
            throw ScoringError.badRequest("The input must be a JSON dictionary with exactly one of the input fields "
                    + FORMATS + ". Received dictionary with input fields: " + quoted + ". "
                    + ContentTypes.PROTOCOL_CHANGE_INFO);
        }
        PayloadForm form = PayloadForm.ofKey(present.get(0));
        JsonNode data = root.get(form.key());
        InputFrame frame = switch (form) {
            case DATAFRAME_SPLIT -> JsonForms.dataframeSplit(data);
            case DATAFRAME_RECORDS -> JsonForms.dataframeRecords(data);
            case INSTANCES -> tensors ? JsonForms.tensorInstances(data, schema) : JsonForms.instances(data, schema);
            default -> tensors ? JsonForms.tensorInputs(data, schema) : JsonForms.inputs(data, schema);
        };
        return new ScoringRequest(form, frame, params(root.get("params"), signature));
    }

    private static JsonNode decode(byte[] body) {
        try {
            JsonNode root = MAPPER.readTree(body);
            if (root == null || root.isMissingNode()) {
                throw ScoringError.badRequest("Invalid input. Ensure that input is a valid JSON formatted string."
                        + " Error: 'Expecting value: line 1 column 1 (char 0)'\nInput: \n" + echo(body) + "\n");
            }
            return root;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null
                    ? ""
                    : ": line " + e.getLocation().getLineNr() + " column "
                            + e.getLocation().getColumnNr();
            throw ScoringError.badRequest("Invalid input. Ensure that input is a valid JSON formatted string. Error: '"
                    + e.getOriginalMessage() + where + "'\nInput: \n" + echo(body) + "\n");
        } catch (IOException e) {
            throw ScoringError.badRequest("Invalid input. Could not read the JSON payload: " + e.getMessage());
        }
    }

    /**
     * The params as Java values for the params enforcer. Params that are not a dictionary are an
     * error when the model declares params, and ignored otherwise, as in MLflow.
     */
    private static Map<String, Object> params(JsonNode params, ModelSignature signature) {
        if (params == null || params.isNull()) {
            return null;
        }
        if (!params.isObject()) {
            if (signature != null && signature.params() != null) {
                throw ScoringError.invalidParameter(
                        "Parameters must be a dictionary. Got type '" + PythonNames.pythonType(params) + "'.");
            }
            return null;
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : params.properties()) {
            values.put(e.getKey(), JsonValues.toJava(e.getValue()));
        }
        return values;
    }

    private static String echo(byte[] body) {
        String text = new String(body, 0, Math.min(body.length, MAX_ECHO * 4), StandardCharsets.UTF_8);
        return text.length() > MAX_ECHO ? text.substring(0, MAX_ECHO) + "... (" + body.length + " bytes in all)" : text;
    }
}
