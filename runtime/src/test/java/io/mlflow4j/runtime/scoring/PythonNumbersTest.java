package io.mlflow4j.runtime.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mlflow4j.runtime.data.Column;
import io.mlflow4j.runtime.data.DataType;
import io.mlflow4j.runtime.data.Table;
import io.mlflow4j.runtime.data.Tensor;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Floats in predictions are written as MLflow's server writes them, with Python's repr: the
 * expected texts are what real MLflow 3.11.1's {@code predictions_to_json} wrote for the same
 * values (float32 ones widened to the Python float {@code to_dict()} and {@code tolist()} give).
 */
class PythonNumbersTest {
    static final double[] DOUBLES = {
        1.435337180737406E-4,
        1.0,
        1e16,
        1.2345678901234568E17,
        1e-5,
        1e-7,
        2.0000000000000018,
        1e22,
        5e-324,
        -0.0,
        123456.789,
        Double.NaN,
        Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY
    };
    static final String PYTHON =
            "0.0001435337180737406, 1.0, 1e+16, 1.2345678901234568e+17, 1e-05, 1e-07, 2.0000000000000018,"
                    + " 1e+22, 5e-324, -0.0, 123456.789, NaN, Infinity, -Infinity";

    static String text(byte[] json) {
        return new String(json, StandardCharsets.UTF_8);
    }

    @Test
    void aDoubleColumnIsWrittenWithPythonsRepr() {
        assertEquals(
                "{\"predictions\": [" + PYTHON + "]}",
                text(PredictionWriter.write(Table.of(Column.ofDoubles(null, DOUBLES)))));
        assertEquals(
                "{\"predictions\": [{\"d\": 0.0001435337180737406, \"n\": NaN}, {\"d\": 1e+16, \"n\": Infinity}]}",
                text(PredictionWriter.write(Table.of(
                        Column.ofDoubles("d", new double[] {1.435337180737406E-4, 1e16}),
                        Column.ofDoubles("n", new double[] {Double.NaN, Double.POSITIVE_INFINITY})))));
    }

    @Test
    void aFloat32ColumnIsTheWidenedPythonFloat() {
        assertEquals(
                "{\"predictions\": [{\"f\": 0.10000000149011612}, {\"f\": 9.999999747378752e-06}, {\"f\": 0.25}]}",
                text(PredictionWriter.write(Table.of(Column.ofFloats("f", new float[] {0.1f, 1e-5f, 0.25f})))));
    }

    @Test
    void tensorsAndNestedCellsToo() {
        Tensor doubles = Tensor.of(null, DOUBLES.clone(), DOUBLES.length);
        assertEquals("{\"predictions\": [" + PYTHON + "]}", text(PredictionWriter.writeTensors(List.of(doubles))));
        Tensor floats = Tensor.of(null, new float[] {0.1f, 1e-5f, 1e22f}, 3);
        assertEquals(
                "{\"predictions\": [0.10000000149011612, 9.999999747378752e-06, 9.999999778196308e+21]}",
                text(PredictionWriter.writeTensors(List.of(floats))));
        Object cell = Map.of("x", List.of(1.435337180737406E-4, 1e16, Double.NaN));
        assertEquals(
                "{\"predictions\": [{\"x\": [0.0001435337180737406, 1e+16, NaN]}]}",
                text(PredictionWriter.write(Table.of(Column.ofNested(null, DataType.MAP, new Object[] {cell})))));
    }
}
