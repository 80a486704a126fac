package ssh.cipher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import ssh.api.SshMacException;
import ssh.api.crypto.Primitive;
import ssh.api.spi.AeadPacketCipher;
import ssh.api.spi.BlockPacketCipher;
import ssh.api.spi.CipherFactory;
import ssh.api.spi.CryptoProvider;
import ssh.api.spi.MacFactory;
import ssh.api.spi.PacketCipher;
import ssh.api.spi.PacketMac;

/** Random keys, sizes and sequence numbers: round trips, cross-provider agreement, and tamper detection. */
class CipherProperties {
    private final CryptoProvider jca = Fixtures.chain("jca");
    private final CryptoProvider bc = Fixtures.chain("bc");

    @Provide
    Arbitrary<CipherFactory> ciphers() {
        return Arbitraries.of(Fixtures.ciphers());
    }

    @Provide
    Arbitrary<MacFactory> macs() {
        return Arbitraries.of(Fixtures.macs());
    }

    private boolean runs(CryptoProvider p, java.util.Set<Primitive> needs) {
        return needs.stream().allMatch(p::supports);
    }

    private static void send(PacketCipher p, int seq, byte[] buf, int len) throws ssh.api.SshException {
        if (p instanceof AeadPacketCipher a) {
            a.seal(seq, buf, 0, len);
        } else {
            ((BlockPacketCipher) p).update(buf, 0, len);
        }
    }

    @Property(tries = 300)
    void whatOneProviderSendsTheOtherReceives(@ForAll("ciphers") CipherFactory c, @ForAll long seed,
            @ForAll @IntRange(min = 0, max = 300) int units, @ForAll int seq, @ForAll boolean jcaSends)
            throws Exception {
        Assume.that(runs(jca, c.requiredPrimitives()) && runs(bc, c.requiredPrimitives()));
        CryptoProvider sender = jcaSends ? jca : bc;
        CryptoProvider receiver = jcaSends ? bc : jca;
        Random rnd = new Random(seed);
        byte[] key = Fixtures.random(rnd, c.keyLength());
        byte[] iv = Fixtures.random(rnd, c.ivLength());
        byte[] plain = Fixtures.packet(rnd, c, units);
        int len = Fixtures.packetLength(c, units);
        byte[] one = plain.clone();
        byte[] other = plain.clone();
        try (PacketCipher a = c.create(true, key.clone(), iv.clone(), sender);
                PacketCipher b = c.create(true, key.clone(), iv.clone(), receiver);
                PacketCipher r = c.create(false, key.clone(), iv.clone(), receiver)) {
            // A second packet checks that cipher state runs on the same way in both.
            for (int round = 0; round < 2; round++) {
                send(a, seq + round, one, len);
                send(b, seq + round, other, len);
                assertArrayEquals(one, other);
                if (r instanceof AeadPacketCipher ar) {
                    ar.open(seq + round, one, 0, len);
                } else {
                    ((BlockPacketCipher) r).update(one, 0, len);
                }
                assertArrayEquals(Arrays.copyOf(plain, len), Arrays.copyOf(one, len));
                System.arraycopy(plain, 0, one, 0, plain.length);
                System.arraycopy(plain, 0, other, 0, plain.length);
            }
        }
    }

    @Property(tries = 300)
    void aeadRejectsAnyOneFlippedBit(@ForAll("ciphers") CipherFactory c, @ForAll long seed,
            @ForAll @IntRange(min = 0, max = 64) int units, @ForAll int seq, @ForAll int bitChoice,
            @ForAll boolean onJca) throws Exception {
        Assume.that(c.isAead());
        CryptoProvider crypto = onJca ? jca : bc;
        Assume.that(runs(crypto, c.requiredPrimitives()));
        Random rnd = new Random(seed);
        byte[] key = Fixtures.random(rnd, c.keyLength());
        byte[] iv = Fixtures.random(rnd, c.ivLength());
        byte[] buf = Fixtures.packet(rnd, c, units);
        int len = Fixtures.packetLength(c, units);
        try (AeadPacketCipher s = (AeadPacketCipher) c.create(true, key.clone(), iv.clone(), crypto);
                AeadPacketCipher o = (AeadPacketCipher) c.create(false, key.clone(), iv.clone(), crypto)) {
            s.seal(seq, buf, 0, len);
            int bit = Math.floorMod(bitChoice, buf.length * 8);
            buf[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThrows(SshMacException.class, () -> o.open(seq, buf, 0, len));
        }
    }

    @Property(tries = 300)
    void macsAgreeAcrossProvidersAndCatchFlips(@ForAll("macs") MacFactory m, @ForAll long seed,
            @ForAll @IntRange(min = 0, max = 5000) int len, @ForAll int seq, @ForAll int bitChoice) throws Exception {
        Assume.that(runs(jca, m.requiredPrimitives()) && runs(bc, m.requiredPrimitives()));
        Random rnd = new Random(seed);
        byte[] key = Fixtures.random(rnd, m.keyLength());
        byte[] packet = Fixtures.random(rnd, len);
        byte[] a = new byte[m.macLength()];
        byte[] b = new byte[m.macLength()];
        try (PacketMac x = m.create(key.clone(), jca); PacketMac y = m.create(key.clone(), bc)) {
            x.compute(seq, packet, 0, len, a, 0);
            y.compute(seq, packet, 0, len, b, 0);
            assertArrayEquals(a, b);
            int bit = Math.floorMod(bitChoice, a.length * 8);
            a[bit / 8] ^= (byte) (1 << (bit % 8));
            org.junit.jupiter.api.Assertions.assertFalse(y.verify(seq, packet, 0, len, a, 0));
        }
    }
}
