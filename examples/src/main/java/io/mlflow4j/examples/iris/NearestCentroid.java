package io.mlflow4j.examples.iris;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A nearest-centroid classifier: the mean of each species' measurements, and a softmax over
 * negative distances for a probability. Small, but trained from data and saved to a weights file,
 * like any real model.
 */
final class NearestCentroid {
    private final Map<String, double[]> centroids;

    NearestCentroid(Map<String, double[]> centroids) {
        this.centroids = centroids;
    }

    static NearestCentroid train(List<Flower> flowers, List<String> species) {
        Map<String, double[]> sums = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (int i = 0; i < flowers.size(); i++) {
            double[] f = flowers.get(i).features();
            double[] sum = sums.computeIfAbsent(species.get(i), k -> new double[4]);
            for (int d = 0; d < f.length; d++) {
                sum[d] += f[d];
            }
            counts.merge(species.get(i), 1, Integer::sum);
        }
        Map<String, double[]> centroids = new LinkedHashMap<>();
        sums.forEach((name, sum) -> {
            double[] c = new double[sum.length];
            for (int d = 0; d < c.length; d++) {
                c[d] = sum[d] / counts.get(name);
            }
            centroids.put(name, c);
        });
        return new NearestCentroid(centroids);
    }

    /** The weights file: one line per species, "name m1 m2 m3 m4". */
    void write(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        centroids.forEach((name, c) ->
                lines.add(String.format(Locale.ROOT, "%s %.17g %.17g %.17g %.17g", name, c[0], c[1], c[2], c[3])));
        Files.write(file, lines);
    }

    static NearestCentroid read(Path file) throws IOException {
        Map<String, double[]> centroids = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank()) {
                continue;
            }
            String[] parts = line.trim().split("\\s+");
            double[] c = new double[parts.length - 1];
            for (int d = 0; d < c.length; d++) {
                c[d] = Double.parseDouble(parts[d + 1]);
            }
            centroids.put(parts[0], c);
        }
        if (centroids.isEmpty()) {
            throw new IOException("No centroids in weights file " + file);
        }
        return new NearestCentroid(centroids);
    }

    Prediction classify(double[] features) {
        String best = null;
        double total = 0;
        double bestScore = 0;
        for (Map.Entry<String, double[]> e : centroids.entrySet()) {
            double distance = 0;
            for (int d = 0; d < features.length; d++) { // a missing petal width uses the first three only
                double diff = features[d] - e.getValue()[d];
                distance += diff * diff;
            }
            double score = Math.exp(-Math.sqrt(distance));
            total += score;
            if (best == null || score > bestScore) {
                best = e.getKey();
                bestScore = score;
            }
        }
        return new Prediction(best, bestScore / total);
    }
}
