package io.mlflow4j.examples.iris;

import io.mlflow4j.annotations.Artifact;
import io.mlflow4j.annotations.InputExample;
import io.mlflow4j.annotations.Load;
import io.mlflow4j.annotations.MlflowModel;
import io.mlflow4j.annotations.Param;
import io.mlflow4j.annotations.Predict;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Iris species from flower measurements: the model of the README's tour. */
@MlflowModel(name = "iris-classifier", description = "Iris species from flower measurements")
public class IrisClassifier {

    /** The trained centroids; packaged under artifacts/weights, and pointing into the loaded model after loading. */
    @Artifact("weights")
    Path weights;

    private NearestCentroid model;

    @Load
    void load() throws IOException {
        model = NearestCentroid.read(weights);
    }

    /** Sets the weights file to package and loads it, for use right after training. */
    public IrisClassifier withWeights(Path weightsFile) throws IOException {
        this.weights = weightsFile;
        load();
        return this;
    }

    @Predict
    public List<Prediction> predict(
            List<Flower> rows, @Param(name = "threshold", defaultValue = "0.5") double threshold) {
        List<Prediction> predictions = new ArrayList<>(rows.size());
        for (Flower flower : rows) {
            Prediction p = model.classify(flower.features());
            predictions.add(p.probability() >= threshold ? p : new Prediction("unknown", p.probability()));
        }
        return predictions;
    }

    @InputExample
    static List<Flower> example() {
        return List.of(new Flower(5.1, 3.5, 1.4, 0.2), new Flower(6.7, 3.0, 5.2, null));
    }
}
