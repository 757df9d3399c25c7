package io.mlflow4j.examples.churn;

import io.mlflow4j.annotations.Column;

/** One customer of a subscription service: the churn model's input row. */
public record Customer(
        @Column("tenure_months") int tenureMonths,
        @Column("monthly_charges") double monthlyCharges,
        @Column("support_calls") int supportCalls,
        @Column("has_contract") boolean hasContract) {

    /** The features in the order the booster was trained on. */
    float[] features() {
        return new float[] {tenureMonths, (float) monthlyCharges, supportCalls, hasContract ? 1f : 0f};
    }

    static final int FEATURES = 4;
}
