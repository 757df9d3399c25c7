package io.mlflow4j.runtime.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlflow4j.runtime.LoadedModel;
import io.mlflow4j.runtime.MlflowModels;
import io.mlflow4j.runtime.error.MlflowException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model folders that name files outside themselves, and MLmodel files that are not what they
 * claim: each is refused with a sentence that names the file and what to do, never loaded, and no
 * message shows another file's content.
 */
class HostileModelFolderTest {
    private static final String SECRET = "SECRET-CONTENT-OUTSIDE-THE-MODEL";

    @TempDir
    Path tmp;

    Path model;
    Path outside;

    @BeforeEach
    void save() throws IOException {
        model = MlflowModels.save(new EchoModelAdapter(), tmp.resolve("model"));
        outside = Files.writeString(tmp.resolve("outside.txt"), SECRET + "\n" + SECRET + "\n");
    }

    private MlflowException refused() {
        MlflowException e = assertThrows(
                MlflowException.class, () -> MlflowModels.load(model.toString()).close());
        assertEquals(MlflowException.ErrorCode.INVALID_PARAMETER_VALUE, e.errorCode());
        assertTrue(e.getMessage().contains("which is outside the model folder"), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET), "no file content in the message: " + e.getMessage());
        return e;
    }

    private void classpath(String... lines) throws IOException {
        Files.writeString(model.resolve(ModelLayout.CLASSPATH_FILE), String.join("\n", lines) + "\n");
    }

    private void mlmodelReplace(String from, String to) throws IOException {
        Path file = model.resolve("MLmodel");
        String text = Files.readString(file);
        assertTrue(text.contains(from), text);
        Files.writeString(file, text.replace(from, to));
    }

    @Test
    void theUntouchedFolderLoads() throws IOException {
        try (LoadedModel loaded = MlflowModels.load(model.toString())) {
            assertTrue(loaded.signature() != null);
        }
    }

    @Test
    void classpathEntriesOutsideTheFolderAreRefused() throws IOException {
        List<String> jars = Files.readAllLines(model.resolve(ModelLayout.CLASSPATH_FILE));
        for (String bad : List.of(
                "../../outside.txt",
                "../../../../../../nowhere/x.jar",
                outside.toString(),
                "jars/../../../outside.txt")) {
            classpath(jars.get(0), bad);
            assertTrue(refused().getMessage().contains("a jar in data/classpath.txt '" + bad + "'"));
        }
    }

    @Test
    void aJarLinkedToAFileOutsideIsRefused() throws IOException {
        Path link = model.resolve("data/jars/linked.jar");
        Files.createSymbolicLink(link, outside);
        classpath("jars/linked.jar");
        refused();
    }

    @Test
    void dataAndClasspathInMlmodelOutsideTheFolderAreRefused() throws IOException {
        mlmodelReplace("classpath: data/classpath.txt", "classpath: ../outside.txt");
        assertTrue(refused().getMessage().contains("its class path file (classpath: in MLmodel) '../outside.txt'"));
        mlmodelReplace("classpath: ../outside.txt", "classpath: data/classpath.txt");
        mlmodelReplace("    data: data\n    java_version", "    data: " + tmp + "\n    java_version");
        refused();
    }

    @Test
    void theBridgesPythonLoaderRefusesThemToo() throws Exception {
        classpath(Files.readAllLines(model.resolve(ModelLayout.CLASSPATH_FILE)).get(0), "../../outside.txt");
        Path loaderDir =
                Paths.get("src/main/resources/io/mlflow4j/runtime/python").toAbsolutePath();
        Process p = new ProcessBuilder(
                        "/usr/bin/python3",
                        "-c",
                        "import sys; sys.path.insert(0, sys.argv[1]);"
                                + " import mlflow4j_loader as m; m._read_model(sys.argv[2])",
                        loaderDir.toString(),
                        model.resolve("data").toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(1, p.exitValue(), output);
        assertTrue(
                output.contains("ValueError: The model at") && output.contains("which is outside the model folder"),
                output);
        assertFalse(output.contains(SECRET), output);
    }

    @Test
    void anMlmodelThatIsNotUtf8SaysSo() throws IOException {
        byte[] text = Files.readAllBytes(model.resolve("MLmodel"));
        byte[] latin1 = new byte[text.length + 1];
        System.arraycopy(text, 0, latin1, 0, 10);
        latin1[10] = (byte) 0xe9; // 'é' in Latin-1
        System.arraycopy(text, 10, latin1, 11, text.length - 10);
        Files.write(model.resolve("MLmodel"), latin1);
        MlflowException e = assertThrows(MlflowException.class, () -> MlmodelFile.read(model));
        assertTrue(
                e.getMessage().contains("MLmodel is not UTF-8 text (the byte at offset 10 is 0xe9)"), e.getMessage());
        assertTrue(e.getMessage().contains("save the file as UTF-8"), e.getMessage());
    }

    @Test
    void aHugeMlmodelIsRefusedBeforeItIsRead() throws IOException {
        try (var out = FileChannel.open(model.resolve("MLmodel"), StandardOpenOption.WRITE)) {
            out.write(ByteBuffer.wrap(new byte[] {' '}), MlmodelFile.MAX_BYTES + 1); // sparse: no disk used
        }
        MlflowException e = assertThrows(MlflowException.class, () -> MlmodelFile.read(model));
        assertTrue(e.getMessage().contains("MLmodel is " + (MlmodelFile.MAX_BYTES + 2) + " bytes"), e.getMessage());
        assertTrue(e.getMessage().contains("mlflow4j reads at most " + MlmodelFile.MAX_BYTES), e.getMessage());
    }
}
