package ssh.kex;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.IntRange;
import ssh.api.SshException;
import ssh.api.crypto.SshKeyPair;
import ssh.api.spi.CryptoProvider;
import ssh.api.spi.KexFactory;
import ssh.api.spi.KexInput;
import ssh.api.spi.KexResult;
import ssh.api.spi.PublicKeyAlgorithmFactory;
import ssh.kex.publickey.SshEd25519;

/**
 * A client fed a real server reply that was then truncated, extended or had a byte changed either
 * completes (the change fell in the signature, which the transport checks) or fails with an
 * SshException; nothing unchecked escapes.
 */
class HostileKexProperties {
    private static final List<KexFactory> METHODS = List.of(new Curve25519Sha256(), new Curve448Sha512(),
            new EcdhSha2Nistp256(), new DhGroup14Sha256(), new Mlkem768X25519Sha256(), new Sntrup761X25519Sha512());
    private final CryptoProvider crypto = TestKeys.chain("jca,bc");
    private final Map<String, byte[]> validReplies = new ConcurrentHashMap<>();

    private byte[] validReply(KexFactory kex) {
        return validReplies.computeIfAbsent(kex.name(), n -> {
            try {
                PublicKeyAlgorithmFactory alg = new SshEd25519();
                SshKeyPair key = TestKeys.generate(alg, crypto, 0);
                var x = KexRoundTripTest.run(kex, crypto, crypto, TestKeys.signer(key, alg, crypto));
                List<byte[]> sent = x.serverEnd().sent();
                return sent.get(sent.size() - 1);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }

    @Property(tries = 150)
    void mangledRepliesFailCleanly(@ForAll @IntRange(min = 0, max = 5) int method, @ForAll long seed)
            throws Exception {
        KexFactory kex = METHODS.get(method);
        byte[] reply = mangle(validReply(kex), new Random(seed));
        MemoryTransport[] t = MemoryTransport.pair();
        KexInput[] in = TestKeys.inputs(null);
        try (var ex = Executors.newVirtualThreadPerTaskExecutor()) {
            var client = CompletableFuture.supplyAsync(() -> {
                try {
                    return kex.create(crypto).client(t[0], in[0]);
                } catch (SshException e) {
                    return e;
                }
            }, ex);
            t[1].receive(30);
            t[1].sendRaw(reply);
            try {
                Object outcome = client.get(60, TimeUnit.SECONDS);
                assertTrue(outcome instanceof KexResult || outcome instanceof SshException, String.valueOf(outcome));
                Statistics.collect(outcome instanceof KexResult ? "completed" : "refused");
            } catch (ExecutionException e) {
                throw new AssertionError("unchecked exception escaped " + kex.name(), e.getCause());
            }
        }
    }

    private static byte[] mangle(byte[] valid, Random r) {
        byte[] b = valid.clone();
        switch (r.nextInt(4)) {
            case 0 -> b = Arrays.copyOf(b, 1 + r.nextInt(b.length - 1));
            case 1 -> b = Arrays.copyOf(b, b.length + 1 + r.nextInt(8));
            case 2 -> b[1 + r.nextInt(b.length - 1)] ^= (byte) (1 + r.nextInt(255));
            default -> {
                // a length field made huge or off by one: corrupt one of the first string lengths
                int at = 1 + r.nextInt(Math.min(8, b.length - 1));
                b[at] = (byte) r.nextInt(256);
            }
        }
        return b;
    }
}
