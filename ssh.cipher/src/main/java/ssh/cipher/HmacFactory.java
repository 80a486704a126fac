package ssh.cipher;

import java.util.Set;
import ssh.api.SshException;
import ssh.api.crypto.MacPrimitive;
import ssh.api.crypto.Primitive;
import ssh.api.spi.CryptoProvider;
import ssh.api.spi.MacFactory;
import ssh.api.spi.PacketMac;

/**
 * The shared shape of the HMAC packet MACs (RFC 4253 section 6.4, RFC 6668, OpenSSH's
 * encrypt-then-MAC forms): an HMAC primitive, a key as long as its digest, and the MAC, possibly
 * truncated.
 */
abstract class HmacFactory implements MacFactory {
    private final String name;
    private final Primitive primitive;
    private final int keyLength;
    private final int macLength;
    private final boolean encryptThenMac;

    HmacFactory(String name, Primitive primitive, int keyLength, int macLength, boolean encryptThenMac) {
        this.name = name;
        this.primitive = primitive;
        this.keyLength = keyLength;
        this.macLength = macLength;
        this.encryptThenMac = encryptThenMac;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Set<Primitive> requiredPrimitives() {
        return Set.of(primitive);
    }

    @Override
    public final int keyLength() {
        return keyLength;
    }

    @Override
    public final int macLength() {
        return macLength;
    }

    @Override
    public final boolean isEncryptThenMac() {
        return encryptThenMac;
    }

    @Override
    public final PacketMac create(byte[] key, CryptoProvider crypto) throws SshException {
        Checks.length(name, "key", key, keyLength);
        MacPrimitive mac = crypto.mac(primitive);
        if (mac.length() < macLength) {
            throw new SshException(name + " needs " + macLength + " MAC bytes; the provider's " + primitive
                    + " gives " + mac.length());
        }
        mac.init(key);
        return new HmacPacketMac(name, mac, keyLength, macLength);
    }

    @Override
    public String toString() {
        return name;
    }
}
