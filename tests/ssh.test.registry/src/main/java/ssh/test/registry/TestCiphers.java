package ssh.test.registry;

import java.util.Set;
import ssh.api.SshAlgorithmException;
import ssh.api.SshException;
import ssh.api.crypto.Primitive;
import ssh.api.spi.CipherFactory;
import ssh.api.spi.CryptoProvider;
import ssh.api.spi.PacketCipher;

/**
 * Cipher services as a vendor module would declare them. They only describe themselves: the
 * registry tests never run them.
 */
public final class TestCiphers {
    private TestCiphers() {
    }

    abstract static class Described implements CipherFactory {
        private final String name;
        private final Set<Primitive> needs;
        private final int tag;

        Described(String name, int tag, Primitive... needs) {
            this.name = name;
            this.tag = tag;
            this.needs = Set.of(needs);
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Set<Primitive> requiredPrimitives() {
            return needs;
        }

        @Override
        public int keyLength() {
            return 32;
        }

        @Override
        public int ivLength() {
            return 16;
        }

        @Override
        public int blockSize() {
            return 16;
        }

        @Override
        public int tagLength() {
            return tag;
        }

        @Override
        public PacketCipher create(boolean encrypt, byte[] key, byte[] iv, CryptoProvider crypto) throws SshException {
            throw new SshAlgorithmException(name + " is a registry test double and cannot encrypt");
        }
    }

    public static final class Aes128Ctr extends Described {
        public Aes128Ctr() {
            super("aes128-ctr", 0, Primitive.AES_CTR);
        }
    }

    public static final class Aes256Ctr extends Described {
        public Aes256Ctr() {
            super("aes256-ctr", 0, Primitive.AES_CTR);
        }
    }

    public static final class ChaCha20Poly1305 extends Described {
        public ChaCha20Poly1305() {
            super("chacha20-poly1305@openssh.com", 16, Primitive.CHACHA20, Primitive.POLY1305);
        }
    }

    /** A vendor's own algorithm, under a vendor name, needing a primitive only one test provider has. */
    public static final class VendorAead extends Described {
        public VendorAead() {
            super("vendor-aead@secsh.test", 16, Primitive.SNTRUP761, Primitive.AES_GCM);
        }
    }
}
