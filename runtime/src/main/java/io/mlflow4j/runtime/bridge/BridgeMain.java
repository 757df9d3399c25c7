package io.mlflow4j.runtime.bridge;

import io.mlflow4j.runtime.LoadedModel;
import io.mlflow4j.runtime.MlflowModels;
import io.mlflow4j.runtime.data.Table;
import io.mlflow4j.runtime.data.Tensor;
import io.mlflow4j.runtime.error.MlflowException;
import io.mlflow4j.runtime.error.ModelPredictionException;
import io.mlflow4j.runtime.internal.PythonJson;
import io.mlflow4j.runtime.schema.ModelSignature;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JVM side of the Python bridge, started by the model's loader module as
 * {@code java -cp <model jars> io.mlflow4j.runtime.bridge.BridgeMain <model folder> <parent pid>}.
 * It loads the model, answers one predict frame at a time on stdin/stdout, and exits when stdin
 * closes or the parent process is gone. Everything the model prints goes to stderr, which the
 * Python side forwards to its logging.
 */
public final class BridgeMain {
    static final byte PREDICT = 1;
    static final byte PREDICT_TENSORS = 2;
    static final byte OK = 0;
    static final byte ERROR = 1;

    private BridgeMain() {}

    public static void main(String[] args) throws IOException {
        OutputStream protocolOut = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true)); // keep stdout for frames
        if (args.length < 1) {
            System.err.println("usage: BridgeMain <model folder> [parent pid]");
            System.exit(2);
        }
        if (args.length > 1) {
            ParentWatch.exitWhenGone(Long.parseLong(args[1]));
        }
        InputStream in = new BufferedInputStream(new FileInputStream(FileDescriptor.in), 1 << 16);
        LoadedModel model;
        try {
            model = MlflowModels.load(args[0]);
        } catch (Throwable t) {
            Frames.write(protocolOut, error(t));
            System.exit(1);
            return;
        }
        Frames.write(protocolOut, ready(model));
        serve(model, in, protocolOut);
        System.exit(0);
    }

    static void serve(LoadedModel model, InputStream in, OutputStream out) throws IOException {
        for (ByteBuffer frame = Frames.read(in); frame != null; frame = Frames.read(in)) {
            Frames.write(out, answer(model, frame));
        }
    }

    static ByteBuffer answer(LoadedModel model, ByteBuffer request) {
        try {
            byte kind = request.get();
            if (kind != PREDICT && kind != PREDICT_TENSORS) {
                throw new IllegalArgumentException("Unknown request kind " + kind + ".");
            }
            String paramsJson = WireFormat.readString(request);
            Map<String, Object> params = paramsJson == null || paramsJson.isEmpty() || paramsJson.equals("null")
                    ? null
                    : PythonJson.parseObject(paramsJson);
            if (kind == PREDICT_TENSORS) {
                List<Tensor> output = model.predictTensors(WireFormat.readTensors(request), params);
                ByteBuffer response = WireFormat.order(ByteBuffer.allocate(1 + WireFormat.tensorsSize(output)));
                response.put(OK);
                WireFormat.writeTensors(response, output);
                return response;
            }
            Table input = WireFormat.readTable(request);
            Table output = model.predict(input, params);
            List<byte[][]> strings = new ArrayList<>();
            int size = 1 + WireFormat.tableSize(output, strings);
            ByteBuffer response = WireFormat.order(ByteBuffer.allocate(size));
            response.put(OK);
            WireFormat.writeTable(response, output, strings);
            return response;
        } catch (Throwable t) {
            return error(t);
        }
    }

    private static ByteBuffer ready(LoadedModel model) {
        ModelSignature signature = model.signature();
        String signatureJson = signature == null ? "null" : PythonJson.dumps(signature.toMlmodelMap());
        ByteBuffer frame = WireFormat.order(
                ByteBuffer.allocate(1 + WireFormat.stringSize(signatureJson) + WireFormat.stringSize(model.name())));
        frame.put(OK);
        WireFormat.writeString(frame, signatureJson);
        WireFormat.writeString(frame, model.name());
        return frame;
    }

    /** An error frame: MLflow error code, the Java exception class and its message. */
    static ByteBuffer error(Throwable t) {
        String code = t instanceof MlflowException m
                ? m.errorCode().name()
                : t instanceof ModelPredictionException ? "MODEL_ERROR" : "INTERNAL_ERROR";
        Throwable shown = t instanceof ModelPredictionException && t.getCause() != null ? t.getCause() : t;
        if (!(t instanceof MlflowException)) {
            t.printStackTrace(); // to stderr, so the Python log has the trace
        }
        String message = Optional.ofNullable(t.getMessage()).orElse(shown.toString());
        String type = shown.getClass().getName();
        ByteBuffer frame = WireFormat.order(ByteBuffer.allocate(
                1 + WireFormat.stringSize(code) + WireFormat.stringSize(type) + WireFormat.stringSize(message)));
        frame.put(ERROR);
        WireFormat.writeString(frame, code);
        WireFormat.writeString(frame, type);
        WireFormat.writeString(frame, message);
        return frame;
    }
}
