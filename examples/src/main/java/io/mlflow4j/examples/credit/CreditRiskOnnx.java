package io.mlflow4j.examples.credit;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.mlflow4j.annotations.Artifact;
import io.mlflow4j.annotations.InputExample;
import io.mlflow4j.annotations.Load;
import io.mlflow4j.annotations.MlflowModel;
import io.mlflow4j.annotations.Param;
import io.mlflow4j.annotations.Predict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Loan default risk served by ONNX Runtime. The artifact is a folder: {@code model.onnx} (here
 * exported by Tribuo, but any ONNX classifier with a float input {@code [N, features]} and class
 * probabilities {@code [N, classes]} out fits), {@code features.txt} (the input's column order) and
 * {@code labels.txt} (the output's class order). Only ONNX Runtime is needed to predict.
 */
@MlflowModel(name = "credit-risk-onnx", description = "Probability that a loan defaults (ONNX Runtime)")
public class CreditRiskOnnx {
    static final String DEFAULT_LABEL = "default";

    /** The exported model and its feature and label order; packaged under artifacts/onnx/. */
    @Artifact("onnx")
    Path onnxFolder;

    private OrtEnvironment env;
    private OrtSession session;
    private String inputName;
    private List<String> features;
    private int defaultIndex;

    @Load
    void load() throws IOException, OrtException {
        features = Files.readAllLines(onnxFolder.resolve("features.txt"));
        List<String> labels = Files.readAllLines(onnxFolder.resolve("labels.txt"));
        defaultIndex = labels.indexOf(DEFAULT_LABEL);
        if (defaultIndex < 0) {
            throw new IOException("labels.txt in " + onnxFolder + " has no '" + DEFAULT_LABEL + "' label: " + labels);
        }
        env = OrtEnvironment.getEnvironment();
        session = env.createSession(onnxFolder.resolve("model.onnx").toString(), new OrtSession.SessionOptions());
        inputName = session.getInputNames().iterator().next();
    }

    @Predict
    public List<CreditRisk> predict(
            List<Applicant> applicants, @Param(name = "threshold", defaultValue = "0.5") double threshold)
            throws OrtException {
        float[][] input = new float[applicants.size()][features.size()];
        for (int i = 0; i < applicants.size(); i++) {
            for (int f = 0; f < features.size(); f++) {
                input[i][f] = (float) applicants.get(i).value(features.get(f));
            }
        }
        // OrtSession.run is thread-safe; tensors and results are native memory, closed here.
        try (OnnxTensor tensor = OnnxTensor.createTensor(env, input);
                OrtSession.Result result = session.run(Map.of(inputName, tensor))) {
            float[][] probabilities = (float[][]) result.get(0).getValue();
            List<CreditRisk> out = new ArrayList<>(applicants.size());
            for (float[] p : probabilities) {
                double risk = p[defaultIndex];
                out.add(new CreditRisk(risk, risk < threshold));
            }
            return out;
        }
    }

    @InputExample
    static List<Applicant> example() {
        return List.of(new Applicant(0.2, 0.3, 0, 8.0), new Applicant(0.6, 0.9, 4, 1.0));
    }
}
