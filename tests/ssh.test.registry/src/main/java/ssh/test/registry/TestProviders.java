package ssh.test.registry;

import java.util.EnumSet;
import java.util.Set;
import ssh.api.crypto.Primitive;
import ssh.api.spi.CryptoProvider;

/** Two crypto providers with different, overlapping capabilities. */
public final class TestProviders {
    private TestProviders() {
    }

    abstract static class Fixed implements CryptoProvider {
        private final String name;
        private final Set<Primitive> supported;

        Fixed(String name, Set<Primitive> supported) {
            this.name = name;
            this.supported = supported;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public boolean supports(Primitive primitive) {
            return supported.contains(primitive);
        }
    }

    /** Supplies AES-CTR, ChaCha20 and Poly1305. */
    public static final class Alpha extends Fixed {
        public Alpha() {
            super("alpha", EnumSet.of(Primitive.AES_CTR, Primitive.CHACHA20, Primitive.POLY1305));
        }
    }

    /** Supplies sntrup761, AES-GCM and AES-CTR. */
    public static final class Beta extends Fixed {
        public Beta() {
            super("beta", EnumSet.of(Primitive.SNTRUP761, Primitive.AES_GCM, Primitive.AES_CTR));
        }
    }
}
