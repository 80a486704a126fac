package ssh.cipher;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.provider.Arguments;
import ssh.api.SshException;
import ssh.api.algorithms.AlgorithmRegistry;
import ssh.api.algorithms.ProviderChain;
import ssh.api.crypto.Primitive;
import ssh.api.spi.CipherFactory;
import ssh.api.spi.CompressionFactory;
import ssh.api.spi.CryptoProvider;
import ssh.api.spi.MacFactory;

/** Shared test fixtures: the two provider chains, every algorithm of this module, and packet builders. */
final class Fixtures {
    private Fixtures() {
    }

    static final List<String> CHAINS = List.of("jca", "bc");

    static ProviderChain chain(String spec) {
        try {
            return AlgorithmRegistry.load().providerChain(spec);
        } catch (SshException e) {
            throw new AssertionError(e);
        }
    }

    static List<CipherFactory> ciphers() {
        return List.of(new ChaCha20Poly1305(), new Aes128Gcm(), new Aes256Gcm(), new Aes128Ctr(), new Aes192Ctr(),
                new Aes256Ctr(), new Aes128Cbc(), new Aes192Cbc(), new Aes256Cbc(), new TripleDesCbc(),
                new BlowfishCbc());
    }

    static List<MacFactory> macs() {
        return List.of(new HmacSha2256Etm(), new HmacSha2512Etm(), new HmacSha1Etm(), new HmacSha2256(),
                new HmacSha2512(), new HmacSha1(), new HmacSha196(), new HmacMd5(), new HmacMd596());
    }

    static List<CompressionFactory> compressions() {
        return List.of(new NoCompression(), new ZlibOpenSsh(), new Zlib());
    }

    /** Every cipher with every chain, as JUnit arguments. */
    static List<Arguments> cipherCases() {
        List<Arguments> out = new ArrayList<>();
        for (CipherFactory c : ciphers()) {
            for (String chain : CHAINS) {
                out.add(Arguments.of(c, chain));
            }
        }
        return out;
    }

    /** Every MAC with every chain, as JUnit arguments. */
    static List<Arguments> macCases() {
        List<Arguments> out = new ArrayList<>();
        for (MacFactory m : macs()) {
            for (String chain : CHAINS) {
                out.add(Arguments.of(m, chain));
            }
        }
        return out;
    }

    /** Skips the test when the chain cannot run the algorithm on this JVM (the registry would not offer it). */
    static void assumeRuns(CryptoProvider crypto, ssh.api.spi.AlgorithmFactory f) {
        for (Primitive p : f.requiredPrimitives()) {
            assumeTrue(crypto.supports(p), () -> crypto.name() + " cannot supply " + p + " on this JVM");
        }
    }

    static byte[] random(Random rnd, int n) {
        byte[] b = new byte[n];
        rnd.nextBytes(b);
        return b;
    }

    /**
     * A packet of {@code units} cipher blocks after the length field (AEAD) or in all (block ciphers),
     * its length field filled in, with room for the tag after it.
     */
    static byte[] packet(Random rnd, CipherFactory c, int units) {
        int len = packetLength(c, units);
        byte[] buf = random(rnd, len + c.tagLength());
        int packetLength = len - 4;
        buf[0] = (byte) (packetLength >>> 24);
        buf[1] = (byte) (packetLength >>> 16);
        buf[2] = (byte) (packetLength >>> 8);
        buf[3] = (byte) packetLength;
        return buf;
    }

    /** The bytes {@link #packet} covers, without the tag. */
    static int packetLength(CipherFactory c, int units) {
        return c.isAead() ? 4 + units * c.blockSize() : Math.max(1, units) * c.blockSize();
    }
}
