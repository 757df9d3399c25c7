package io.mlflow4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes the model sources the processor benchmark compiles. */
final class BenchModels {
    private BenchModels() {}

    /** Model sources like the README's: a record of five columns in, a record out, a param, an artifact. */
    static List<String> write(Path dir, int count) throws IOException {
        Path pkg = Files.createDirectories(dir.resolve("bench/models"));
        List<String> files = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String name = "Model" + i;
            String source = """
                    package bench.models;

                    import io.mlflow4j.annotations.*;
                    import java.nio.file.Path;
                    import java.util.ArrayList;
                    import java.util.List;

                    @MlflowModel(name = "model-%1$d")
                    public class %2$s {
                        public record In(@Column("a_%1$d") double a, long b, String c, @Column(required = false) Double d, boolean e) {}
                        public record Out(String label, double score) {}

                        @Artifact("weights") Path weights;

                        @Predict
                        public List<Out> predict(List<In> rows, @Param(name = "k", defaultValue = "0.5") double k) {
                            List<Out> out = new ArrayList<>();
                            for (In r : rows) {
                                out.add(new Out(r.c(), r.a() * k + r.b()));
                            }
                            return out;
                        }
                    }
                    """.formatted(i, name);
            Path file = pkg.resolve(name + ".java");
            Files.writeString(file, source);
            files.add(file.toString());
        }
        return files;
    }
}
