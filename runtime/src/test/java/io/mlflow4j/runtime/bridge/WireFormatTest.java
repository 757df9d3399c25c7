package io.mlflow4j.runtime.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlflow4j.runtime.data.Column;
import io.mlflow4j.runtime.data.Table;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class WireFormatTest {

    /** An older loader sent pandas' Float64 NA as 0 with the mask set; the mask wins. */
    @Test
    void aMaskedFloatOrDoubleIsNaNWhateverValueWasSent() {
        ByteBuffer frame = WireFormat.order(ByteBuffer.allocate(256));
        frame.putInt(2).putInt(2);
        WireFormat.writeString(frame, "d");
        frame.put((byte) 4).put((byte) 1).put((byte) 0).put((byte) 1);
        frame.putDouble(5.5).putDouble(0.0);
        WireFormat.writeString(frame, "f");
        frame.put((byte) 3).put((byte) 1).put((byte) 1).put((byte) 0);
        frame.putFloat(0f).putFloat(1.5f);
        frame.flip();

        Table table = WireFormat.readTable(frame);
        Column d = table.column("d");
        assertEquals(5.5, d.getDouble(0));
        assertTrue(Double.isNaN(d.getDouble(1)) && d.isMissing(1), "d[1] = " + d.getDouble(1));
        Column f = table.column("f");
        assertTrue(Float.isNaN(f.getFloat(0)) && f.isMissing(0), "f[0] = " + f.getFloat(0));
        assertEquals(1.5f, f.getFloat(1));
    }
}
