package ssh.transport;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import ssh.api.SshMacException;
import ssh.api.algorithms.AlgorithmFamily;
import ssh.api.algorithms.AlgorithmRegistry;
import ssh.api.algorithms.ProviderChain;
import ssh.api.spi.CipherFactory;
import ssh.api.spi.MacFactory;
import ssh.api.spi.PacketMac;

/**
 * Encrypt-and-MAC discard mode: after a length that does not decrypt to a valid one (or a MAC that
 * does not verify), the reader drops input up to the longest packet it accepts before it fails, so
 * the byte count tells an attacker nothing; the dropped bytes also go through the MAC, so that the
 * time taken does not either. This counts what the MAC is given while the reader discards.
 *
 * <p>Fails without the protection: in PacketReader.discardAndFail, remove the two
 * {@code mac.compute} calls: the MAC then sees none of the discarded bytes.
 */
class DiscardModeMacTest {
    private static final int MAX_PACKET = 64 * 1024;

    /** Counts the bytes given to the MAC it wraps. */
    static final class CountingMac implements PacketMac {
        final PacketMac inner;
        long bytes;

        CountingMac(PacketMac inner) {
            this.inner = inner;
        }

        @Override
        public void compute(int sequenceNumber, byte[] buf, int off, int len, byte[] out, int outOff) {
            bytes += len;
            inner.compute(sequenceNumber, buf, off, len, out, outOff);
        }

        @Override
        public boolean verify(int sequenceNumber, byte[] buf, int off, int len, byte[] mac, int macOff) {
            bytes += len;
            return inner.verify(sequenceNumber, buf, off, len, mac, macOff);
        }

        @Override
        public void close() {
            inner.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"aes128-cbc", "3des-cbc"})
    void discardedBytesGoThroughTheMac(String cipher) throws Exception {
        AlgorithmRegistry registry = AlgorithmRegistry.installed();
        ProviderChain crypto = registry.providerChain(null);
        CipherFactory c = registry.find(AlgorithmFamily.CIPHER, cipher).orElseThrow();
        MacFactory m = registry.find(AlgorithmFamily.MAC, "hmac-sha2-256").orElseThrow();
        byte[] key = new byte[c.keyLength()];
        Arrays.fill(key, (byte) 'C');
        byte[] macKey = new byte[m.keyLength()];
        CountingMac mac = new CountingMac(m.create(macKey, crypto));
        // Random bytes: the first block decrypts to a length that is almost surely not a valid one,
        // and if it were, the MAC would not verify; either way the reader goes into discard mode.
        byte[] input = new byte[4 + MAX_PACKET + m.macLength() + 1000];
        new Random(11).nextBytes(input);
        PacketReader reader = new PacketReader(new ByteArrayInputStream(input), MAX_PACKET);
        reader.install(PacketKeys.of(c.create(false, key, new byte[c.ivLength()], crypto), c.blockSize(), 0, mac,
                m.macLength(), false));
        assertThrows(SshMacException.class, reader::read);
        long discarded = 4L + MAX_PACKET + m.macLength() - c.blockSize();
        assertTrue(mac.bytes >= discarded, () -> "the MAC saw " + mac.bytes + " bytes of " + discarded + " discarded");
    }
}
