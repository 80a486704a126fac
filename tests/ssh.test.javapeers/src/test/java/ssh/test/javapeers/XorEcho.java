package ssh.test.javapeers;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;
import ssh.connection.SessionHandler;

/**
 * The exec command every peer runs here: it answers each byte of stdin XORed with {@link #KEY}
 * on stdout, and at stdin's end writes the SHA-256 (hex) of all it read to stderr and exits 0.
 * So data checked both ways: what came back must be the transform of what was sent, and the
 * server's digest must be the sender's.
 */
final class XorEcho {
    static final int KEY = 0x5a;
    /** The payload of one run: 1 MiB. */
    static final int SIZE = 1 << 20;
    private static final int BUF = 32 * 1024;

    private XorEcho() {
    }

    /** The secsh server's exec handler. */
    static SessionHandler handler() {
        return s -> {
            s.stderr().write(pump(s.stdin(), s.stdout()).getBytes(StandardCharsets.US_ASCII));
            return 0;
        };
    }

    /** Copies {@code in} to {@code out} XORed, to the end of {@code in}; returns the SHA-256 hex of what it read. */
    static String pump(InputStream in, OutputStream out) throws IOException {
        MessageDigest sha = sha256();
        byte[] buf = new byte[BUF];
        int n;
        while ((n = in.read(buf)) >= 0) {
            sha.update(buf, 0, n);
            xor(buf, n);
            out.write(buf, 0, n);
            out.flush();
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    static byte[] payload(long seed) {
        byte[] data = new byte[SIZE];
        new Random(seed).nextBytes(data);
        return data;
    }

    static byte[] transformed(byte[] data) {
        byte[] copy = data.clone();
        xor(copy, copy.length);
        return copy;
    }

    static String digest(byte[] data) {
        return HexFormat.of().formatHex(sha256().digest(data));
    }

    private static void xor(byte[] buf, int n) {
        for (int i = 0; i < n; i++) {
            buf[i] ^= (byte) KEY;
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A stream that collects bytes (thread-safe: a peer's I/O thread writes while the test reads). */
    static final class Sink extends ByteArrayOutputStream {
        synchronized String text() {
            return toString(StandardCharsets.US_ASCII);
        }
    }
}
