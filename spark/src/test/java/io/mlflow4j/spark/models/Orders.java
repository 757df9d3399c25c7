package io.mlflow4j.spark.models;

import io.mlflow4j.annotations.Column;
import io.mlflow4j.annotations.MlflowModel;
import io.mlflow4j.annotations.Param;
import io.mlflow4j.annotations.Predict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The orders example's rules: an array of objects, a map and an optional array in; an array out. */
@MlflowModel(name = "order-rules", description = "Rule-based fraud risk of an order")
public class Orders {
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
}
