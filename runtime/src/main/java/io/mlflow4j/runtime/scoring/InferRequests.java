package io.mlflow4j.runtime.scoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.mlflow4j.runtime.data.Column;
import io.mlflow4j.runtime.data.DataType;
import io.mlflow4j.runtime.data.Datetimes;
import io.mlflow4j.runtime.data.Table;
import io.mlflow4j.runtime.data.Tensor;
import io.mlflow4j.runtime.schema.ColSpec;
import io.mlflow4j.runtime.schema.ModelSignature;
import io.mlflow4j.runtime.schema.Schema;
import java.io.IOException;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an Open Inference Protocol infer request ({@code {"id": ..., "parameters": {...}, "inputs":
 * [{"name", "shape", "datatype", "data", "parameters"}]}}) as MLServer's MLflow runtime decodes it:
 * for a column signature each input is a column named after it (shape {@code [N]} or
 * {@code [N, 1]}, typed by its datatype; BYTES by its content type: text, base64, datetime or JSON);
 * for a tensor signature each input is a tensor (one, for an unnamed signature). The request's
 * {@code parameters}, but {@code content_type} and {@code headers}, are the model's params. The
 * model's own schema enforcement then runs, as MLflow's {@code pyfunc.predict} does inside MLServer.
 */
final class InferRequests {
    private InferRequests() {}

    /** A decoded request: the prepared input and the id its answer carries. */
    record Decoded(PreparedRequest request, String id) {}

    static JsonNode parse(byte[] body) {
        try {
            JsonNode root = JsonPayloads.VALUE_READER.readTree(body);
            if (root == null || root.isMissingNode()) {
                throw V2Error.unprocessable("The body is empty. Send a JSON object with \"inputs\".");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw V2Error.unprocessable("The body is not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null
                            ? ""
                            : " at line " + e.getLocation().getLineNr() + " column "
                                    + e.getLocation().getColumnNr())
                    + ".");
        } catch (IOException e) {
            throw V2Error.unprocessable("The body could not be read: " + e.getMessage());
        }
    }

    static PreparedRequest decode(JsonNode root, ModelSignature signature, AnswerFormat format) {
        if (!root.isObject()) {
            throw V2Error.unprocessable(
                    "An infer request is a JSON object with \"inputs\", not a " + PythonNames.pythonType(root) + ".");
        }
        JsonNode inputs = root.get("inputs");
        if (inputs == null || !inputs.isArray()) {
            throw V2Error.unprocessable("The request has no \"inputs\" list. Send {\"inputs\": [{\"name\": ...,"
                    + " \"shape\": [...], \"datatype\": ..., \"data\": [...]}]}.");
        }
        List<Input> read = new ArrayList<>();
        for (JsonNode input : inputs) {
            read.add(Input.read(input));
        }
        Map<String, Object> params = params(root.get("parameters"));
        Schema schema = signature == null ? null : signature.inputs();
        if (schema != null && schema.isTensor()) {
            return PreparedRequest.ofTensors(tensors(read, schema), params, format);
        }
        return PreparedRequest.ofTable(table(read, schema), params, format);
    }

    /** The request's parameters as the model's params: all but content_type and headers. */
    private static Map<String, Object> params(JsonNode parameters) {
        if (parameters == null || parameters.isNull()) {
            return null;
        }
        if (!parameters.isObject()) {
            throw V2Error.unprocessable(
                    "\"parameters\" must be a JSON object, not a " + PythonNames.pythonType(parameters) + ".");
        }
        Map<String, Object> params = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : parameters.properties()) {
            if (!e.getKey().equals("content_type") && !e.getKey().equals("headers")) {
                params.put(e.getKey(), JsonValues.toJava(e.getValue()));
            }
        }
        return params.isEmpty() ? null : params;
    }

    private static Table table(List<Input> inputs, Schema schema) {
        Map<String, ColSpec> specs = new HashMap<>();
        if (schema != null && schema.hasNames()) {
            schema.columns().forEach(c -> specs.put(c.name(), c));
        }
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            Input input = inputs.get(i);
            ColSpec spec = specs.get(input.name());
            if (spec == null
                    && schema != null
                    && !schema.hasNames()
                    && i < schema.columns().size()) {
                spec = schema.columns().get(i);
            }
            columns.add(column(input, spec));
        }
        try {
            return new Table(columns);
        } catch (IllegalArgumentException e) {
            throw V2Error.badRequest(V2Error.CODEC + e.getMessage() + " Send each input once.");
        }
    }

    private static Column column(Input input, ColSpec spec) {
        if (input.shape().length > 2 || (input.shape().length == 2 && input.shape()[1] != 1)) {
            throw V2Error.badRequest(V2Error.CODEC + "input '" + input.name() + "' has shape " + input.shapeText()
                    + "; a column takes [N] or [N, 1].");
        }
        DataType numeric = V2Types.columnType(input.datatype());
        List<JsonNode> values = input.values();
        Object[] cells = new Object[values.size()];
        if (numeric != null) {
            for (int r = 0; r < cells.length; r++) {
                cells[r] = number(input, values.get(r), numeric);
            }
            return Column.ofBoxed(input.name(), numeric, cells);
        }
        String contentType =
                input.contentType() != null ? input.contentType() : spec != null ? V2Types.contentType(spec) : "str";
        DataType type = switch (contentType) {
            case "base64" -> DataType.BINARY;
            case "datetime" -> DataType.DATETIME;
            case "pd_json" -> spec != null && spec.type().isNested() ? spec.type() : DataType.OBJECT;
            default -> DataType.STRING;
        };
        for (int r = 0; r < cells.length; r++) {
            JsonNode v = values.get(r);
            if (v.isNull()) {
                continue;
            }
            if (!v.isTextual()) {
                throw V2Error.badRequest(V2Error.CODEC + "input '" + input.name() + "' is BYTES, so its data holds"
                        + " strings, but item " + r + " is " + v + ".");
            }
            cells[r] = text(input, v.textValue(), type);
        }
        return type.isNested() ? Column.ofNested(input.name(), type, cells) : Column.ofBoxed(input.name(), type, cells);
    }

    private static Object text(Input input, String text, DataType type) {
        try {
            return switch (type) {
                case BINARY -> Base64.getMimeDecoder().decode(text);
                case DATETIME -> Datetimes.parseToEpochNanos(text);
                case ARRAY, OBJECT, MAP -> JsonValues.toJava(JsonPayloads.VALUE_READER.readTree(text));
                default -> text;
            };
        } catch (IllegalArgumentException | DateTimeException | ArithmeticException | IOException e) {
            throw V2Error.badRequest(V2Error.CODEC + "input '" + input.name() + "' holds " + PythonNames.pyRepr(text)
                    + ", which is not "
                    + (type == DataType.BINARY ? "base64" : type == DataType.DATETIME ? "an ISO date and time" : "JSON")
                    + ".");
        }
    }

    private static Object number(Input input, JsonNode v, DataType type) {
        if (v.isNull() && (type == DataType.FLOAT || type == DataType.DOUBLE)) {
            return null; // numpy reads None as NaN in a float array: a missing value
        }
        boolean fits = switch (type) {
            case BOOLEAN -> v.isBoolean();
            case INTEGER -> v.isIntegralNumber() && v.canConvertToInt();
            case LONG -> v.isIntegralNumber() && v.canConvertToLong();
            default -> v.isNumber();
        };
        if (!fits) {
            throw V2Error.badRequest(V2Error.CODEC + "input '" + input.name() + "' is " + input.datatype()
                    + ", but item " + v + " is not "
                    + (type == DataType.BOOLEAN
                            ? "true or false"
                            : type == DataType.INTEGER || type == DataType.LONG
                                    ? "an integer in its range"
                                    : "a number")
                    + ".");
        }
        return switch (type) {
            case BOOLEAN -> v.booleanValue();
            case INTEGER -> v.intValue();
            case LONG -> v.longValue();
            case FLOAT -> v.floatValue();
            default -> v.doubleValue();
        };
    }

    private static List<Tensor> tensors(List<Input> inputs, Schema schema) {
        if (!schema.hasNames() && inputs.size() != 1) {
            throw V2Error.badRequest(V2Error.CODEC + "The 'np' codec only supports a single input tensor ("
                    + inputs.size() + " were received)");
        }
        List<Tensor> tensors = new ArrayList<>();
        for (Input input : inputs) {
            String dtype = V2Types.tensorDtype(input.datatype());
            if (dtype == null) {
                throw V2Error.badRequest(V2Error.CODEC + "input '" + input.name() + "' is BYTES; this model takes"
                        + " numeric tensors " + schema + ".");
            }
            DataType type = V2Types.columnType(input.datatype());
            List<JsonNode> values = input.values();
            Object data = switch (dtype) {
                case "bool" -> {
                    boolean[] a = new boolean[values.size()];
                    for (int i = 0; i < a.length; i++) a[i] = (Boolean) number(input, values.get(i), type);
                    yield a;
                }
                case "int32" -> {
                    int[] a = new int[values.size()];
                    for (int i = 0; i < a.length; i++) a[i] = (Integer) number(input, values.get(i), type);
                    yield a;
                }
                case "int64" -> {
                    long[] a = new long[values.size()];
                    for (int i = 0; i < a.length; i++) a[i] = (Long) number(input, values.get(i), type);
                    yield a;
                }
                case "float32" -> {
                    float[] a = new float[values.size()];
                    for (int i = 0; i < a.length; i++) {
                        Object v = number(input, values.get(i), type);
                        a[i] = v == null ? Float.NaN : (Float) v;
                    }
                    yield a;
                }
                default -> {
                    double[] a = new double[values.size()];
                    for (int i = 0; i < a.length; i++) {
                        Object v = number(input, values.get(i), type);
                        a[i] = v == null ? Double.NaN : (Double) v;
                    }
                    yield a;
                }
            };
            tensors.add(new Tensor(schema.hasNames() ? input.name() : null, dtype, input.shape(), data));
        }
        return tensors;
    }

    /** One entry of {@code inputs}, checked: its data flattened in row-major order, as many values as its shape holds. */
    private record Input(String name, int[] shape, String datatype, List<JsonNode> values, String contentType) {
        static Input read(JsonNode input) {
            if (!input.isObject()) {
                throw V2Error.unprocessable("Every item of \"inputs\" is an object with name, shape, datatype and"
                        + " data; got " + input + ".");
            }
            JsonNode name = input.get("name");
            JsonNode shape = input.get("shape");
            JsonNode datatype = input.get("datatype");
            JsonNode data = input.get("data");
            if (name == null
                    || !name.isTextual()
                    || shape == null
                    || !shape.isArray()
                    || datatype == null
                    || !datatype.isTextual()
                    || data == null) {
                throw V2Error.unprocessable(
                        "An input needs \"name\" (text), \"shape\" (a list of integers), \"datatype\""
                                + " and \"data\"; got " + input + ".");
            }
            if (!V2Types.DATATYPES.contains(datatype.textValue())) {
                throw V2Error.unprocessable("Input '" + name.textValue() + "' has datatype " + datatype
                        + ". Use one of " + String.join(", ", V2Types.DATATYPES) + ".");
            }
            int[] dims = new int[shape.size()];
            long size = 1;
            for (int i = 0; i < dims.length; i++) {
                JsonNode d = shape.get(i);
                if (!d.isIntegralNumber() || !d.canConvertToInt() || d.intValue() < 0) {
                    throw V2Error.unprocessable("Input '" + name.textValue() + "' has shape " + shape
                            + "; its dimensions are integers of 0 or more.");
                }
                dims[i] = d.intValue();
                size *= dims[i];
            }
            List<JsonNode> values = new ArrayList<>();
            flatten(data, values);
            if (values.size() != size) {
                throw V2Error.badRequest(V2Error.CODEC + "input '" + name.textValue() + "' has " + values.size()
                        + " values, but its shape " + shape + " holds " + size + ".");
            }
            JsonNode parameters = input.get("parameters");
            JsonNode contentType = parameters == null ? null : parameters.get("content_type");
            return new Input(
                    name.textValue(),
                    dims,
                    datatype.textValue(),
                    values,
                    contentType != null && contentType.isTextual() ? contentType.textValue() : null);
        }

        private static void flatten(JsonNode data, List<JsonNode> into) {
            if (data.isArray()) {
                for (JsonNode item : data) {
                    flatten(item, into);
                }
            } else {
                into.add(data);
            }
        }

        String shapeText() {
            StringBuilder s = new StringBuilder("[");
            for (int i = 0; i < shape.length; i++) {
                s.append(i == 0 ? "" : ", ").append(shape[i]);
            }
            return s.append(']').toString();
        }
    }
}
