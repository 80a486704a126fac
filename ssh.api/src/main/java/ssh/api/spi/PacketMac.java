package ssh.api.spi;

/** One direction's packet MAC, computed over the sequence number and the packet bytes. */
public interface PacketMac extends AutoCloseable {
    /** Writes the MAC of {@code sequenceNumber || buf[off, off+len)} to {@code out} at {@code outOff}. */
    void compute(int sequenceNumber, byte[] buf, int off, int len, byte[] out, int outOff);

    /** Compares, in constant time, the MAC at {@code mac[macOff]} with the one computed for the packet. */
    boolean verify(int sequenceNumber, byte[] buf, int off, int len, byte[] mac, int macOff);

    /** Wipes key material. */
    @Override
    void close();
}
