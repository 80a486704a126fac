package ssh.cipher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import ssh.api.SshCryptoException;
import ssh.api.crypto.MacPrimitive;
import ssh.api.crypto.Primitive;
import ssh.api.spi.CryptoProvider;
import ssh.api.spi.MacFactory;
import ssh.api.spi.PacketMac;

/** Every HMAC on every provider: it is HMAC(key, uint32 seq || packet) cut to length, and verify is strict. */
class PacketMacTest {
    static List<org.junit.jupiter.params.provider.Arguments> cases() {
        return Fixtures.macCases();
    }

    private static Primitive primitiveOf(MacFactory m) {
        return m.requiredPrimitives().iterator().next();
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("cases")
    void computeIsTruncatedHmacOverSequenceNumberAndPacket(MacFactory m, String chain) throws Exception {
        CryptoProvider crypto = Fixtures.chain(chain);
        Fixtures.assumeRuns(crypto, m);
        Random rnd = new Random(m.name().hashCode());
        byte[] key = Fixtures.random(rnd, m.keyLength());
        MacPrimitive reference = crypto.mac(primitiveOf(m));
        reference.init(key.clone());
        try (PacketMac mac = m.create(key.clone(), crypto)) {
            int[] seqs = {0, 1, 0x7fffffff, 0x80000000, -1};
            for (int seq : seqs) {
                for (int len : new int[] {0, 1, 16, 64, 1000, 35000}) {
                    byte[] buf = Fixtures.random(rnd, len + 10);
                    byte[] out = new byte[m.macLength() + 6];
                    Arrays.fill(out, (byte) 0x77);
                    mac.compute(seq, buf, 5, len, out, 3);

                    byte[] seqBytes = {(byte) (seq >>> 24), (byte) (seq >>> 16), (byte) (seq >>> 8), (byte) seq};
                    reference.update(seqBytes, 0, 4);
                    reference.update(buf, 5, len);
                    byte[] full = new byte[reference.length()];
                    reference.doFinal(full, 0);
                    assertArrayEquals(Arrays.copyOf(full, m.macLength()),
                            Arrays.copyOfRange(out, 3, 3 + m.macLength()));
                    for (int i : new int[] {0, 1, 2, out.length - 3, out.length - 2, out.length - 1}) {
                        assertEquals((byte) 0x77, out[i], "compute wrote outside its " + m.macLength() + " bytes");
                    }
                    assertTrue(mac.verify(seq, buf, 5, len, out, 3));
                }
            }
        }
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("cases")
    void verifyRejectsAnyFlippedBit(MacFactory m, String chain) throws Exception {
        CryptoProvider crypto = Fixtures.chain(chain);
        Fixtures.assumeRuns(crypto, m);
        Random rnd = new Random(3);
        byte[] packet = Fixtures.random(rnd, 48);
        try (PacketMac mac = m.create(Fixtures.random(rnd, m.keyLength()), crypto)) {
            byte[] tag = new byte[m.macLength()];
            mac.compute(17, packet, 0, packet.length, tag, 0);
            for (int bit = 0; bit < tag.length * 8; bit++) {
                byte[] t = tag.clone();
                t[bit / 8] ^= (byte) (1 << (bit % 8));
                assertFalse(mac.verify(17, packet, 0, packet.length, t, 0), "MAC bit " + bit);
            }
            for (int bit = 0; bit < packet.length * 8; bit++) {
                byte[] p = packet.clone();
                p[bit / 8] ^= (byte) (1 << (bit % 8));
                assertFalse(mac.verify(17, p, 0, p.length, tag, 0), "packet bit " + bit);
            }
            for (int bit = 0; bit < 32; bit++) {
                assertFalse(mac.verify(17 ^ (1 << bit), packet, 0, packet.length, tag, 0), "sequence bit " + bit);
            }
            assertTrue(mac.verify(17, packet, 0, packet.length, tag, 0));
        }
    }

    static List<MacFactory> macs() {
        return Fixtures.macs();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("macs")
    void sizesMatchTheAlgorithm(MacFactory m) throws Exception {
        Map<String, int[]> sizes = Map.of(
                "hmac-sha2-256", new int[] {32, 32}, "hmac-sha2-512", new int[] {64, 64},
                "hmac-sha1", new int[] {20, 20}, "hmac-sha1-96", new int[] {20, 12},
                "hmac-md5", new int[] {16, 16}, "hmac-md5-96", new int[] {16, 12});
        String base = m.name().replace("-etm@openssh.com", "");
        assertArrayEquals(sizes.get(base), new int[] {m.keyLength(), m.macLength()});
        assertEquals(m.name().endsWith("-etm@openssh.com"), m.isEncryptThenMac());
        assertThrows(SshCryptoException.class, () -> m.create(new byte[m.keyLength() - 1], Fixtures.chain("jca")));
    }

    /**
     * RFC 2202 test case 1 (key 0x0b repeated, data "Hi There"), which fits SHA-1's and MD5's key
     * sizes: its first four bytes, "Hi T", read as the sequence number, leave "here" as the packet.
     */
    @Test
    void rfc2202CaseOneThroughTheSequenceNumber() throws Exception {
        byte[] data = "Hi There".getBytes(StandardCharsets.US_ASCII);
        int seq = (data[0] & 0xff) << 24 | (data[1] & 0xff) << 16 | (data[2] & 0xff) << 8 | data[3] & 0xff;
        byte[] rest = Arrays.copyOfRange(data, 4, 8);
        HexFormat hex = HexFormat.of();
        Map<MacFactory, String> expected = Map.of(
                new HmacSha1(), "b617318655057264e28bc0b6fb378c8ef146be00",
                new HmacSha196(), "b617318655057264e28bc0b6",
                new HmacSha1Etm(), "b617318655057264e28bc0b6fb378c8ef146be00",
                new HmacMd5(), "9294727a3638bb1c13f48ef8158bfc9d",
                new HmacMd596(), "9294727a3638bb1c13f48ef8");
        for (String chain : Fixtures.CHAINS) {
            CryptoProvider crypto = Fixtures.chain(chain);
            for (Map.Entry<MacFactory, String> e : expected.entrySet()) {
                MacFactory m = e.getKey();
                if (!crypto.supports(primitiveOf(m))) {
                    continue;
                }
                byte[] key = new byte[m.keyLength()];
                Arrays.fill(key, (byte) 0x0b);
                byte[] out = new byte[m.macLength()];
                try (PacketMac mac = m.create(key, crypto)) {
                    mac.compute(seq, rest, 0, rest.length, out, 0);
                }
                assertEquals(e.getValue(), hex.formatHex(out), m.name() + " on " + chain);
            }
        }
    }

    /** The same MAC from the JDK's own {@link javax.crypto.Mac}, a check independent of both providers' wrappers. */
    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("cases")
    void agreesWithTheJdkMac(MacFactory m, String chain) throws Exception {
        CryptoProvider crypto = Fixtures.chain(chain);
        Fixtures.assumeRuns(crypto, m);
        String jdkName = switch (primitiveOf(m)) {
            case HMAC_SHA256 -> "HmacSHA256";
            case HMAC_SHA512 -> "HmacSHA512";
            case HMAC_SHA1 -> "HmacSHA1";
            case HMAC_MD5 -> "HmacMD5";
            default -> throw new AssertionError(m);
        };
        Random rnd = new Random(8);
        byte[] key = Fixtures.random(rnd, m.keyLength());
        byte[] packet = Fixtures.random(rnd, 333);
        javax.crypto.Mac jdk = javax.crypto.Mac.getInstance(jdkName);
        jdk.init(new javax.crypto.spec.SecretKeySpec(key, jdkName));
        jdk.update(new byte[] {0x12, 0x34, 0x56, 0x78});
        byte[] full = jdk.doFinal(packet);
        byte[] out = new byte[m.macLength()];
        try (PacketMac mac = m.create(key, crypto)) {
            mac.compute(0x12345678, packet, 0, packet.length, out, 0);
        }
        assertArrayEquals(Arrays.copyOf(full, m.macLength()), out);
    }
}
