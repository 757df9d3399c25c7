package io.mlflow4j.examples.iris;

import io.mlflow4j.runtime.LoadedModel;
import io.mlflow4j.runtime.MlflowModels;
import io.mlflow4j.runtime.data.Column;
import io.mlflow4j.runtime.data.Table;

/** Run in a child JVM by {@link SeparateJvmLoadTest}; uses only the runtime's API. */
public final class PredictInFreshJvm {
    private PredictInFreshJvm() {}

    public static void main(String[] args) throws Exception {
        try {
            Class.forName("io.mlflow4j.examples.iris.IrisClassifier");
            System.out.println("model class unexpectedly on class path");
            System.exit(2);
        } catch (ClassNotFoundException expected) {
            System.out.println("model class not on class path");
        }
        try (LoadedModel model = MlflowModels.load(args[0])) {
            Table out = model.predict(Table.of(
                    Column.ofDoubles("sepal_length", new double[] {5.1, 6.7}),
                    Column.ofDoubles("sepal_width", new double[] {3.5, 3.0}),
                    Column.ofDoubles("petal_length", new double[] {1.4, 5.2})));
            System.out.println("prediction " + out.column("species").getString(0) + " "
                    + out.column("species").getString(1));
        }
    }
}
