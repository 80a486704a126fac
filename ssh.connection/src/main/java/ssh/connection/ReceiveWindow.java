package ssh.connection;

/**
 * The window a channel grants its peer (RFC 4254 section 5.2), and its growth: credit is returned
 * once half the window has been read, and the window doubles, up to a bound, when the peer has
 * used all the credit it had before our previous adjust (so it waited on us) while the reader keeps
 * up. Not thread-safe: the channel's lock guards it.
 */
final class ReceiveWindow {
    private final int max;
    private int size;
    /** What the peer may still send. */
    private long remaining;
    private long consumed;
    private long received;
    private long granted;
    private long grantAtLastAdjust;

    ReceiveWindow(int initial, int max) {
        this.size = initial;
        this.max = max;
        this.remaining = initial;
        this.granted = initial;
    }

    int size() {
        return size;
    }

    long remaining() {
        return remaining;
    }

    /** Counts {@code len} received bytes against the window; false (and nothing counted) if they exceed it. */
    boolean take(int len) {
        if (len > remaining) {
            return false;
        }
        remaining -= len;
        received += len;
        return true;
    }

    /**
     * Counts {@code n} bytes the reader took, {@code buffered} still unread; returns the credit to
     * send now in a WINDOW_ADJUST, or 0 while less than half the window has been read.
     */
    long consumed(int n, int buffered) {
        consumed += n;
        if (consumed < size / 2) {
            return 0;
        }
        long adjust = consumed;
        consumed = 0;
        boolean senderWaited = grantAtLastAdjust > 0 && received >= grantAtLastAdjust;
        grantAtLastAdjust = granted;
        if (size < max && senderWaited && buffered < size / 4) {
            int grow = Math.min(size, max - size);
            size += grow;
            adjust += grow;
        }
        remaining += adjust;
        granted += adjust;
        return adjust;
    }
}
