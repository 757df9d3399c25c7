package io.mlflow4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Heap per byte of request: a 20 MB {@code dataframe_split} body (about 900,000 rows of 4 doubles),
 * predicted as {@code /invocations} answers it, fits a 240 MB heap, 12 times the body, answer
 * included (7.5 times its size here). Reading the body as a JSON tree needed more than 240 MB
 * (between 12 and 16 times); now it takes between 144 and 160 MB.
 */
class PredictMemoryTest {
    @Test
    void aTwentyMegabyteSplitBodyFitsTwelveTimesItsSizeInHeap(@TempDir Path dir) throws Exception {
        Path model = MainTest.saveIrisModel(dir);
        Path body = dir.resolve("body.json");
        writeSplit(body, 20_000_000);
        Path answer = dir.resolve("answer.json");
        Process process = new ProcessBuilder(
                        Paths.get(System.getProperty("java.home"), "bin", "java")
                                .toString(),
                        "-Xmx240m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        Main.class.getName(),
                        "predict",
                        "-m",
                        model.toString(),
                        "-i",
                        body.toString(),
                        "-o",
                        answer.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("log.txt").toFile())
                .start();
        assertTrue(process.waitFor(300, TimeUnit.SECONDS), "predict did not finish");
        String log = Files.readString(dir.resolve("log.txt"));
        assertEquals(0, process.exitValue(), log.length() > 3000 ? log.substring(0, 3000) : log);
        assertTrue(Files.size(answer) > Files.size(body), "an answer per row");
    }

    private static void writeSplit(Path file, long bytes) throws IOException {
        Random random = new Random(1);
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            out.write("{\"dataframe_split\": {\"columns\": [\"sepal_length\", \"sepal_width\", \"petal_length\","
                    + " \"petal_width\"], \"data\": [");
            long written = 0;
            for (int row = 0; written < bytes; row++) {
                String cells = String.format(
                        Locale.ROOT,
                        "%s[%.1f, %.1f, %.1f, %.1f]",
                        row == 0 ? "" : ", ",
                        4 + 4 * random.nextDouble(),
                        2 + 2.5 * random.nextDouble(),
                        1 + 6 * random.nextDouble(),
                        0.1 + 2.4 * random.nextDouble());
                out.write(cells);
                written += cells.length();
            }
            out.write("]}}");
        }
    }
}
