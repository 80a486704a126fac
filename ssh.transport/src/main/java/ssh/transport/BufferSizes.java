package ssh.transport;

/**
 * How the packet reader's and writer's buffers grow. They start small, since an idle connection
 * should cost little memory; handshake-sized packets grow them by doubling up to 16 KiB, and the
 * first bulk-sized packet takes them straight to at least 64 KiB, so a transfer does not regrow
 * them packet after packet.
 */
final class BufferSizes {
    /** The size buffers start at: enough for the key exchange and login of common algorithms. */
    static final int INITIAL = 2 * 1024;
    private static final int SMALL_LIMIT = 16 * 1024;
    private static final int BULK = 64 * 1024;

    private BufferSizes() {
    }

    /** The new length for a buffer of {@code current} bytes that must hold {@code needed}, at most {@code cap} unless needed. */
    static int grown(int current, int needed, int cap) {
        if (needed <= SMALL_LIMIT) {
            return Math.max(needed, Math.min(current * 2, SMALL_LIMIT));
        }
        return Math.max(needed, Math.min(Math.max(current * 2, BULK), cap));
    }
}
