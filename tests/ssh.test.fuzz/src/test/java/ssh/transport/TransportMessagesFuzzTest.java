package ssh.transport;

import static ssh.test.fuzz.Targets.expectOnlySshExceptions;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import ssh.api.SshException;
import ssh.api.algorithms.AlgorithmFamily;
import ssh.api.algorithms.AlgorithmRegistry;
import ssh.api.algorithms.ProviderChain;
import ssh.api.spi.CipherFactory;
import ssh.api.spi.CompressionFactory;
import ssh.api.spi.MacFactory;
import ssh.api.wire.ByteSlice;
import ssh.api.wire.MessageNumbers;

/**
 * The transport's own decoders, reached directly (this class shares their package on the class
 * path): KEXINIT with the negotiation that follows it, EXT_INFO, and the packet decoder under each
 * cipher and MAC with fixed test keys. Packets for the decoder are sealed by the real packet writer
 * under the same keys, so the fuzzer gets past the MAC, and are then damaged at a chosen offset or
 * followed by raw bytes; compression can be on in both directions or only in the reader (raw fuzz
 * into the inflater). The only exception allowed is SshException.
 */
class TransportMessagesFuzzTest {
    private static final AlgorithmRegistry REGISTRY = AlgorithmRegistry.load();
    private static final ProviderChain CRYPTO = chain();
    private static final int MAX_PACKET = 256 * 1024;
    /** Cipher and MAC pairs (null: none, or the AEAD's own tag), covering every framing path. */
    private static final String[][] SUITES = {
        {null, null},
        {"chacha20-poly1305@openssh.com", null},
        {"aes128-gcm@openssh.com", null},
        {"aes256-gcm@openssh.com", null},
        {"aes128-ctr", "hmac-sha2-256-etm@openssh.com"},
        {"aes256-ctr", "hmac-sha2-512"},
        {"aes128-cbc", "hmac-sha1"},
        {"aes256-cbc", "hmac-sha2-512-etm@openssh.com"},
        {"3des-cbc", "hmac-sha1-96"},
        {"blowfish-cbc", "hmac-md5-96"},
        {"aes192-ctr", "hmac-md5"},
        {"aes192-cbc", "hmac-sha1-etm@openssh.com"},
    };
    private static final KexInit OURS = KexInit.create(new byte[16], List.of("curve25519-sha256", "ext-info-c",
            "kex-strict-c-v00@openssh.com"), List.of("ssh-ed25519", "rsa-sha2-256"),
            List.of("chacha20-poly1305@openssh.com", "aes128-ctr"), List.of("hmac-sha2-256-etm@openssh.com"),
            List.of("none", "zlib@openssh.com"));

    private static ProviderChain chain() {
        try {
            return REGISTRY.providerChain(null);
        } catch (SshException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isAead(String cipher) {
        return REGISTRY.find(AlgorithmFamily.CIPHER, cipher).map(CipherFactory::isAead).orElse(false);
    }

    @FuzzTest(maxDuration = "10m")
    void kexInit(FuzzedDataProvider data) {
        byte[] payload = withNumber(MessageNumbers.KEXINIT, data.consumeRemainingAsBytes());
        expectOnlySshExceptions(() -> {
            KexInit theirs = KexInit.decode(payload);
            Negotiation.guessedRight(OURS, theirs);
            expectOnlySshExceptions(() -> Negotiation.negotiate(theirs, OURS, TransportMessagesFuzzTest::isAead));
            expectOnlySshExceptions(() -> Negotiation.negotiate(OURS, theirs, TransportMessagesFuzzTest::isAead));
        });
    }

    @FuzzTest(maxDuration = "10m")
    void extInfo(FuzzedDataProvider data) {
        byte[] payload = withNumber(MessageNumbers.EXT_INFO, data.consumeRemainingAsBytes());
        expectOnlySshExceptions(() -> {
            Map<String, String> extensions = ExtInfo.decode(new ByteSlice(payload, 0, payload.length));
            String algorithms = extensions.getOrDefault(ExtInfo.SERVER_SIG_ALGS, "");
            for (String name : algorithms.split(",")) {
                REGISTRY.find(AlgorithmFamily.PUBLIC_KEY, name);
            }
        });
    }

    @FuzzTest(maxDuration = "10m")
    void packetDecoder(FuzzedDataProvider data) {
        String[] suite = SUITES[data.consumeInt(0, SUITES.length - 1)];
        int compression = data.consumeInt(0, 2);
        expectOnlySshExceptions(() -> {
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            SecureRandom padding = SecureRandom.getInstance("SHA1PRNG");
            padding.setSeed(1);
            PacketWriter writer = new PacketWriter(wire, padding);
            writer.install(keys(suite, true));
            CompressionFactory zlib = REGISTRY.find(AlgorithmFamily.COMPRESSION, "zlib").orElseThrow();
            if (compression == 1) {
                writer.compression(zlib.compressor(), false, true);
            }
            int packets = data.consumeInt(0, 4);
            for (int i = 0; i < packets; i++) {
                byte[] payload = data.consumeBytes(data.consumeInt(1, 2048));
                if (payload.length > 0) {
                    writer.write(payload, 0, payload.length);
                }
            }
            byte[] bytes = wire.toByteArray();
            int flip = data.consumeInt(-1, bytes.length - 1);
            if (flip >= 0) {
                bytes[flip] ^= (byte) data.consumeInt(1, 255);
            }
            byte[] tail = data.consumeRemainingAsBytes();
            byte[] input = Arrays.copyOf(bytes, bytes.length + tail.length);
            System.arraycopy(tail, 0, input, bytes.length, tail.length);
            PacketReader reader = new PacketReader(new ByteArrayInputStream(input), MAX_PACKET);
            reader.install(keys(suite, false));
            if (compression > 0) {
                reader.compression(zlib.decompressor(MAX_PACKET), false, true);
            }
            try {
                while (true) {
                    ByteSlice p = reader.read();
                    if (p.length() < 1 || p.length() > MAX_PACKET) {
                        throw new AssertionError("payload of " + p.length() + " bytes");
                    }
                }
            } finally {
                reader.close();
            }
        });
    }

    /** One direction's keys for {@code suite}: every key, IV and MAC key byte is its letter, as fixed test keys. */
    private static PacketKeys keys(String[] suite, boolean encrypt) throws SshException {
        if (suite[0] == null) {
            return PacketKeys.NONE;
        }
        CipherFactory c = REGISTRY.find(AlgorithmFamily.CIPHER, suite[0]).orElseThrow();
        MacFactory m = suite[1] == null ? null : REGISTRY.find(AlgorithmFamily.MAC, suite[1]).orElseThrow();
        return PacketKeys.of(c.create(encrypt, filled('C', c.keyLength()), filled('A', c.ivLength()), CRYPTO),
                c.blockSize(), c.tagLength(), m == null ? null : m.create(filled('E', m.keyLength()), CRYPTO),
                m == null ? 0 : m.macLength(), m != null && m.isEncryptThenMac());
    }

    /** A payload as the packet reader hands it over: never empty, the message number first. */
    private static byte[] withNumber(int number, byte[] body) {
        byte[] payload = new byte[1 + body.length];
        payload[0] = (byte) number;
        System.arraycopy(body, 0, payload, 1, body.length);
        return payload;
    }

    private static byte[] filled(char letter, int length) {
        byte[] b = new byte[length];
        Arrays.fill(b, (byte) letter);
        return b;
    }
}
