package io.mlflow4j.examples.support;

import io.mlflow4j.runtime.LoadedModel;
import io.mlflow4j.runtime.MlflowModels;
import io.mlflow4j.runtime.scoring.Invocations;
import io.mlflow4j.runtime.scoring.ScoringResponse;
import java.nio.charset.StandardCharsets;

/**
 * Run in a child JVM by {@link FreshJvm}: loads a model folder with only the runtime on the class
 * path and answers one {@code /invocations} request, as {@code mlflow4j serve} would.
 * Arguments: the model folder, the model class's name (which must not be on the class path), the JSON request.
 */
public final class InvokeInFreshJvm {
    private InvokeInFreshJvm() {}

    public static void main(String[] args) throws Exception {
        try {
            Class.forName(args[1]);
            System.out.println("model class unexpectedly on class path");
            System.exit(2);
        } catch (ClassNotFoundException expected) {
            System.out.println("model class not on class path");
        }
        try (LoadedModel model = MlflowModels.load(args[0])) {
            ScoringResponse response =
                    new Invocations(model).invoke("application/json", args[2].getBytes(StandardCharsets.UTF_8));
            System.out.println("status " + response.status());
            System.out.println("body " + response.bodyText());
        }
    }
}
