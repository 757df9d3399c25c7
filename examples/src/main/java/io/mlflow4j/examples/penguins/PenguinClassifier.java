package io.mlflow4j.examples.penguins;

import io.mlflow4j.annotations.Artifact;
import io.mlflow4j.annotations.InputExample;
import io.mlflow4j.annotations.Load;
import io.mlflow4j.annotations.MlflowModel;
import io.mlflow4j.annotations.Predict;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.transform.TransformTrainer;
import org.tribuo.transform.TransformationMap;
import org.tribuo.transform.transformations.MeanStdDevTransformation;

/**
 * Penguin species from four measurements: a Tribuo logistic regression behind a standardizer,
 * stored in Tribuo's own protobuf model format ({@code Model.serializeToFile}), with its
 * provenance (trainer, hyperparameters, data) inside the file.
 */
@MlflowModel(
        name = "penguin-species-tribuo",
        description = "Penguin species from bill, flipper and body measurements (Tribuo)")
public class PenguinClassifier {

    /** Tribuo's serialized model; packaged under artifacts/tribuo-model.pb. */
    @Artifact("tribuo-model.pb")
    Path modelFile;

    private Model<Label> model;

    @Load
    void load() throws IOException {
        model = Model.deserializeFromFile(modelFile).castModel(Label.class);
    }

    @Predict
    public List<SpeciesPrediction> predict(List<Penguin> penguins) {
        List<Example<Label>> examples = new ArrayList<>(penguins.size());
        for (Penguin p : penguins) {
            examples.add(new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, Penguin.FEATURES, p.values()));
        }
        List<SpeciesPrediction> out = new ArrayList<>(penguins.size());
        for (Prediction<Label> prediction : model.predict(examples)) {
            Label label = prediction.getOutput();
            out.add(new SpeciesPrediction(label.getLabel(), label.getScore()));
        }
        return out;
    }

    /** The Tribuo model itself, for evaluation with Tribuo's evaluators. */
    Model<Label> tribuoModel() {
        return model;
    }

    @InputExample
    static List<Penguin> example() {
        return List.of(new Penguin(39.1, 18.7, 181, 3.75), new Penguin(46.5, 14.8, 217, 5.2));
    }

    /** The trainer: features standardized, then a multinomial logistic regression by AdaGrad. */
    static TransformTrainer<Label> trainer(int epochs, double learningRate) {
        LinearSGDTrainer logistic =
                new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(learningRate, 0.1), epochs, 1L);
        return new TransformTrainer<>(
                logistic, new TransformationMap(List.of(new MeanStdDevTransformation()), Map.of()));
    }

    /** Trains on {@code data}, writes Tribuo's model file to {@code file} and returns the model using it. */
    static PenguinClassifier train(Dataset<Label> data, int epochs, double learningRate, Path file) throws IOException {
        Model<Label> trained = trainer(epochs, learningRate).train(data);
        trained.serializeToFile(file);
        PenguinClassifier classifier = new PenguinClassifier();
        classifier.modelFile = file;
        classifier.load();
        return classifier;
    }
}
