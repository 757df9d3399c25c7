package io.mlflow4j.examples.iris;

import io.mlflow4j.annotations.Column;

/** One flower's measurements in centimetres: the model's input row. */
public record Flower(
        @Column("sepal_length") double sepalLength,
        @Column("sepal_width") double sepalWidth,
        @Column("petal_length") double petalLength,
        @Column(value = "petal_width", required = false) Double petalWidth) {

    double[] features() {
        return petalWidth == null
                ? new double[] {sepalLength, sepalWidth, petalLength}
                : new double[] {sepalLength, sepalWidth, petalLength, petalWidth};
    }
}
