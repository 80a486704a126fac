package ssh.connection;

/**
 * Per-connection channel limits: the window we grant each channel (how much the peer may send
 * before we read it), how far that window may grow, the largest data packet we accept, and how
 * many channels may be open at once.
 *
 * <p>A channel starts with {@code windowSize}. When the peer has used up nearly all of the window
 * while our reader keeps up, the sender is waiting on the window, not on us: the window doubles,
 * up to {@code maxWindowSize}, so a long fat link is not capped at window / round-trip time. Memory
 * per channel stays bounded by {@code maxWindowSize}.
 *
 * @param windowSize the initial window, in bytes
 * @param maxWindowSize the most the window may grow to (equal to {@code windowSize}: a fixed window)
 * @param maxPacket the largest CHANNEL_DATA payload we accept and send
 * @param maxChannels the most channels open at once; the peer's opens beyond it are refused
 */
public record ChannelLimits(int windowSize, int maxWindowSize, int maxPacket, int maxChannels) {
    /** OpenSSH's session values (a 2 MiB window, 32 KiB packets), growing to 32 MiB; at most 64 channels. */
    public static final ChannelLimits DEFAULT = new ChannelLimits(2 * 1024 * 1024, 32 * 1024 * 1024, 32 * 1024, 64);

    /** Checks the values are usable. */
    public ChannelLimits {
        if (maxPacket < 1024 || windowSize < maxPacket || maxWindowSize < windowSize || maxChannels < 1) {
            throw new IllegalArgumentException("need maxPacket >= 1024, windowSize >= maxPacket, "
                    + "maxWindowSize >= windowSize, maxChannels >= 1: " + windowSize + ", " + maxWindowSize + ", "
                    + maxPacket + ", " + maxChannels);
        }
    }

    /** Limits with a window that grows to eight times its start. */
    public ChannelLimits(int windowSize, int maxPacket, int maxChannels) {
        this(windowSize, (int) Math.min(Integer.MAX_VALUE / 2, 8L * windowSize), maxPacket, maxChannels);
    }
}
