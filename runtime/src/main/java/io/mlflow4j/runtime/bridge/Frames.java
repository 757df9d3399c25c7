package io.mlflow4j.runtime.bridge;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/** Length-prefixed frames: a little-endian u32 byte count, then the payload. */
final class Frames {
    private Frames() {}

    /** The next frame, or {@code null} at a clean end of stream (the Python side closed the pipe). */
    static ByteBuffer read(InputStream in) throws IOException {
        byte[] header = new byte[4];
        int first = in.read();
        if (first < 0) {
            return null;
        }
        header[0] = (byte) first;
        readFully(in, header, 1, 3);
        int length = WireFormat.order(ByteBuffer.wrap(header)).getInt();
        if (length < 0) {
            throw new IOException("Corrupt frame: length " + Integer.toUnsignedString(length));
        }
        byte[] payload = new byte[length];
        readFully(in, payload, 0, length);
        return WireFormat.order(ByteBuffer.wrap(payload));
    }

    static void write(OutputStream out, ByteBuffer payload) throws IOException {
        byte[] header = new byte[4];
        WireFormat.order(ByteBuffer.wrap(header)).putInt(payload.position());
        out.write(header);
        out.write(payload.array(), payload.arrayOffset(), payload.position());
        out.flush();
    }

    private static void readFully(InputStream in, byte[] buffer, int offset, int length) throws IOException {
        int done = 0;
        while (done < length) {
            int n = in.read(buffer, offset + done, length - done);
            if (n < 0) {
                throw new EOFException("The Python side closed the pipe in the middle of a frame.");
            }
            done += n;
        }
    }
}
