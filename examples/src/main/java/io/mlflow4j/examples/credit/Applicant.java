package io.mlflow4j.examples.credit;

import io.mlflow4j.annotations.Column;

/** A loan applicant: the ONNX model's input row. */
public record Applicant(
        @Column("debt_to_income") double debtToIncome,
        @Column("credit_utilization") double creditUtilization,
        @Column("late_payments") int latePayments,
        @Column("years_employed") double yearsEmployed) {

    /** Feature names as Tribuo saw them in training. */
    static final String[] FEATURES = {"debt_to_income", "credit_utilization", "late_payments", "years_employed"};

    double value(String feature) {
        return switch (feature) {
            case "debt_to_income" -> debtToIncome;
            case "credit_utilization" -> creditUtilization;
            case "late_payments" -> latePayments;
            case "years_employed" -> yearsEmployed;
            default ->
                throw new IllegalArgumentException("The ONNX model expects an unknown feature '" + feature + "'");
        };
    }

    double[] values() {
        double[] values = new double[FEATURES.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = value(FEATURES[i]);
        }
        return values;
    }
}
