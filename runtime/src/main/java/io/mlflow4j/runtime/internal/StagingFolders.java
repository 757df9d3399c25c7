package io.mlflow4j.runtime.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Staging folders named after the process that owns them ({@code <prefix><pid>-<random>}), so
 * that what a killed process left behind ({@code kill -9} while logging a large artifact) is
 * recognised and deleted by the next process that stages in the same place: a folder whose owner
 * is no longer running is stale.
 */
public final class StagingFolders {
    private static final Logger LOG = LoggerFactory.getLogger(StagingFolders.class);
    private static final long PID = ProcessHandle.current().pid();

    private StagingFolders() {}

    /** Deletes the stale staging folders in {@code parent}, then creates a new one there. */
    public static Path create(Path parent, String prefix) throws IOException {
        Files.createDirectories(parent);
        deleteStale(parent, prefix);
        return Files.createTempDirectory(
                parent, prefix + PID + "-"); // private (rwx------); what is moved out gets ordinary permissions
    }

    /** Deletes the folders {@code <prefix><pid>-*} in {@code parent} whose process is gone. */
    public static void deleteStale(Path parent, String prefix) {
        Pattern name = Pattern.compile(Pattern.quote(prefix) + "(\\d+)-.*");
        try (Stream<Path> children = Files.list(parent)) {
            for (Path child : children.toList()) {
                Matcher m = name.matcher(child.getFileName().toString());
                if (m.matches() && isGone(m.group(1))) {
                    try {
                        AtomicFiles.deleteTree(child);
                        LOG.info(
                                "Deleted {}, left behind by process {}, which is no longer running.",
                                child,
                                m.group(1));
                    } catch (UncheckedIOException e) {
                        LOG.debug("Could not delete the stale staging folder {}: {}", child, e.getMessage());
                    }
                }
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.debug("Could not look for stale staging folders in {}: {}", parent, e.getMessage());
        }
    }

    /**
     * {@link #deleteStale} in every folder directly under {@code parent}: the runs of an experiment,
     * so that staging left in a run nobody writes to again is found by a log to another run.
     */
    public static void deleteStaleInChildren(Path parent, String prefix) {
        try (Stream<Path> children = Files.list(parent)) {
            for (Path child : children.filter(Files::isDirectory).toList()) {
                deleteStale(child, prefix);
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.debug("Could not look for stale staging folders under {}: {}", parent, e.getMessage());
        }
    }

    private static boolean isGone(String pid) {
        try {
            long id = Long.parseLong(pid);
            return id != PID && ProcessHandle.of(id).map(p -> !p.isAlive()).orElse(true);
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
