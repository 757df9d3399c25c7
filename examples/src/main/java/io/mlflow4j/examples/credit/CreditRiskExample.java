package io.mlflow4j.examples.credit;

import io.mlflow4j.runtime.ActiveRun;
import io.mlflow4j.runtime.LoadedModel;
import io.mlflow4j.runtime.LogOptions;
import io.mlflow4j.runtime.Mlflow;
import io.mlflow4j.runtime.MlflowModels;
import io.mlflow4j.runtime.ModelInfo;
import io.mlflow4j.runtime.data.Column;
import io.mlflow4j.runtime.data.Table;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.ONNXExportable;
import org.tribuo.Tribuo;
import org.tribuo.VariableInfo;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.evaluation.LabelEvaluation;
import org.tribuo.classification.evaluation.LabelEvaluator;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Trains a logistic regression with Tribuo on generated loan applicants, exports it to ONNX with
 * Tribuo's exporter, logs the ONNX Runtime model with params and metrics, loads it back from its
 * runs:/ URI and scores applicants, typed and as a table. Tribuo is needed only here, to train;
 * the logged model carries ONNX Runtime alone.
 * Run: {@code ./mvnw -B -pl examples exec:java -Dexec.mainClass=io.mlflow4j.examples.credit.CreditRiskExample}
 * In Python: {@code mlflow.pyfunc.load_model("runs:/<run id>/model").predict(df)}
 */
public final class CreditRiskExample {
    static final int EPOCHS = 10;
    static final double LEARNING_RATE = 0.5;

    /** The registered model each run adds a version to, with the alias "champion" pointing at it. */
    public static final String REGISTERED_NAME = "credit-risk-onnx";

    private CreditRiskExample() {}

    /** What the example produced. */
    public record Result(
            String runId,
            String modelUri,
            double testAccuracy,
            CreditRisk typed,
            Table generic,
            double tribuoProbability,
            String registeredUri) {}

    public static void main(String[] args) throws Exception {
        Result result = run();
        System.out.println("Logged model: " + result.modelUri());
        System.out.println("Run id:       " + result.runId());
        System.out.println("Registered:   " + result.registeredUri() + ", alias champion: models:/" + REGISTERED_NAME
                + "@champion");
        System.out.printf("Accuracy:     held out %.3f%n", result.testAccuracy());
        System.out.println("Typed load:   " + result.typed() + " (Tribuo itself: " + result.tribuoProbability() + ")");
        System.out.println("Generic load: default_probability="
                + result.generic().column("default_probability").getDouble(0) + " approve="
                + result.generic().column("approve").get(0));
        System.out.println("In Python:    mlflow.pyfunc.load_model(\"" + result.modelUri() + "\").predict(df)");
    }

    /** Applicants from a known rule with noise: high debt, high utilization, late payments and a short job make default likely. */
    static MutableDataset<Label> applicants(Random random, int n, String description) {
        LabelFactory labels = new LabelFactory();
        MutableDataset<Label> data = new MutableDataset<>(new SimpleDataSourceProvenance(description, labels), labels);
        for (int i = 0; i < n; i++) {
            Applicant a = new Applicant(
                    random.nextDouble() * 0.8, random.nextDouble(), random.nextInt(6), random.nextDouble() * 20);
            double risk = -1.5
                    + 3.0 * a.debtToIncome()
                    + 2.0 * a.creditUtilization()
                    + 0.6 * a.latePayments()
                    - 0.15 * a.yearsEmployed();
            String outcome =
                    random.nextDouble() < 1 / (1 + Math.exp(-2 * risk)) ? CreditRiskOnnx.DEFAULT_LABEL : "repaid";
            data.add(new ArrayExample<>(new Label(outcome), Applicant.FEATURES, a.values()));
        }
        return data;
    }

    /** Writes Tribuo's ONNX export, and its feature and label order, into {@code folder}. */
    static void exportOnnx(Model<Label> model, Path folder) throws Exception {
        Files.createDirectories(folder);
        ((ONNXExportable) model).saveONNXModel("io.mlflow4j.examples.credit", 1, folder.resolve("model.onnx"));
        // Tribuo numbers features and labels by their ids: write them in that order.
        List<String> features = new ArrayList<>();
        for (VariableInfo info : model.getFeatureIDMap()) {
            features.add(info.getName());
        }
        features.sort(Comparator.comparingInt(name -> model.getFeatureIDMap().getID(name)));
        ImmutableOutputInfo<Label> outputs = model.getOutputIDInfo();
        List<String> labels = new ArrayList<>();
        for (int id = 0; id < outputs.size(); id++) {
            labels.add(outputs.getOutput(id).getLabel());
        }
        Files.write(folder.resolve("features.txt"), features);
        Files.write(folder.resolve("labels.txt"), labels);
    }

    public static Result run() throws Exception {
        Random random = new Random(11);
        MutableDataset<Label> train = applicants(random, 2000, "generated applicants (training)");
        MutableDataset<Label> test = applicants(random, 500, "generated applicants (held out)");
        Model<Label> tribuo =
                new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(LEARNING_RATE, 0.1), EPOCHS, 1L).train(train);
        LabelEvaluation evaluation = new LabelEvaluator().evaluate(tribuo, test);

        Path folder = Files.createTempDirectory("credit-onnx");
        try {
            exportOnnx(tribuo, folder);
            CreditRiskOnnx model = new CreditRiskOnnx();
            model.onnxFolder = folder;
            model.load();

            ModelInfo info;
            try (ActiveRun run = Mlflow.startRun("credit-onnx")) {
                run.logParam(
                        "library",
                        "onnxruntime "
                                + ai.onnxruntime.OrtEnvironment.class
                                        .getPackage()
                                        .getImplementationVersion() + ", trained and exported by tribuo "
                                + Tribuo.VERSION);
                run.logParam("trainer", "LinearSGDTrainer(LogMulticlass, AdaGrad)");
                run.logParam("epochs", EPOCHS).logParam("learning_rate", LEARNING_RATE);
                run.logParam("training_rows", train.size());
                run.logMetric("test_accuracy", evaluation.accuracy());
                run.logMetric("test_auc_default", evaluation.AUCROC(new Label(CreditRiskOnnx.DEFAULT_LABEL)));
                info = CreditRiskOnnxLogger.log(model, run, "model", LogOptions.registeredModelName(REGISTERED_NAME));
                Mlflow.setRegisteredModelAlias(
                        REGISTERED_NAME,
                        "champion",
                        info.registeredModelVersion().version());
            }

            Applicant risky = new Applicant(0.7, 0.95, 5, 0.5);
            double tribuoProbability = tribuo.predict(
                            new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, Applicant.FEATURES, risky.values()))
                    .getOutputScores()
                    .get(CreditRiskOnnx.DEFAULT_LABEL)
                    .getScore();
            CreditRisk typed = CreditRiskOnnxLogger.load(info.modelUri())
                    .predict(List.of(risky), 0.5)
                    .get(0);
            Table generic;
            try (LoadedModel loaded = MlflowModels.load(info.modelUri())) {
                generic = loaded.predict(
                        Table.of(
                                Column.ofDoubles("debt_to_income", new double[] {0.7, 0.1}),
                                Column.ofDoubles("credit_utilization", new double[] {0.95, 0.2}),
                                Column.ofInts("late_payments", new int[] {5, 0}),
                                Column.ofDoubles("years_employed", new double[] {0.5, 12})),
                        Map.of("threshold", 0.5));
            }
            return new Result(
                    info.runId(),
                    info.modelUri(),
                    evaluation.accuracy(),
                    typed,
                    generic,
                    tribuoProbability,
                    info.registeredModelVersion().modelUri());
        } finally {
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
