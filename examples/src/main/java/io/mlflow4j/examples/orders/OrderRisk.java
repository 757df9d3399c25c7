package io.mlflow4j.examples.orders;

import io.mlflow4j.annotations.Column;
import io.mlflow4j.annotations.InputExample;
import io.mlflow4j.annotations.MlflowModel;
import io.mlflow4j.annotations.Param;
import io.mlflow4j.annotations.Predict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fraud risk of e-commerce orders from plain-Java rules: each order has a list of line items
 * (MLflow array of objects), free-form signals (a map) and optional tags (an array of strings).
 */
@MlflowModel(name = "order-risk", description = "Rule-based fraud risk of an order")
public class OrderRisk {
    public record Item(String sku, int quantity, double price) {}

    public record Order(
            String customer,
            List<Item> items,
            Map<String, Double> signals,
            @Column(required = false) List<String> tags) {}

    public record Risk(double total, String level, List<String> reasons) {}

    @Predict
    public Risk score(Order order, @Param(name = "high_total", defaultValue = "1000.0") double highTotal) {
        double total = 0;
        for (Item item : order.items()) {
            total += item.quantity() * item.price();
        }
        List<String> reasons = new ArrayList<>();
        if (total > highTotal) {
            reasons.add("total above " + highTotal);
        }
        if (order.signals().getOrDefault("ip_country_mismatch", 0.0) > 0.5) {
            reasons.add("IP country differs from the billing country");
        }
        if (order.tags() != null && order.tags().contains("first_order")) {
            reasons.add("first order");
        }
        String level = reasons.size() >= 2 ? "high" : reasons.size() == 1 ? "medium" : "low";
        return new Risk(total, level, reasons);
    }

    @InputExample
    static List<Order> example() {
        // No tags as an empty list, not null: MLflow 2.17's schema enforcement refuses a null in an
        // optional array column (MLflow 3 takes it), and the example must work on both.
        return List.of(
                new Order("c-1", List.of(new Item("book", 2, 12.5)), Map.of("ip_country_mismatch", 0.0), List.of()),
                new Order(
                        "c-2",
                        List.of(new Item("phone", 2, 899.0), new Item("case", 1, 19.0)),
                        Map.of("ip_country_mismatch", 1.0),
                        List.of("first_order")));
    }
}
