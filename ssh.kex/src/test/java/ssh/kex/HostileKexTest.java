package ssh.kex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import ssh.api.SshException;
import ssh.api.SshProtocolException;
import ssh.api.crypto.SshKeyPair;
import ssh.api.spi.CryptoProvider;
import ssh.api.spi.KexFactory;
import ssh.api.spi.KexInput;
import ssh.api.spi.KexResult;
import ssh.api.spi.PublicKeyAlgorithmFactory;
import ssh.api.wire.DisconnectReason;
import ssh.api.wire.WireFormatException;
import ssh.api.wire.WireReader;
import ssh.api.wire.WireWriter;
import ssh.kex.publickey.SshEd25519;

/**
 * A hostile peer: the test plays one side by hand and sends malformed or malicious values. The
 * honest side must fail with an SshException (KEY_EXCHANGE_FAILED for refused values), never an
 * unchecked exception, and must not hang.
 */
class HostileKexTest {
    private static final PublicKeyAlgorithmFactory ED25519 = new SshEd25519();

    /** Runs {@code side} on a virtual thread against a hand-played peer, returning what it threw. */
    static SshException honestClientFails(KexFactory kex, CryptoProvider crypto,
            Function<WireReader, byte[][]> hostileServer) throws Exception {
        MemoryTransport[] t = MemoryTransport.pair();
        KexInput[] in = TestKeys.inputs(null);
        try (var ex = Executors.newVirtualThreadPerTaskExecutor()) {
            var client = CompletableFuture.supplyAsync(() -> {
                try {
                    return kex.create(crypto).client(t[0], in[0]);
                } catch (SshException e) {
                    throw new Wrapped(e);
                }
            }, ex);
            WireReader first = t[1].receive(expectedFirst(kex));
            for (byte[] msg : hostileServer.apply(first)) {
                t[1].sendRaw(msg);
            }
            return unwrap(client);
        }
    }

    static SshException honestServerFails(KexFactory kex, CryptoProvider crypto, byte[]... hostileClient)
            throws Exception {
        MemoryTransport[] t = MemoryTransport.pair();
        SshKeyPair key = TestKeys.generate(ED25519, crypto, 0);
        KexInput[] in = TestKeys.inputs(TestKeys.signer(key, ED25519, crypto));
        for (byte[] msg : hostileClient) {
            t[0].sendRaw(msg);
        }
        try (var ex = Executors.newVirtualThreadPerTaskExecutor()) {
            var server = CompletableFuture.supplyAsync(() -> {
                try {
                    return kex.create(crypto).server(t[1], in[1]);
                } catch (SshException e) {
                    throw new Wrapped(e);
                }
            }, ex);
            return unwrap(server);
        }
    }

    static final class Wrapped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Wrapped(SshException e) {
            super(e);
        }
    }

    private static SshException unwrap(CompletableFuture<KexResult> f) throws Exception {
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(60, TimeUnit.SECONDS));
        Wrapped w = assertInstanceOf(Wrapped.class, e.getCause(), "an unchecked exception escaped");
        return (SshException) w.getCause();
    }

    private static int expectedFirst(KexFactory kex) {
        return kex.name().startsWith("diffie-hellman-group-exchange") ? 34 : 30;
    }

    static void assertKexFailed(SshException e) {
        SshProtocolException p = assertInstanceOf(SshProtocolException.class, e, e.toString());
        assertEquals(DisconnectReason.KEY_EXCHANGE_FAILED, p.reasonCode(), e.toString());
    }

    static byte[] hostKeyBlob(CryptoProvider crypto) throws SshException {
        return TestKeys.generate(ED25519, crypto, 0).publicKey().blob();
    }

    static byte[] reply(int number, CryptoProvider crypto, Function<WireWriter, WireWriter> fields) {
        try {
            WireWriter w = new WireWriter().writeByte(number).writeString(hostKeyBlob(crypto));
            return fields.apply(w).toByteArray();
        } catch (SshException e) {
            throw new AssertionError(e);
        }
    }

    // ---- hostile servers ----

    @ParameterizedTest
    @ValueSource(strings = {"jca", "bc"})
    void truncatedReply(String chain) throws Exception {
        CryptoProvider c = TestKeys.chain(chain);
        SshException e = honestClientFails(new Curve25519Sha256(), c, init -> new byte[][] {
            new WireWriter().writeByte(31).writeString(new byte[10]).toByteArray()});
        assertInstanceOf(WireFormatException.class, e);
        e = honestClientFails(new DhGroup14Sha256(), c, init -> new byte[][] {new byte[] {31, 0, 0}});
        assertInstanceOf(WireFormatException.class, e);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jca", "bc"})
    void wrongSizePublicValue(String chain) throws Exception {
        CryptoProvider c = TestKeys.chain(chain);
        assertKexFailed(honestClientFails(new Curve25519Sha256(), c, init -> new byte[][] {
            reply(31, c, w -> w.writeString(new byte[31]).writeString(new byte[64]))}));
        assertKexFailed(honestClientFails(new EcdhSha2Nistp256(), c, init -> new byte[][] {
            reply(31, c, w -> w.writeString(new byte[33]).writeString(new byte[64]))}));
        assertKexFailed(honestClientFails(new Mlkem768X25519Sha256(), c, init -> new byte[][] {
            reply(31, c, w -> w.writeString(new byte[1088 + 31]).writeString(new byte[64]))}));
    }

    @ParameterizedTest
    @ValueSource(strings = {"jca", "bc"})
    void lowOrderAndOffCurvePoints(String chain) throws Exception {
        CryptoProvider c = TestKeys.chain(chain);
        assertKexFailed(honestClientFails(new Curve25519Sha256(), c, init -> new byte[][] {
            reply(31, c, w -> w.writeString(new byte[32]).writeString(new byte[64]))}));
        byte[] one = new byte[56];
        one[0] = 1;
        assertKexFailed(honestClientFails(new Curve448Sha512(), c, init -> new byte[][] {
            reply(31, c, w -> w.writeString(one).writeString(new byte[64]))}));
        byte[] offCurve = new byte[65];
        offCurve[0] = 4;
        offCurve[64] = 1;
        assertKexFailed(honestClientFails(new EcdhSha2Nistp256(), c, init -> new byte[][] {
            reply(31, c, w -> w.writeString(offCurve).writeString(new byte[64]))}));
        // hybrid: valid-length S_REPLY whose X25519 half is the zero point
        assertKexFailed(honestClientFails(new Mlkem768X25519Sha256(), c, init -> new byte[][] {
            reply(31, c, w -> w.writeString(new byte[1088 + 32]).writeString(new byte[64]))}));
    }

    @ParameterizedTest
    @ValueSource(strings = {"jca", "bc"})
    void dhPublicValuesOutOfRange(String chain) throws Exception {
        CryptoProvider c = TestKeys.chain(chain);
        BigInteger p = ModpGroups.GROUP14;
        for (BigInteger f : new BigInteger[] {BigInteger.ZERO, BigInteger.ONE, p.subtract(BigInteger.ONE), p,
                BigInteger.ONE.negate()}) {
            assertKexFailed(honestClientFails(new DhGroup14Sha256(), c, init -> new byte[][] {
                reply(31, c, w -> w.writeMpint(f).writeString(new byte[64]))}));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"jca", "bc"})
    void weakGroupExchangeGroups(String chain) throws Exception {
        CryptoProvider c = TestKeys.chain(chain);
        BigInteger p = ModpGroups.GROUP14;
        BigInteger[][] groups = {
            {ModpGroups.GROUP1, BigInteger.TWO},                   // 1024 bits: too small
            {p, BigInteger.ONE},                                    // g = 1
            {p, p.subtract(BigInteger.ONE)},                        // g = p-1
            {p.subtract(BigInteger.ONE), BigInteger.TWO},           // even modulus
            {BigInteger.ONE.shiftLeft(8200).add(BigInteger.ONE), BigInteger.TWO}, // too large
        };
        for (BigInteger[] g : groups) {
            assertKexFailed(honestClientFails(new DhGexSha256(), c, request -> new byte[][] {
                new WireWriter().writeByte(31).writeMpint(g[0]).writeMpint(g[1]).toByteArray()}));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"jca", "bc"})
    void malformedHostKeyAndUnexpectedMessage(String chain) throws Exception {
        CryptoProvider c = TestKeys.chain(chain);
        SshException e = honestClientFails(new Curve25519Sha256(), c, init -> new byte[][] {
            new WireWriter().writeByte(31).writeString(new byte[] {0, 0, 0, 3, 'f', 'o', 'o'})
                    .writeString(new byte[32]).writeString(new byte[64]).toByteArray()});
        assertInstanceOf(SshProtocolException.class, e);
        e = honestClientFails(new Curve25519Sha256(), c, init -> new byte[][] {new byte[] {20}});
        assertInstanceOf(SshProtocolException.class, e);
    }

    // ---- hostile clients ----

    @ParameterizedTest
    @ValueSource(strings = {"jca", "bc"})
    void hostileClients(String chain) throws Exception {
        CryptoProvider c = TestKeys.chain(chain);
        assertKexFailed(honestServerFails(new Curve25519Sha256(), c,
                new WireWriter().writeByte(30).writeString(new byte[33]).toByteArray()));
        assertKexFailed(honestServerFails(new Curve25519Sha256(), c,
                new WireWriter().writeByte(30).writeString(new byte[32]).toByteArray()));
        assertKexFailed(honestServerFails(new DhGroup16Sha512(), c,
                new WireWriter().writeByte(30).writeMpint(BigInteger.ONE).toByteArray()));
        assertKexFailed(honestServerFails(new Mlkem768X25519Sha256(), c,
                new WireWriter().writeByte(30).writeString(new byte[1184 + 31]).toByteArray()));
        // an ML-KEM "public key" whose coefficients are out of range (all 0xFF) fails FIPS 203's check
        byte[] badKem = new byte[1184 + 32];
        Arrays.fill(badKem, 0, 1184, (byte) 0xFF);
        badKem[1184] = 9;
        assertKexFailed(honestServerFails(new Mlkem768X25519Sha256(), c,
                new WireWriter().writeByte(30).writeString(badKem).toByteArray()));
        assertKexFailed(honestServerFails(new DhGexSha256(), c,
                new WireWriter().writeByte(34).writeUint32(8192).writeUint32(4096).writeUint32(2048).toByteArray()));
        assertKexFailed(honestServerFails(new DhGexSha256(), c,
                new WireWriter().writeByte(34).writeUint32(512).writeUint32(1024).writeUint32(1024).toByteArray()));
        assertInstanceOf(WireFormatException.class, honestServerFails(new Curve25519Sha256(), c,
                new WireWriter().writeByte(30).writeString(new byte[32]).writeByte(0).toByteArray()));
    }
}
