package io.mlflow4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelArchiveTest {
    @TempDir
    Path dir;

    @Test
    void theSameFilesGiveTheSameIdentityWhateverTheirTimesAndUnpackAsTheyWere() throws Exception {
        Path model = Files.createDirectories(dir.resolve("model/data"));
        Files.writeString(dir.resolve("model/MLmodel"), "flavors: {}\n");
        Files.write(model.resolve("weights.bin"), new byte[] {1, 2, 3});
        String identity = ModelArchive.identity(ModelArchive.pack(dir.resolve("model")));

        Files.setLastModifiedTime(model.resolve("weights.bin"), FileTime.fromMillis(0));
        byte[] packed = ModelArchive.pack(dir.resolve("model"));
        assertEquals(identity, ModelArchive.identity(packed));

        Path unpacked = Files.createDirectories(dir.resolve("unpacked"));
        ModelArchive.unpack(packed, unpacked);
        assertEquals("flavors: {}\n", Files.readString(unpacked.resolve("MLmodel")));
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(unpacked.resolve("data/weights.bin")));

        Files.write(model.resolve("weights.bin"), new byte[] {1, 2, 4});
        assertNotEquals(
                identity, ModelArchive.identity(ModelArchive.pack(dir.resolve("model"))), "other bytes, another model");
    }

    @Test
    void anEntryLeavingTheFolderIsRefused() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("../escaped.txt"));
            zip.write(1);
            zip.closeEntry();
        }
        Path target = Files.createDirectories(dir.resolve("target"));
        IllegalArgumentException refused =
                assertThrows(IllegalArgumentException.class, () -> ModelArchive.unpack(bytes.toByteArray(), target));
        assertTrue(
                refused.getMessage().contains("'../escaped.txt', which points outside its folder"),
                refused.getMessage());
        assertFalse(Files.exists(dir.resolve("escaped.txt")));
    }
}
