package io.mlflow4j.runtime.store.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Progress of long transfers: bytes and files done, at most once per interval, quiet for short ones. */
class TransferProgressTest {
    @Test
    void reportsBytesAndFilesDoneThenASummary() throws InterruptedException {
        List<String> lines = new ArrayList<>();
        TransferProgress progress = new TransferProgress("Uploading model", 3L << 20, 2, 200_000_000, lines::add);
        Thread.sleep(250);
        progress.fileBytes(1L << 20);
        progress.fileBytes((1L << 20) + 1); // within the interval: no second line
        Thread.sleep(250);
        progress.fileDone(2L << 20);
        progress.finished();
        assertEquals(3, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("Uploading model: 1.0 MiB of 3.0 MiB (33%), 0 of 2 files, "), lines.get(0));
        assertTrue(lines.get(1).startsWith("Uploading model: 2.0 MiB of 3.0 MiB (66%), 1 of 2 files, "), lines.get(1));
        assertTrue(lines.get(2).startsWith("Uploading model: done, 1 files, 2.0 MiB in "), lines.get(2));
    }

    @Test
    void shortTransfersStayQuiet() {
        List<String> lines = new ArrayList<>();
        TransferProgress progress = new TransferProgress("Uploading model", 100, 1, 60_000_000_000L, lines::add);
        progress.fileBytes(100);
        progress.fileDone(100);
        progress.finished();
        assertEquals(List.of(), lines);
    }
}
