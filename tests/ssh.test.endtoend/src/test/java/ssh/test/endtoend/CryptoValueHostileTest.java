package ssh.test.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import ssh.api.SshException;
import ssh.api.SshHostKeyException;
import ssh.api.SshProtocolException;
import ssh.api.crypto.KeyAgreementPrimitive;
import ssh.api.crypto.Primitive;
import ssh.api.crypto.SshPublicKey;
import ssh.api.spi.CryptoProvider;
import ssh.api.wire.DisconnectReason;
import ssh.api.wire.MessageNumbers;
import ssh.api.wire.WireReader;
import ssh.api.wire.WireWriter;
import ssh.transport.Transport;

/**
 * Weak or invalid cryptographic values from a hostile peer, on the wire, in both roles: DH e or f
 * outside (1, p-1), X25519 low-order points, NIST points off the curve, Ed25519 signatures with
 * S >= L, RSA host keys under 2048 or over 16384 bits, mpints over 16384 bits. Each must end the
 * handshake with an {@link SshException} subtype and a DISCONNECT with the right reason, before
 * secsh sends NEWKEYS. Where the value leaves the shared secret known to the attacker (f = 1, a
 * low-order point), the evil server signs the exchange hash it can predict, so without the check
 * the handshake would complete: the tests fail then, not only on a reason code.
 *
 * <p>User keys (RSA under 2048 bits, an Ed25519 user signature with S >= L) and bcrypt rounds
 * are in {@link CryptoValueUserKeyTest}. The all-zero X25519 Q_S against the client is also in
 * {@code TransportKexHostileTest.malformedKexReply}; the unit-level checks of the same values are
 * {@code ssh.kex.HostileKexTest} and {@code ssh.test.crypto.BadInputTest}.
 *
 * <p>To see these fail: in {@code DhGroupKex} drop the range check on e/f; in {@code JcaXdh}
 * and {@code BcXdh} drop the {@code ConstantTime.isZero(shared)} refusal; in {@code KexDriver}
 * drop the {@code requirePeerKeyStrength} call (the 1024-bit RSA host key is then accepted).
 */
@Timeout(20)
class CryptoValueHostileTest extends HostileTransportTestBase {
    static final String GROUP14 = "diffie-hellman-group14-sha256";
    static final String NISTP256 = "ecdh-sha2-nistp256";
    /** RFC 3526 section 3, the 2048-bit MODP group. */
    static final BigInteger P14 = new BigInteger("FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74"
            + "020BBEA63B139B22514A08798E3404DDEF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9"
            + "A637ED6B0BFF5CB6F406B7EDEE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A"
            + "69163FA8FD24CF5F83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E46"
            + "2E36CE3BE39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510"
            + "15728E5A8AACAA68FFFFFFFFFFFFFFFF", 16);
    /** The order of the Ed25519 base point. */
    static final BigInteger L = BigInteger.ONE.shiftLeft(252).add(new BigInteger("27742317777372353535851937790883648493"));

    private static CryptoProvider crypto;

    @BeforeAll
    static void provider() throws SshException {
        crypto = Peers.crypto();
    }

    // ---- helpers ----

    /** H = HASH(V_C || V_S || I_C || I_S || K_S || e/Q_C || f/Q_S || mpint K) for the evil peer's side. */
    static byte[] hash(Primitive digest, EvilPeer e, byte[] is, byte[] ks, WireWriter publicValues, BigInteger k)
            throws SshException {
        WireWriter w = new WireWriter(4096).writeUtf8(e.ourVersion).writeUtf8(EvilPeer.VERSION)
                .writeString(e.ourKexInit).writeString(is).writeString(ks)
                .writeBytes(publicValues.array(), 0, publicValues.length()).writeMpint(k);
        return crypto.digest(digest).digest(w.toByteArray());
    }

    static byte[] kexInit(String kex, String hostKey) {
        return EvilKex.kexInit(false, List.of(kex), List.of(hostKey), List.of(EvilKex.CIPHER), List.of(EvilKex.MAC),
                List.of("none"));
    }

    /** secsh failed with a kex-level refusal (not a host-key one), said so, and never sent NEWKEYS. */
    static void assertRefused(EvilPeer e, int... reasons) throws Exception {
        SshException f = e.failure();
        assertInstanceOf(SshProtocolException.class, f, () -> "wrong exception type: " + f);
        assertTrue(List.of(reasons.length == 0 ? new Integer[] {DisconnectReason.KEY_EXCHANGE_FAILED}
                : java.util.Arrays.stream(reasons).boxed().toArray(Integer[]::new)).contains(f.reasonCode()),
                () -> "reason code " + DisconnectReason.name(f.reasonCode()) + " of " + f);
        e.assertDisconnect(f.reasonCode());
        assertFalse(sent(e, MessageNumbers.NEWKEYS), "secsh sent NEWKEYS");
    }

    /** A reader over {@code payload} past its message number. */
    static WireReader afterNumber(byte[] payload) {
        return new WireReader(payload, 1, payload.length - 1);
    }

    // ---- DH e or f outside (1, p-1) ----

    static Stream<Arguments> badDhValues() {
        BigInteger one = BigInteger.ONE;
        // K is what the attacker predicts the shared secret to be (for p-1, right half of the time)
        return Stream.of(Arguments.of("0", BigInteger.ZERO, BigInteger.ZERO), Arguments.of("1", one, one),
                Arguments.of("p-1", P14.subtract(one), one), Arguments.of("p", P14, BigInteger.ZERO),
                Arguments.of("p+1", P14.add(one), one), Arguments.of("-1", one.negate(), one));
    }

    @ParameterizedTest(name = "f = {0}")
    @MethodSource("badDhValues")
    void dhServerValueOutOfRange(String what, BigInteger f, BigInteger k) throws Exception {
        EvilPeer e = evil(EvilPeer.client().kexAlgorithms(GROUP14).build());
        e.startHandshake();
        byte[] is = kexInit(GROUP14, EvilKex.ED25519);
        e.send(is);
        BigInteger ev = afterNumber(e.expect(MessageNumbers.KEXDH_INIT)).readMpint("e");
        EvilKex.Server host = new EvilKex.Server();
        byte[] h = hash(Primitive.SHA256, e, is, host.hostKeyBlob, new WireWriter(600).writeMpint(ev).writeMpint(f), k);
        e.send(new WireWriter(1024).writeByte(MessageNumbers.KEXDH_REPLY).writeString(host.hostKeyBlob).writeMpint(f)
                .writeString(host.sign(h)).toByteArray());
        assertRefused(e);
    }

    @ParameterizedTest(name = "e = {0}")
    @MethodSource("badDhValues")
    void dhClientValueOutOfRange(String what, BigInteger value, BigInteger k) throws Exception {
        EvilPeer e = evil(EvilPeer.server().kexAlgorithms(GROUP14).build());
        e.startHandshake();
        e.send(kexInit(GROUP14, EvilKex.ED25519));
        e.send(new WireWriter(600).writeByte(MessageNumbers.KEXDH_INIT).writeMpint(value).toByteArray());
        assertRefused(e);
        assertFalse(sent(e, MessageNumbers.KEXDH_REPLY), "secsh answered a weak e");
    }

    // ---- mpints over 16384 bits ----

    @ParameterizedTest(name = "secsh as client: {0}-bit f")
    @ValueSource(ints = {2049, 16385, 20000})
    void dhServerValueTooLong(int bits) throws Exception {
        EvilPeer e = evil(EvilPeer.client().kexAlgorithms(GROUP14).build());
        e.startHandshake();
        e.send(kexInit(GROUP14, EvilKex.ED25519));
        e.expect(MessageNumbers.KEXDH_INIT);
        EvilKex.Server host = new EvilKex.Server();
        BigInteger f = BigInteger.ONE.shiftLeft(bits - 1).add(BigInteger.TWO);
        e.send(new WireWriter(4096).writeByte(MessageNumbers.KEXDH_REPLY).writeString(host.hostKeyBlob).writeMpint(f)
                .writeString(host.sign(new byte[32])).toByteArray());
        assertRefused(e, DisconnectReason.KEY_EXCHANGE_FAILED, DisconnectReason.PROTOCOL_ERROR);
    }

    @ParameterizedTest(name = "secsh as server: {0}-bit e")
    @ValueSource(ints = {16385, 20000})
    void dhClientValueTooLong(int bits) throws Exception {
        EvilPeer e = evil(EvilPeer.server().kexAlgorithms(GROUP14).build());
        e.startHandshake();
        e.send(kexInit(GROUP14, EvilKex.ED25519));
        BigInteger value = BigInteger.ONE.shiftLeft(bits - 1).add(BigInteger.TWO);
        e.send(new WireWriter(4096).writeByte(MessageNumbers.KEXDH_INIT).writeMpint(value).toByteArray());
        assertRefused(e, DisconnectReason.KEY_EXCHANGE_FAILED, DisconnectReason.PROTOCOL_ERROR);
        assertFalse(sent(e, MessageNumbers.KEXDH_REPLY));
    }

    // ---- X25519 low-order points ----

    /** Every X25519 u-coordinate whose shared secret is all zeros, whatever the private key (RFC 7748 section 6.1). */
    static Stream<String> lowOrderPoints() {
        return Stream.of(
                "0000000000000000000000000000000000000000000000000000000000000000",
                "0100000000000000000000000000000000000000000000000000000000000000",
                "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",
                "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157",
                "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
                "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
                "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
                "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b880",
                "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f11d7",
                "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
                "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
                "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff");
    }

    /** The evil server sends a low-order Q_S and signs the H of an all-zero shared secret, which it knows. */
    @ParameterizedTest(name = "Q_S = {0}")
    @MethodSource("lowOrderPoints")
    void x25519LowOrderFromTheServer(String point) throws Exception {
        byte[] qs = HexFormat.of().parseHex(point);
        EvilPeer e = evil(EvilPeer.client().kexAlgorithms(EvilKex.CURVE25519).build());
        e.startHandshake();
        byte[] is = kexInit(EvilKex.CURVE25519, EvilKex.ED25519);
        e.send(is);
        byte[] qc = afterNumber(e.expect(MessageNumbers.KEX_ECDH_INIT)).readString("Q_C");
        EvilKex.Server host = new EvilKex.Server();
        byte[] h = hash(Primitive.SHA256, e, is, host.hostKeyBlob, new WireWriter(80).writeString(qc).writeString(qs),
                BigInteger.ZERO);
        e.send(new WireWriter(512).writeByte(MessageNumbers.KEX_ECDH_REPLY).writeString(host.hostKeyBlob)
                .writeString(qs).writeString(host.sign(h)).toByteArray());
        assertRefused(e);
    }

    @ParameterizedTest(name = "Q_C = {0}")
    @MethodSource("lowOrderPoints")
    void x25519LowOrderFromTheClient(String point) throws Exception {
        EvilPeer e = evil(EvilPeer.server().kexAlgorithms(EvilKex.CURVE25519).build());
        e.startHandshake();
        e.send(kexInit(EvilKex.CURVE25519, EvilKex.ED25519));
        e.send(new WireWriter(64).writeByte(MessageNumbers.KEX_ECDH_INIT).writeString(HexFormat.of().parseHex(point))
                .toByteArray());
        assertRefused(e);
        assertFalse(sent(e, MessageNumbers.KEX_ECDH_REPLY), "secsh answered a low-order point");
    }

    // ---- NIST P-256 points off the curve ----

    static Stream<Arguments> offCurvePoints() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
        java.security.interfaces.ECPublicKey pub = (java.security.interfaces.ECPublicKey) g.generateKeyPair().getPublic();
        BigInteger p = ((java.security.spec.ECFieldFp) pub.getParams().getCurve().getField()).getP();
        BigInteger x = pub.getW().getAffineX();
        BigInteger y = pub.getW().getAffineY();
        return Stream.of(Arguments.of("(0, 0)", point(BigInteger.ZERO, BigInteger.ZERO)),
                Arguments.of("(x, y+1)", point(x, y.add(BigInteger.ONE).mod(p))),
                Arguments.of("(p, y): a coordinate not reduced mod p", point(p, y)),
                Arguments.of("(x, p)", point(x, p)),
                Arguments.of("(x, p - y + 1)", point(x, p.subtract(y).add(BigInteger.ONE))),
                Arguments.of("point at infinity", new byte[] {0}),
                Arguments.of("wrong format byte", withFirst(point(x, y), 5)));
    }

    private static byte[] point(BigInteger x, BigInteger y) {
        byte[] out = new byte[65];
        out[0] = 4;
        put(x, out, 1);
        put(y, out, 33);
        return out;
    }

    private static void put(BigInteger v, byte[] out, int off) {
        byte[] b = v.toByteArray();
        int n = Math.min(32, b.length);
        System.arraycopy(b, b.length - n, out, off + 32 - n, n);
        if (v.bitLength() > 256) {
            throw new IllegalArgumentException("coordinate too long");
        }
    }

    private static byte[] withFirst(byte[] b, int first) {
        b[0] = (byte) first;
        return b;
    }

    @ParameterizedTest(name = "Q_S {0}")
    @MethodSource("offCurvePoints")
    void ecdhOffCurveFromTheServer(String what, byte[] qs) throws Exception {
        EvilPeer e = evil(EvilPeer.client().kexAlgorithms(NISTP256).build());
        e.startHandshake();
        e.send(kexInit(NISTP256, EvilKex.ED25519));
        e.expect(MessageNumbers.KEX_ECDH_INIT);
        EvilKex.Server host = new EvilKex.Server();
        e.send(new WireWriter(512).writeByte(MessageNumbers.KEX_ECDH_REPLY).writeString(host.hostKeyBlob)
                .writeString(qs).writeString(host.sign(new byte[32])).toByteArray());
        assertRefused(e);
    }

    @ParameterizedTest(name = "Q_C {0}")
    @MethodSource("offCurvePoints")
    void ecdhOffCurveFromTheClient(String what, byte[] qc) throws Exception {
        EvilPeer e = evil(EvilPeer.server().kexAlgorithms(NISTP256).build());
        e.startHandshake();
        e.send(kexInit(NISTP256, EvilKex.ED25519));
        e.send(new WireWriter(128).writeByte(MessageNumbers.KEX_ECDH_INIT).writeString(qc).toByteArray());
        assertRefused(e);
        assertFalse(sent(e, MessageNumbers.KEX_ECDH_REPLY), "secsh answered a point off the curve");
    }

    // ---- host-key signatures and sizes, over an honest curve25519 exchange ----

    /** A host key as the evil server holds it: its blob and a signer of H. */
    interface Host {
        byte[] blob();

        byte[] sign(byte[] h) throws Exception;
    }

    /**
     * An honest curve25519 exchange in which the evil server presents {@code host} under host key
     * algorithm {@code algorithm}; returns the peer and the key the verifier was asked about.
     */
    private EvilPeer hostKeyExchange(String algorithm, Host host, AtomicReference<SshPublicKey> asked)
            throws Exception {
        EvilPeer e = evil(EvilPeer.client().hostKeyAlgorithms(algorithm).hostKeyVerifier((h, p, key) -> {
            asked.set(key);
            return true;
        }).build());
        e.startHandshake();
        byte[] is = kexInit(EvilKex.CURVE25519, algorithm);
        e.send(is);
        byte[] qc = afterNumber(e.expect(MessageNumbers.KEX_ECDH_INIT)).readString("Q_C");
        KeyAgreementPrimitive x = crypto.keyAgreement(Primitive.X25519);
        byte[] qs = x.generateKeyPair();
        BigInteger k;
        try (var secret = x.agree(qc)) {
            k = new BigInteger(1, secret.bytes());
        }
        byte[] h = hash(Primitive.SHA256, e, is, host.blob(), new WireWriter(80).writeString(qc).writeString(qs), k);
        e.send(new WireWriter(4096).writeByte(MessageNumbers.KEX_ECDH_REPLY).writeString(host.blob()).writeString(qs)
                .writeString(host.sign(h)).toByteArray());
        return e;
    }

    /** An Ed25519 signature blob whose S is replaced by {@code change(S)} (little-endian, 32 bytes). */
    static Host ed25519With(java.util.function.UnaryOperator<BigInteger> change) throws SshException {
        EvilKex.Server s = new EvilKex.Server();
        return new Host() {
            @Override
            public byte[] blob() {
                return s.hostKeyBlob;
            }

            @Override
            public byte[] sign(byte[] h) throws Exception {
                byte[] raw = crypto.signature(Primitive.ED25519).sign(s.hostKey, h);
                BigInteger sValue = new BigInteger(1, reverse(java.util.Arrays.copyOfRange(raw, 32, 64)));
                byte[] be = change.apply(sValue).toByteArray();
                byte[] le = new byte[32];
                for (int i = 0; i < Math.min(32, be.length); i++) {
                    le[i] = be[be.length - 1 - i];
                }
                System.arraycopy(le, 0, raw, 32, 32);
                return new WireWriter(96).writeUtf8(EvilKex.ED25519).writeString(raw).toByteArray();
            }
        };
    }

    static byte[] reverse(byte[] b) {
        byte[] r = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            r[i] = b[b.length - 1 - i];
        }
        return r;
    }

    static Stream<Arguments> malleatedS() {
        return Stream.of(Arguments.of("S + L", (java.util.function.UnaryOperator<BigInteger>) s -> s.add(L)),
                Arguments.of("S + 2L", (java.util.function.UnaryOperator<BigInteger>) s -> s.add(L.shiftLeft(1))),
                Arguments.of("S + 2^255", (java.util.function.UnaryOperator<BigInteger>) s -> s.setBit(255)));
    }

    /**
     * (R, S + L) verifies under a verifier that does not check S < L, the malleability RFC 8032
     * section 5.1.7 rules out. It must fail like any bad host-key signature, before the verifier.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("malleatedS")
    void ed25519HostSignatureWithSNotUnderL(String what, java.util.function.UnaryOperator<BigInteger> change)
            throws Exception {
        AtomicReference<SshPublicKey> asked = new AtomicReference<>();
        EvilPeer e = hostKeyExchange(EvilKex.ED25519, ed25519With(change), asked);
        assertFailure(SshHostKeyException.class, DisconnectReason.HOST_KEY_NOT_VERIFIABLE, e.failure());
        e.assertDisconnect(DisconnectReason.HOST_KEY_NOT_VERIFIABLE);
        assertNull(asked.get(), "the verifier was asked about a key whose signature does not verify");
        assertFalse(sent(e, MessageNumbers.NEWKEYS));
    }

    /** The control for the two sections below: the same exchange with S unchanged completes. */
    @Test
    void ed25519HostSignatureUnchangedCompletes() throws Exception {
        AtomicReference<SshPublicKey> asked = new AtomicReference<>();
        EvilPeer e = hostKeyExchange(EvilKex.ED25519, ed25519With(s -> s), asked);
        e.expect(MessageNumbers.NEWKEYS);
        e.send(message(MessageNumbers.NEWKEYS, null));
        Transport t = track(e.transport());
        assertEquals(EvilKex.ED25519, t.negotiated().hostKey());
        e.closeOutput();
        assertEnds(t);
    }

    static Host rsa(int bits) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(bits);
        KeyPair pair = g.generateKeyPair();
        RSAPublicKey pub = (RSAPublicKey) pair.getPublic();
        byte[] blob = new WireWriter(bits / 8 + 64).writeUtf8("ssh-rsa").writeMpint(pub.getPublicExponent())
                .writeMpint(pub.getModulus()).toByteArray();
        return new Host() {
            @Override
            public byte[] blob() {
                return blob;
            }

            @Override
            public byte[] sign(byte[] h) throws Exception {
                Signature s = Signature.getInstance("SHA256withRSA");
                s.initSign(pair.getPrivate());
                s.update(h);
                return new WireWriter(bits / 8 + 32).writeUtf8("rsa-sha2-256").writeString(s.sign()).toByteArray();
            }
        };
    }

    /** A well-formed RSA host key blob with a {@code bits}-bit modulus nobody can sign for (refused on size first). */
    static Host fakeRsa(int bits) {
        BigInteger n = BigInteger.ONE.shiftLeft(bits - 1).add(BigInteger.ONE);
        byte[] blob = new WireWriter(bits / 8 + 64).writeUtf8("ssh-rsa").writeMpint(BigInteger.valueOf(65537))
                .writeMpint(n).toByteArray();
        return new Host() {
            @Override
            public byte[] blob() {
                return blob;
            }

            @Override
            public byte[] sign(byte[] h) {
                return new WireWriter(bits / 8 + 32).writeUtf8("rsa-sha2-256").writeString(new byte[(bits + 7) / 8])
                        .toByteArray();
            }
        };
    }

    /** An RSA host key of 1024 bits, honestly signed: refused by size (it would verify). */
    @ParameterizedTest(name = "{0} bits")
    @ValueSource(ints = {1024, 2047})
    void rsaHostKeyUnder2048Bits(int bits) throws Exception {
        AtomicReference<SshPublicKey> asked = new AtomicReference<>();
        EvilPeer e = hostKeyExchange("rsa-sha2-256", rsa(bits), asked);
        SshHostKeyException f = assertFailure(SshHostKeyException.class, DisconnectReason.HOST_KEY_NOT_VERIFIABLE,
                e.failure());
        assertTrue(f.getMessage().contains("2048"), f.getMessage());
        e.assertDisconnect(DisconnectReason.HOST_KEY_NOT_VERIFIABLE);
        assertNull(asked.get(), "the verifier was asked about a weak RSA key");
        assertFalse(sent(e, MessageNumbers.NEWKEYS));
    }

    /** Under 1024 bits the key blob itself is refused; over 16384, the mpint reader refuses the modulus. */
    @ParameterizedTest(name = "{0} bits")
    @ValueSource(ints = {512, 1023, 16385, 16392, 20000})
    void rsaHostKeyOutsideTheCodecLimits(int bits) throws Exception {
        AtomicReference<SshPublicKey> asked = new AtomicReference<>();
        EvilPeer e = hostKeyExchange("rsa-sha2-256", fakeRsa(bits), asked);
        SshException f = e.failure();
        assertTrue(f instanceof SshProtocolException || f instanceof SshHostKeyException, () -> "wrong type: " + f);
        e.assertDisconnect(f.reasonCode());
        assertNull(asked.get());
        assertFalse(sent(e, MessageNumbers.NEWKEYS));
    }

    /** The control: a 2048-bit RSA host key, honestly signed, completes the handshake. */
    @Test
    void rsaHostKeyOf2048BitsCompletes() throws Exception {
        AtomicReference<SshPublicKey> asked = new AtomicReference<>();
        EvilPeer e = hostKeyExchange("rsa-sha2-256", rsa(2048), asked);
        e.expect(MessageNumbers.NEWKEYS);
        e.send(message(MessageNumbers.NEWKEYS, null));
        Transport t = track(e.transport());
        assertEquals("rsa-sha2-256", t.negotiated().hostKey());
        assertEquals("ssh-rsa", asked.get().type());
        e.closeOutput();
        assertEnds(t);
    }
}
