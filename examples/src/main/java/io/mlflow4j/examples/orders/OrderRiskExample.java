package io.mlflow4j.examples.orders;

import io.mlflow4j.runtime.ActiveRun;
import io.mlflow4j.runtime.LoadedModel;
import io.mlflow4j.runtime.LogOptions;
import io.mlflow4j.runtime.Mlflow;
import io.mlflow4j.runtime.MlflowModels;
import io.mlflow4j.runtime.ModelInfo;
import io.mlflow4j.runtime.data.Column;
import io.mlflow4j.runtime.data.DataType;
import io.mlflow4j.runtime.data.Table;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Logs the rules model with nested columns, loads it back from its runs:/ URI and scores an order,
 * typed and through a table of nested cells.
 * Run: {@code ./mvnw -B -pl examples exec:java -Dexec.mainClass=io.mlflow4j.examples.orders.OrderRiskExample}
 */
public final class OrderRiskExample {
    /** The registered model each run adds a version to, with the alias "champion" pointing at it. */
    public static final String REGISTERED_NAME = "order-risk";

    private OrderRiskExample() {}

    public record Result(String runId, String modelUri, OrderRisk.Risk typed, Table generic, String registeredUri) {}

    public static void main(String[] args) throws Exception {
        Result result = run();
        System.out.println("Logged model: " + result.modelUri());
        System.out.println("Run id:       " + result.runId());
        System.out.println("Registered:   " + result.registeredUri() + ", alias champion: models:/" + REGISTERED_NAME
                + "@champion");
        System.out.println("Typed load:   " + result.typed());
        System.out.println("Generic load: " + result.generic());
    }

    /**
     * Rules are not trained, but they are measured: scores 500 generated orders whose fraud label
     * follows the same signals noisily, and returns the share rated high, and precision and recall
     * of "high" for fraud.
     */
    static double[] backtest(OrderRisk rules, double highTotal) {
        Random random = new Random(3);
        int high = 0;
        int highAndFraud = 0;
        int fraud = 0;
        for (int i = 0; i < 500; i++) {
            double price = 20 + random.nextDouble() * 900;
            int quantity = 1 + random.nextInt(3);
            boolean mismatch = random.nextDouble() < 0.15;
            boolean first = random.nextDouble() < 0.3;
            double odds = 0.02 + (price * quantity > highTotal ? 0.2 : 0) + (mismatch ? 0.4 : 0) + (first ? 0.1 : 0);
            boolean isFraud = random.nextDouble() < odds;
            OrderRisk.Order order = new OrderRisk.Order(
                    "c-" + i,
                    List.of(new OrderRisk.Item("sku-" + i, quantity, price)),
                    Map.of("ip_country_mismatch", mismatch ? 1.0 : 0.0),
                    first ? List.of("first_order") : List.of());
            boolean isHigh = rules.score(order, highTotal).level().equals("high");
            high += isHigh ? 1 : 0;
            fraud += isFraud ? 1 : 0;
            highAndFraud += isHigh && isFraud ? 1 : 0;
        }
        return new double[] {
            high / 500.0, high == 0 ? 0 : (double) highAndFraud / high, fraud == 0 ? 0 : (double) highAndFraud / fraud
        };
    }

    public static Result run() throws Exception {
        double[] quality = backtest(new OrderRisk(), 1000.0);
        ModelInfo info;
        try (ActiveRun run = Mlflow.startRun("orders")) {
            run.logParam("rules", 3).logParam("high_total", 1000.0);
            run.logMetric("backtest_high_share", quality[0]);
            run.logMetric("backtest_precision_high", quality[1]);
            run.logMetric("backtest_recall_high", quality[2]);
            info = OrderRiskLogger.log(new OrderRisk(), run, "model", LogOptions.registeredModelName(REGISTERED_NAME));
            Mlflow.setRegisteredModelAlias(
                    REGISTERED_NAME, "champion", info.registeredModelVersion().version());
        }
        OrderRisk.Order order = new OrderRisk.Order(
                "c-9",
                List.of(new OrderRisk.Item("laptop", 1, 1800.0)),
                Map.of("ip_country_mismatch", 1.0),
                List.of("first_order"));
        OrderRisk.Risk typed = OrderRiskLogger.load(info.modelUri()).score(order, 1000.0);
        try (LoadedModel loaded = MlflowModels.load(info.modelUri())) {
            Table generic = loaded.predict(Table.of(
                    Column.ofStrings("customer", new String[] {"c-9"}),
                    Column.ofNested("items", DataType.ARRAY, new Object[] {
                        List.of(Map.of("sku", "laptop", "quantity", 1, "price", 1800.0))
                    }),
                    Column.ofNested("signals", DataType.OBJECT, new Object[] {Map.of("ip_country_mismatch", 1.0)}),
                    Column.ofNested("tags", DataType.ARRAY, new Object[] {List.of("first_order")})));
            return new Result(
                    info.runId(),
                    info.modelUri(),
                    typed,
                    generic,
                    info.registeredModelVersion().modelUri());
        }
    }
}
