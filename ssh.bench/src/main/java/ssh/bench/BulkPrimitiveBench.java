package ssh.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import ssh.api.SshException;
import ssh.api.algorithms.AlgorithmRegistry;
import ssh.api.crypto.AeadPrimitive;
import ssh.api.crypto.ChaCha20Primitive;
import ssh.api.crypto.CipherPrimitive;
import ssh.api.crypto.Gather;
import ssh.api.crypto.MacPrimitive;
import ssh.api.crypto.Poly1305Primitive;
import ssh.api.crypto.Primitive;
import ssh.api.spi.CryptoProvider;

/**
 * Bulk primitives per provider, as the packet path uses them: one reusable object, in place, one
 * message of {@code size} bytes per operation. MB/s = ops/s x size. {@link #run} is one seal (or
 * one keystream pass, one MAC); {@link #sealAndOpen} is what a packet costs at both ends, so the
 * packet path's ceiling is measured, not assumed: for AES-GCM a seal and an open of the same
 * message in the primitive's fastest forms (sealed from one array into another, opened into a third),
 * for the others the operation twice (decryption is the same keystream pass, a MAC check the same
 * MAC). The two pairs ({@code CHACHA20_POLY1305}, {@code AES128_CTR_HMAC_SHA256}) run both
 * primitives over the message, one after the other, as a packet does: measured together, since two
 * primitives run side by side need not take the sum of their times apart (shared caches, and the
 * clock speed a core keeps next to wide vector code).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class BulkPrimitiveBench {
    @Param({"jca", "bc"})
    public String provider;

    @Param({"AES128_CTR", "AES128_GCM", "AES256_GCM", "CHACHA20", "POLY1305", "HMAC_SHA256", "HMAC_SHA512",
            "CHACHA20_POLY1305", "AES128_CTR_HMAC_SHA256"})
    public String primitive;

    @Param({"1024", "32768"})
    public int size;

    private byte[] buf;
    private byte[] opened;
    private final Gather message = new Gather();
    private byte[] key32;
    private final byte[] nonce = new byte[12];
    private final byte[] chachaNonce = new byte[8];
    private final byte[] tag = new byte[64];
    private CipherPrimitive cipher;
    private AeadPrimitive aead;
    private ChaCha20Primitive chacha;
    private Poly1305Primitive poly;
    private MacPrimitive mac;
    private long counter;

    @Setup
    public void setup() throws SshException {
        CryptoProvider p = AlgorithmRegistry.load().providerChain(provider);
        buf = new byte[size + 64];
        byte[] plaintext = new byte[size];
        opened = new byte[size];
        message.add(plaintext, 0, size);
        key32 = new byte[32];
        new java.util.Random(1).nextBytes(key32);
        switch (primitive) {
            case "AES128_CTR" -> {
                cipher = p.cipher(Primitive.AES_CTR);
                cipher.init(true, java.util.Arrays.copyOf(key32, 16), new byte[16]);
            }
            case "AES128_GCM", "AES256_GCM" -> {
                aead = p.aead(Primitive.AES_GCM);
                aead.init(java.util.Arrays.copyOf(key32, primitive.startsWith("AES128") ? 16 : 32));
            }
            case "CHACHA20" -> {
                chacha = p.chacha20();
                chacha.init(key32);
            }
            case "POLY1305" -> poly = p.poly1305();
            case "HMAC_SHA256", "HMAC_SHA512" -> {
                mac = p.mac(Primitive.valueOf(primitive));
                mac.init(key32);
            }
            case "CHACHA20_POLY1305" -> {
                chacha = p.chacha20();
                chacha.init(key32);
                poly = p.poly1305();
            }
            case "AES128_CTR_HMAC_SHA256" -> {
                cipher = p.cipher(Primitive.AES_CTR);
                cipher.init(true, java.util.Arrays.copyOf(key32, 16), new byte[16]);
                mac = p.mac(Primitive.HMAC_SHA256);
                mac.init(key32);
            }
            default -> throw new IllegalArgumentException(primitive);
        }
    }

    @Benchmark
    public byte[] sealAndOpen() throws SshException {
        if (aead == null) {
            run();
            return run();
        }
        // One fresh nonce for the pair: the open checks the tag the seal has just written.
        nextNonce();
        aead.seal(nonce, nonce, 0, 4, message, buf, 0);
        aead.open(nonce, nonce, 0, 4, buf, 0, size, opened, 0);
        return opened;
    }

    @Benchmark
    public byte[] run() throws SshException {
        switch (primitive) {
            case "AES128_CTR" -> cipher.update(buf, 0, size, buf, 0);
            case "AES128_GCM", "AES256_GCM" -> {
                // A new nonce per packet, as SSH's invocation counter does.
                nextNonce();
                aead.seal(nonce, nonce, 0, 4, buf, 0, size);
            }
            case "CHACHA20" -> chacha.crypt(chachaNonce, 1, buf, 0, size, buf, 0);
            case "POLY1305" -> poly.mac(key32, 0, buf, 0, size, tag, 0);
            case "CHACHA20_POLY1305" -> {
                chacha.crypt(chachaNonce, 1, buf, 0, size, buf, 0);
                poly.mac(key32, 0, buf, 0, size, tag, 0);
            }
            case "AES128_CTR_HMAC_SHA256" -> {
                cipher.update(buf, 0, size, buf, 0);
                mac.update(buf, 0, size);
                mac.doFinal(tag, 0);
            }
            default -> {
                mac.update(buf, 0, size);
                mac.doFinal(tag, 0);
            }
        }
        return buf;
    }

    /** Advances the counter into the last 8 bytes of {@link #nonce} (big-endian). */
    private void nextNonce() {
        long c = ++counter;
        for (int i = 0; i < 8; i++) {
            nonce[11 - i] = (byte) (c >>> (8 * i));
        }
    }
}
