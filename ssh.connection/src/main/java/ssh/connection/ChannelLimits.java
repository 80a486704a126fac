package ssh.connection;

/**
 * Per-connection channel limits: the window we grant each channel (how much the peer may send
 * before we read it), the largest data packet we accept, and how many channels may be open at once.
 *
 * @param windowSize bytes the peer may send on a channel before we read them; memory per channel is bounded by it
 * @param maxPacket the largest CHANNEL_DATA payload we accept and send
 * @param maxChannels the most channels open at once; the peer's opens beyond it are refused
 */
public record ChannelLimits(int windowSize, int maxPacket, int maxChannels) {
    /** OpenSSH's session values: a 2 MiB window and 32 KiB packets; at most 64 channels. */
    public static final ChannelLimits DEFAULT = new ChannelLimits(2 * 1024 * 1024, 32 * 1024, 64);

    /** Checks the values are usable. */
    public ChannelLimits {
        if (maxPacket < 1024 || windowSize < maxPacket || maxChannels < 1) {
            throw new IllegalArgumentException("need maxPacket >= 1024, windowSize >= maxPacket, maxChannels >= 1: "
                    + windowSize + ", " + maxPacket + ", " + maxChannels);
        }
    }
}
