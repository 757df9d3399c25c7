package io.mlflow4j.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlflow4j.runtime.Reference;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PythonFloatsTest {

    /** Expected texts are what {@code python3 -c 'print(repr(x))'} printed (Python 3.11). */
    @ParameterizedTest(name = "repr({0}) = {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "1.0                    | 1.0",
                "0.5                    | 0.5",
                "0.1                    | 0.1",
                "0.3333333333333333     | 0.3333333333333333",
                "1e16                   | 1e+16",
                "1e-05                  | 1e-05",
                "0.0001                 | 0.0001",
                "123456789012345.0      | 123456789012345.0",
                "1234567890123456.0     | 1234567890123456.0",
                "12345678901234567.0    | 1.2345678901234568e+16",
                "1e15                   | 1000000000000000.0",
                "9999999999999998.0     | 9999999999999998.0",
                "1.5e300                | 1.5e+300",
                "-2.5                   | -2.5",
                "100.0                  | 100.0",
                "0.0                    | 0.0",
                "-0.0                   | -0.0",
                "NaN                    | nan",
                "Infinity               | inf",
                "-Infinity              | -inf",
                "0.30000000000000004    | 0.30000000000000004",
                "9007199254740992.0     | 9007199254740992.0",
                "2.5e-10                | 2.5e-10",
                "1.7976931348623157e308 | 1.7976931348623157e+308",
                // Values where Java 17's Double.toString is not the shortest text (JDK-4511638):
                "4.9e-324               | 5e-324",
                "1e23                   | 1e+23",
                "2e23                   | 2e+23",
                "8.41e21                | 8.41e+21",
                "2.82879384806159e17    | 2.82879384806159e+17",
                "1.9400994884341945e25  | 1.9400994884341945e+25",
            })
    void reprMatchesPython(String javaLiteral, String pythonRepr) {
        double value = Double.parseDouble(javaLiteral);
        assertEquals(pythonRepr, PythonFloats.repr(value));
    }

    @ParameterizedTest(name = "json.dumps({0}) = {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "NaN       | NaN",
                "Infinity  | Infinity",
                "-Infinity | -Infinity",
                "1e16      | 1e+16",
                "0.1       | 0.1",
                "-0.0      | -0.0",
            })
    void jsonMatchesPythonJsonDumps(String javaLiteral, String pythonJson) {
        assertEquals(pythonJson, PythonFloats.json(Double.parseDouble(javaLiteral)));
    }

    /**
     * {@code python_float_repr.txt} holds, for 3,500 doubles (random bit patterns, random values of
     * every magnitude, powers of ten, edge values), the bits, {@code repr(x)} and
     * {@code json.dumps(x)} as Python 3.11 printed them ({@code python_float_repr.py} writes it).
     */
    @Test
    void reprAndJsonMatchPythonForThousandsOfRecordedValues() throws IOException {
        List<Executable> checks = new ArrayList<>();
        int count = 0;
        try (InputStream in = PythonFloatsTest.class.getResourceAsStream("python_float_repr.txt");
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] parts = line.split(" ");
                double value = Double.longBitsToDouble(Long.parseUnsignedLong(parts[0], 16));
                String repr = parts[1];
                String json = parts[2];
                count++;
                checks.add(() -> assertEquals(repr, PythonFloats.repr(value), "repr of bits " + parts[0]));
                checks.add(() -> assertEquals(json, PythonFloats.json(value), "json of bits " + parts[0]));
            }
        }
        assertTrue(count > 3000, "expected the recorded table, read " + count + " values");
        assertAll(checks);
    }

    /** MLflow's file store writes metric lines as "<timestamp> <repr(value)> <step>". */
    @Test
    void referenceMetricFileParsesAndFormatsBackToTheSameText() {
        String recorded =
                Reference.read(Reference.v2("mlruns/932069789314833687/1ab4c4a276324a57b6c1463fae79ba4f/metrics/loss"));
        assertTrue(recorded.endsWith("\n"));
        StringBuilder reformatted = new StringBuilder();
        int lines = 0;
        for (String line : recorded.split("\n")) {
            String[] fields = line.split(" ");
            assertEquals(3, fields.length, line);
            long timestamp = Long.parseLong(fields[0]);
            double value = Double.parseDouble(fields[1]);
            long step = Long.parseLong(fields[2]);
            reformatted
                    .append(timestamp)
                    .append(' ')
                    .append(PythonFloats.repr(value))
                    .append(' ')
                    .append(step)
                    .append('\n');
            lines++;
        }
        assertEquals(3, lines);
        assertEquals(recorded, reformatted.toString());
    }
}
