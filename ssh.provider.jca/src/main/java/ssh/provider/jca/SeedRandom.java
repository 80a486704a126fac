package ssh.provider.jca;

import java.security.SecureRandom;
import java.security.SecureRandomSpi;
import java.util.Arrays;

/**
 * A "random" source that hands out one given seed once and then refuses: the JDK's only public way
 * to turn an EdDSA seed into its public key is its key-pair generator, which draws the seed from
 * the generator's random source. The result is checked by the caller (a signature made from the
 * seed must verify under the public key), so a JDK that drew its seed another way is caught.
 */
final class SeedRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;

    private final Spi seedSpi;

    private SeedRandom(Spi spi) {
        super(spi, null);
        this.seedSpi = spi;
    }

    /** A source whose first and only draw of {@code seed.length} bytes is {@code seed} (copied). */
    static SeedRandom of(byte[] seed) {
        return new SeedRandom(new Spi(seed.clone()));
    }

    /** Wipes the seed if it was not drawn. */
    void wipe() {
        seedSpi.wipe();
    }

    private static final class Spi extends SecureRandomSpi {
        private static final long serialVersionUID = 1L;
        private final byte[] seed;
        private boolean used;

        Spi(byte[] seed) {
            this.seed = seed;
        }

        @Override
        protected void engineSetSeed(byte[] ignored) {
            // The one seed is fixed.
        }

        @Override
        protected void engineNextBytes(byte[] bytes) {
            if (used || bytes.length != seed.length) {
                throw new IllegalStateException("the seed source was asked for "
                        + bytes.length + " bytes after " + (used ? "its one draw" : "none"));
            }
            System.arraycopy(seed, 0, bytes, 0, seed.length);
            used = true;
            wipe();
        }

        @Override
        protected byte[] engineGenerateSeed(int numBytes) {
            throw new IllegalStateException("the seed source makes no seeds");
        }

        void wipe() {
            Arrays.fill(seed, (byte) 0);
        }
    }
}
