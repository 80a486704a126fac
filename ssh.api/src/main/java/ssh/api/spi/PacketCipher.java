package ssh.api.spi;

/**
 * One direction's packet cipher, reused across packets until the next key exchange. It is either
 * a plain {@link BlockPacketCipher}, paired with a MAC by the transport, or an
 * {@link AeadPacketCipher} that owns the packet's length field and tag.
 */
public sealed interface PacketCipher extends AutoCloseable permits BlockPacketCipher, AeadPacketCipher {
    /** Wipes key material; the cipher is unusable afterwards. */
    @Override
    void close();
}
