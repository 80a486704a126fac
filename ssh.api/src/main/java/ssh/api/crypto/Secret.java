package ssh.api.crypto;

import java.util.Arrays;
import javax.security.auth.Destroyable;

/**
 * Secret bytes (a private key's fields, a shared secret, a password) in a type of their own: never
 * printed, wiped by {@link #close()}.
 */
public final class Secret implements Destroyable, AutoCloseable {
    private final byte[] bytes;
    private volatile boolean destroyed;

    private Secret(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Takes ownership of {@code bytes}: the caller must not keep or change them. */
    public static Secret wrap(byte[] bytes) {
        return new Secret(bytes);
    }

    /** Copies {@code bytes}. */
    public static Secret copyOf(byte[] bytes) {
        return new Secret(bytes.clone());
    }

    /** A copy of the secret bytes; the caller wipes it when done. */
    public byte[] bytes() {
        if (destroyed) {
            throw new IllegalStateException("secret was destroyed");
        }
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    @Override
    public void destroy() {
        Arrays.fill(bytes, (byte) 0);
        destroyed = true;
    }

    @Override
    public boolean isDestroyed() {
        return destroyed;
    }

    @Override
    public void close() {
        destroy();
    }

    @Override
    public String toString() {
        return "Secret[" + bytes.length + " bytes, redacted]";
    }
}
