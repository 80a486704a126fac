package ssh.test.endtoend;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import ssh.api.SshException;
import ssh.api.algorithms.AlgorithmRegistry;
import ssh.api.algorithms.ProviderChain;
import ssh.api.crypto.KeyAgreementPrimitive;
import ssh.api.crypto.Primitive;
import ssh.api.crypto.PrivateKeyMaterial;
import ssh.api.crypto.PublicKeyMaterial;
import ssh.api.crypto.Secret;
import ssh.api.crypto.SshKeyCodec;
import ssh.api.crypto.SshPublicKey;
import ssh.api.wire.MessageNumbers;
import ssh.api.wire.WireReader;
import ssh.api.wire.WireWriter;

/**
 * The evil peer's own curve25519-sha256 (RFC 8731) with an Ed25519 host key, written from the RFCs
 * on top of a crypto provider and the wire codec only (not secsh's kex code), plus KEXINIT
 * building and parsing. Lets a test run a key exchange correctly up to the point it chooses to
 * cheat.
 */
final class EvilKex {
    static final String CURVE25519 = "curve25519-sha256";
    static final String ED25519 = "ssh-ed25519";
    static final String STRICT_S = "kex-strict-s-v00@openssh.com";
    static final String STRICT_C = "kex-strict-c-v00@openssh.com";

    private static final ProviderChain CRYPTO;

    static {
        try {
            CRYPTO = AlgorithmRegistry.load().providerChain(null);
        } catch (SshException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private EvilKex() {
    }

    /** A KEXINIT payload with the same lists in both directions and no languages. */
    static byte[] kexInit(boolean firstKexPacketFollows, List<String> kex, List<String> hostKeys,
            List<String> ciphers, List<String> macs, List<String> compression) {
        return new WireWriter(512).writeByte(MessageNumbers.KEXINIT).writeBytes(new byte[16])
                .writeNameList(kex).writeNameList(hostKeys)
                .writeNameList(ciphers).writeNameList(ciphers)
                .writeNameList(macs).writeNameList(macs)
                .writeNameList(compression).writeNameList(compression)
                .writeNameList(List.of()).writeNameList(List.of())
                .writeBoolean(firstKexPacketFollows).writeUint32(0).toByteArray();
    }

    /** A cipher and MAC both secsh roles offer by default. */
    static final String CIPHER = "aes128-ctr";
    static final String MAC = "hmac-sha2-256-etm@openssh.com";

    /** curve25519-sha256, ssh-ed25519, {@link #CIPHER}, {@link #MAC}, none; plus {@code extraKex} on the kex list. */
    static byte[] simpleKexInit(String... extraKex) {
        List<String> kex = new ArrayList<>(List.of(CURVE25519));
        kex.addAll(List.of(extraKex));
        return kexInit(false, kex, List.of(ED25519), List.of(CIPHER), List.of(MAC), List.of("none"));
    }

    /** The ten name-lists of a KEXINIT payload, in wire order. */
    static List<List<String>> nameLists(byte[] kexInit) throws SshException {
        WireReader r = new WireReader(kexInit);
        r.readByte("message number");
        r.readBytes(16, "cookie");
        List<List<String>> lists = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            lists.add(r.readNameList("name-list " + i));
        }
        return lists;
    }

    /** H = SHA256(V_C || V_S || I_C || I_S || K_S || Q_C || Q_S || mpint K), each but K as a string. */
    static byte[] exchangeHash(String vc, String vs, byte[] ic, byte[] is, byte[] ks, byte[] qc, byte[] qs,
            byte[] sharedSecret) throws SshException {
        WireWriter w = new WireWriter(4096)
                .writeString(vc.getBytes(StandardCharsets.US_ASCII)).writeString(vs.getBytes(StandardCharsets.US_ASCII))
                .writeString(ic).writeString(is).writeString(ks).writeString(qc).writeString(qs)
                .writeMpintUnsigned(sharedSecret, 0, sharedSecret.length);
        return CRYPTO.digest(Primitive.SHA256).digest(w.toByteArray());
    }

    /**
     * RFC 4253 section 7.2 key derivation with SHA-256 (the hash of curve25519-sha256): K1 = HASH(K ||
     * H || letter || session_id), K2 = HASH(K || H || K1), ... until {@code length} bytes, K as an
     * mpint. Letters 'A'-'F': IVs, encryption keys and MAC keys, client to server first.
     */
    static byte[] derive(byte[] k, byte[] h, byte[] sessionId, char letter, int length) throws SshException {
        WireWriter key = new WireWriter(length + 32);
        WireWriter in = new WireWriter(256).writeMpintUnsigned(k, 0, k.length).writeBytes(h).writeByte(letter)
                .writeBytes(sessionId);
        while (key.length() < length) {
            key.writeBytes(CRYPTO.digest(Primitive.SHA256).digest(in.toByteArray()));
            in = new WireWriter(256).writeMpintUnsigned(k, 0, k.length).writeBytes(h).writeBytes(key.toByteArray());
        }
        return java.util.Arrays.copyOf(key.array(), length);
    }

    /** The server's half: an Ed25519 host key and one ephemeral X25519 key. */
    static final class Server {
        final PrivateKeyMaterial hostKey;
        final byte[] hostKeyBlob;
        final byte[] qs;
        private final KeyAgreementPrimitive x25519;
        /** Set by {@link #exchange}. */
        byte[] h;

        Server() throws SshException {
            hostKey = CRYPTO.generateKeyPair(Primitive.ED25519, 0);
            hostKeyBlob = SshKeyCodec.encodePublic(ED25519, hostKey.publicKey()).blob();
            x25519 = CRYPTO.keyAgreement(Primitive.X25519);
            qs = x25519.generateKeyPair();
        }

        /** Reads Q_C from the client's KEX_ECDH_INIT and computes H. */
        byte[] exchange(String vc, String vs, byte[] ic, byte[] is, byte[] ecdhInit) throws SshException {
            WireReader r = new WireReader(ecdhInit);
            if (r.readByte("message number") != MessageNumbers.KEX_ECDH_INIT) {
                throw new IllegalArgumentException("not a KEX_ECDH_INIT");
            }
            byte[] qc = r.readString("Q_C");
            r.requireEnd("KEX_ECDH_INIT");
            try (Secret k = x25519.agree(qc)) {
                h = exchangeHash(vc, vs, ic, is, hostKeyBlob, qc, qs, k.bytes());
            }
            return h;
        }

        /** An ssh-ed25519 signature blob over {@code data}. */
        byte[] sign(byte[] data) throws SshException {
            return SshKeyCodec.signatureBlob(ED25519, CRYPTO.signature(Primitive.ED25519).sign(hostKey, data));
        }

        /** KEX_ECDH_REPLY: string K_S, string Q_S, string signature. */
        byte[] reply(byte[] signatureBlob) {
            return new WireWriter(512).writeByte(MessageNumbers.KEX_ECDH_REPLY).writeString(hostKeyBlob)
                    .writeString(qs).writeString(signatureBlob).toByteArray();
        }

        /** The reply an honest server sends. */
        byte[] honestReply() throws SshException {
            return reply(sign(h));
        }
    }

    /** The client's half: one ephemeral X25519 key. */
    static final class Client {
        final byte[] qc;
        private final KeyAgreementPrimitive x25519;

        Client() throws SshException {
            x25519 = CRYPTO.keyAgreement(Primitive.X25519);
            qc = x25519.generateKeyPair();
        }

        byte[] ecdhInit() {
            return new WireWriter(64).writeByte(MessageNumbers.KEX_ECDH_INIT).writeString(qc).toByteArray();
        }

        /**
         * Whether {@code reply} (a KEX_ECDH_REPLY) carries an ssh-ed25519 signature by its K_S over
         * the H this client computes for it.
         */
        boolean verify(String vc, String vs, byte[] ic, byte[] is, byte[] reply) throws SshException {
            WireReader r = new WireReader(reply);
            r.readByte("message number");
            byte[] ks = r.readString("K_S");
            byte[] qs = r.readString("Q_S");
            byte[] sig = r.readString("signature");
            r.requireEnd("KEX_ECDH_REPLY");
            byte[] h;
            try (Secret k = x25519.agree(qs)) {
                h = exchangeHash(vc, vs, ic, is, ks, qc, qs, k.bytes());
            }
            SshPublicKey key = SshKeyCodec.publicKey(ks);
            PublicKeyMaterial material = SshKeyCodec.publicMaterial(key);
            return ED25519.equals(key.type()) && ED25519.equals(SshKeyCodec.signatureAlgorithm(sig))
                    && CRYPTO.signature(Primitive.ED25519).verify(material, h, SshKeyCodec.rawSignature(sig, material));
        }
    }
}
