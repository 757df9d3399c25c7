package io.mlflow4j.examples.orders;

import io.mlflow4j.runtime.ActiveRun;
import io.mlflow4j.runtime.LoadedModel;
import io.mlflow4j.runtime.Mlflow;
import io.mlflow4j.runtime.MlflowModels;
import io.mlflow4j.runtime.ModelInfo;
import io.mlflow4j.runtime.data.Column;
import io.mlflow4j.runtime.data.Table;
import io.mlflow4j.runtime.schema.DataType;
import java.util.List;
import java.util.Map;

/**
 * Logs the rules model with nested columns, loads it back from its runs:/ URI and scores an order,
 * typed and through a table of nested cells.
 * Run: {@code ./mvnw -B -q -pl examples exec:java -Dexec.mainClass=io.mlflow4j.examples.orders.OrderRiskExample}
 */
public final class OrderRiskExample {
    private OrderRiskExample() {}

    public record Result(String modelUri, OrderRisk.Risk typed, Table generic) {}

    public static void main(String[] args) throws Exception {
        Result result = run();
        System.out.println("Logged model: " + result.modelUri());
        System.out.println("Typed load:   " + result.typed());
        System.out.println("Generic load: " + result.generic());
    }

    public static Result run() throws Exception {
        ModelInfo info;
        try (ActiveRun run = Mlflow.startRun("orders")) {
            run.logParam("rules", 3);
            info = OrderRiskLogger.log(new OrderRisk(), run, "model");
        }
        OrderRisk.Order order = new OrderRisk.Order("c-9", List.of(new OrderRisk.Item("laptop", 1, 1800.0)),
                Map.of("ip_country_mismatch", 1.0), List.of("first_order"));
        OrderRisk.Risk typed = OrderRiskLogger.load(info.modelUri()).score(order, 1000.0);
        try (LoadedModel loaded = MlflowModels.load(info.modelUri())) {
            Table generic = loaded.predict(Table.of(
                    Column.ofStrings("customer", new String[] {"c-9"}),
                    Column.ofNested("items", DataType.ARRAY, new Object[] {List.of(Map.of("sku", "laptop", "quantity", 1, "price", 1800.0))}),
                    Column.ofNested("signals", DataType.OBJECT, new Object[] {Map.of("ip_country_mismatch", 1.0)}),
                    Column.ofNested("tags", DataType.ARRAY, new Object[] {List.of("first_order")})));
            return new Result(info.modelUri(), typed, generic);
        }
    }
}
