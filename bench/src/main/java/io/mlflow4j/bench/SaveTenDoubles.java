package io.mlflow4j.bench;

import java.nio.file.Path;

/** Saves the benchmark model to the folder given as the first argument. */
public final class SaveTenDoubles {
    private SaveTenDoubles() {}

    public static void main(String[] args) {
        System.out.println(TenDoublesLogger.save(new TenDoubles(), Path.of(args[0])));
    }
}
