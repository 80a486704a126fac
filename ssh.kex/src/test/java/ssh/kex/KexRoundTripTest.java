package ssh.kex;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import ssh.api.algorithms.KexNames;
import ssh.api.crypto.SshKeyPair;
import ssh.api.spi.CryptoProvider;
import ssh.api.spi.KexFactory;
import ssh.api.spi.KexInput;
import ssh.api.spi.KexResult;
import ssh.api.spi.PublicKeyAlgorithmFactory;
import ssh.api.wire.WireReader;
import ssh.api.wire.WireWriter;

/**
 * Every key-exchange method, client against server over an in-memory transport, on each provider
 * chain and across providers: both sides agree on H and K, the client gets the server's host key
 * and a signature over H that the host-key algorithm verifies, and H is what the RFCs say.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KexRoundTripTest {
    /** Host keys per chain and algorithm, made once: RSA and DSA generation is slow. */
    private final Map<String, SshKeyPair> hostKeys = new ConcurrentHashMap<>();

    static Stream<Arguments> everyMethodOnEveryChain() {
        List<Arguments> args = new ArrayList<>();
        List<PublicKeyAlgorithmFactory> algs = TestKeys.publicKeyAlgorithms();
        List<KexFactory> methods = TestKeys.kexMethods();
        for (String chain : TestKeys.CHAINS) {
            for (int i = 0; i < methods.size(); i++) {
                args.add(Arguments.of(chain, methods.get(i).name(), algs.get(i % algs.size()).name()));
            }
        }
        return args.stream();
    }

    static KexFactory method(String name) {
        return TestKeys.kexMethods().stream().filter(k -> k.name().equals(name)).findFirst().orElseThrow();
    }

    SshKeyPair hostKey(String chain, PublicKeyAlgorithmFactory alg) {
        return hostKeys.computeIfAbsent(chain + "/" + alg.keyType(), k -> {
            try {
                return TestKeys.generate(alg, TestKeys.chain(chain), 2048);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }

    /** Runs the server on a virtual thread and the client here; returns [client, server] and the transports. */
    static Exchange run(KexFactory kex, CryptoProvider clientCrypto, CryptoProvider serverCrypto,
            KexInput.HostKeySigner signer) throws Exception {
        MemoryTransport[] t = MemoryTransport.pair();
        KexInput[] in = TestKeys.inputs(signer);
        try (ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<KexResult> server = ex.submit(() -> kex.create(serverCrypto).server(t[1], in[1]));
            KexResult client;
            try {
                client = kex.create(clientCrypto).client(t[0], in[0]);
            } catch (Exception | Error e) {
                server.cancel(true);
                throw e;
            }
            return new Exchange(client, server.get(120, TimeUnit.SECONDS), in[0], t[0], t[1]);
        }
    }

    record Exchange(KexResult client, KexResult server, KexInput input, MemoryTransport clientEnd,
            MemoryTransport serverEnd) {
    }

    @ParameterizedTest(name = "{1} on {0} with a {2} host key")
    @MethodSource("everyMethodOnEveryChain")
    void clientAndServerAgree(String chainSpec, String methodName, String hostKeyAlgorithm) throws Exception {
        CryptoProvider crypto = TestKeys.chain(chainSpec);
        KexFactory kex = method(methodName);
        PublicKeyAlgorithmFactory alg = TestKeys.publicKeyAlgorithm(hostKeyAlgorithm);
        assumeTrue(TestKeys.supports(crypto, kex.requiredPrimitives()), chainSpec + " cannot run " + methodName);
        SshKeyPair key = hostKey(chainSpec, alg);
        Exchange x = run(kex, crypto, crypto, TestKeys.signer(key, alg, crypto));
        assertAgree(x, kex, alg, key, crypto);
    }

    static Stream<Arguments> methodsOnTwoProviders() {
        return TestKeys.kexMethods().stream().flatMap(k -> Stream.of(Arguments.of(k.name(), "jca", "bc"),
                Arguments.of(k.name(), "bc", "jca")));
    }

    @ParameterizedTest(name = "{0}: client on {1}, server on {2}")
    @MethodSource("methodsOnTwoProviders")
    void providersInteroperate(String methodName, String clientChain, String serverChain) throws Exception {
        KexFactory kex = method(methodName);
        CryptoProvider c = TestKeys.chain(clientChain);
        CryptoProvider s = TestKeys.chain(serverChain);
        assumeTrue(TestKeys.supports(c, kex.requiredPrimitives()) && TestKeys.supports(s, kex.requiredPrimitives()),
                "both providers must run " + methodName);
        PublicKeyAlgorithmFactory alg = TestKeys.publicKeyAlgorithm("ssh-ed25519");
        SshKeyPair key = hostKey(serverChain, alg);
        Exchange x = run(kex, c, s, TestKeys.signer(key, alg, s));
        assertAgree(x, kex, alg, key, c);
    }

    static void assertAgree(Exchange x, KexFactory kex, PublicKeyAlgorithmFactory alg, SshKeyPair key,
            CryptoProvider verifier) throws Exception {
        KexResult c = x.client();
        KexResult s = x.server();
        assertArrayEquals(s.exchangeHash(), c.exchangeHash(), "H");
        assertArrayEquals(s.encodedSharedSecret().bytes(), c.encodedSharedSecret().bytes(), "K");
        assertEquals(verifier.digest(kex.hash()).length(), c.exchangeHash().length);
        assertEquals(key.publicKey(), c.hostKey());
        assertEquals(key.publicKey(), s.hostKey());
        assertArrayEquals(s.signature(), c.signature());
        assertTrue(alg.verify(c.hostKey(), c.exchangeHash(), c.signature(), verifier), "host key signature over H");
        byte[] k = c.encodedSharedSecret().bytes();
        WireReader r = new WireReader(k);
        if (isHybrid(kex.name())) {
            assertEquals(verifier.digest(kex.hash()).length(), r.readString("K").length, "K = string(HASH(...))");
        } else {
            assertTrue(r.readMpint("K").signum() > 0, "K is a positive mpint");
        }
        r.requireEnd("K");
        assertArrayEquals(expectedH(x, kex), c.exchangeHash(), "H recomputed from the transcript");
    }

    static boolean isHybrid(String name) {
        return name.startsWith("mlkem") || name.startsWith("sntrup");
    }

    /** H recomputed from the messages both sides sent (RFC 4253 s8, RFC 4419, RFC 5656, the hybrid draft). */
    static byte[] expectedH(Exchange x, KexFactory kex) throws Exception {
        List<byte[]> fromClient = x.clientEnd().sent();
        List<byte[]> fromServer = x.serverEnd().sent();
        KexInput in = x.input();
        WireWriter w = new WireWriter().writeString(in.clientVersion()).writeString(in.serverVersion())
                .writeString(in.clientKexInit()).writeString(in.serverKexInit());
        byte[] reply = fromServer.get(fromServer.size() - 1);
        WireReader r = new WireReader(reply, 1, reply.length - 1);
        w.writeString(r.readString("K_S"));
        if (kex.name().startsWith("diffie-hellman-group-exchange")) {
            WireReader req = body(fromClient.get(0));
            w.writeUint32(req.readUint32("min")).writeUint32(req.readUint32("n")).writeUint32(req.readUint32("max"));
            WireReader group = body(fromServer.get(0));
            w.writeMpint(group.readMpint("p")).writeMpint(group.readMpint("g"));
            w.writeMpint(body(fromClient.get(1)).readMpint("e")).writeMpint(r.readMpint("f"));
        } else if (kex.name().startsWith("diffie-hellman")) {
            w.writeMpint(body(fromClient.get(0)).readMpint("e")).writeMpint(r.readMpint("f"));
        } else {
            w.writeString(body(fromClient.get(0)).readString("Q_C")).writeString(r.readString("Q_S"));
        }
        w.writeBytes(x.client().encodedSharedSecret().bytes());
        String jca = switch (kex.hash()) {
            case SHA1 -> "SHA-1";
            case SHA256 -> "SHA-256";
            case SHA384 -> "SHA-384";
            default -> "SHA-512";
        };
        return MessageDigest.getInstance(jca).digest(w.toByteArray());
    }

    private static WireReader body(byte[] msg) {
        return new WireReader(msg, 1, msg.length - 1);
    }

    @Test
    void everySupportedNameIsImplemented() {
        assertEquals(KexNames.SUPPORTED, TestKeys.kexMethods().stream().map(KexFactory::name).toList());
        assertEquals(BigInteger.TWO, ModpGroups.GENERATOR);
    }
}
