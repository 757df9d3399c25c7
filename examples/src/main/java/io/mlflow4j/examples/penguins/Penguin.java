package io.mlflow4j.examples.penguins;

import io.mlflow4j.annotations.Column;

/** A penguin's measurements: the Tribuo model's input row. Each column is a Tribuo feature of the same name. */
public record Penguin(
        @Column("bill_length_mm") double billLengthMm,
        @Column("bill_depth_mm") double billDepthMm,
        @Column("flipper_length_mm") double flipperLengthMm,
        @Column("body_mass_kg") double bodyMassKg) {

    static final String[] FEATURES = {"bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_kg"};

    double[] values() {
        return new double[] {billLengthMm, billDepthMm, flipperLengthMm, bodyMassKg};
    }
}
