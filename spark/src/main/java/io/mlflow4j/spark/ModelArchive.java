package io.mlflow4j.spark;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A model folder as bytes, to ship with a Spark job: a zip whose entries are in path order with no
 * timestamps, so the same files give the same bytes, and their SHA-256 is the model's identity.
 */
final class ModelArchive {
    private ModelArchive() {}

    /** The folder's regular files, zipped. */
    static byte[] pack(Path folder) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes);
                Stream<Path> walk = Files.walk(folder)) {
            // Jars, most of a model's bytes, are compressed already: the fastest level is enough.
            zip.setLevel(Deflater.BEST_SPEED);
            List<Path> files = walk.filter(Files::isRegularFile).sorted().toList();
            for (Path file : files) {
                ZipEntry entry = new ZipEntry(folder.relativize(file).toString().replace('\\', '/'));
                entry.setTime(0);
                zip.putNextEntry(entry);
                Files.copy(file, zip);
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not pack the model folder " + folder + ": " + e.getMessage(), e);
        }
        return bytes.toByteArray();
    }

    /** The identity of packed bytes: their SHA-256 in hex. */
    static String identity(byte[] packed) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(packed));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }

    /** Writes the packed files into {@code target}, an empty folder; entries leaving it are refused. */
    static void unpack(byte[] packed, Path target) {
        Path root = target.toAbsolutePath().normalize();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(packed))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                Path file = root.resolve(entry.getName()).normalize();
                if (!file.startsWith(root) || file.equals(root)) {
                    throw new IllegalArgumentException("The shipped model holds the entry '" + entry.getName()
                            + "', which points outside its folder. Ship a model folder written by mlflow4j.");
                }
                Files.createDirectories(file.getParent());
                Files.copy(zip, file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Could not unpack the shipped model into " + target + ": " + e.getMessage(), e);
        }
    }
}
