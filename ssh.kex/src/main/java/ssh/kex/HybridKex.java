package ssh.kex;

import java.util.Arrays;
import ssh.api.SshException;
import ssh.api.crypto.DigestPrimitive;
import ssh.api.crypto.KemPrimitive;
import ssh.api.crypto.KeyAgreementPrimitive;
import ssh.api.crypto.Primitive;
import ssh.api.crypto.Secret;
import ssh.api.spi.CryptoProvider;
import ssh.api.spi.KexInput;
import ssh.api.spi.KexResult;
import ssh.api.spi.KexTransport;
import ssh.api.spi.KeyExchange;
import ssh.api.wire.MessageNumbers;
import ssh.api.wire.WireReader;
import ssh.api.wire.WireWriter;

/**
 * A post-quantum KEM combined with ECDH, as draft-ietf-sshm-mlkem-hybrid-kex and OpenSSH's
 * sntrup761x25519-sha512 define it: C_INIT = KEM public key || client ECDH public key, S_REPLY =
 * KEM ciphertext || server ECDH public key, K = HASH(KEM secret || ECDH secret) hashed as a string,
 * and H over string C_INIT, string S_REPLY and string K. The ECDH secret is the fixed-length
 * X25519 output or NIST x-coordinate.
 */
abstract class HybridKex extends KexMethod {
    private final Primitive kem;
    private final int kemPublicLength;
    private final int ciphertextLength;
    private final Primitive agreement;
    private final int ecdhPublicLength;

    HybridKex(String name, Primitive hash, Primitive kem, int kemPublicLength, int ciphertextLength,
            Primitive agreement, int ecdhPublicLength) {
        super(name, hash, kem, agreement);
        this.kem = kem;
        this.kemPublicLength = kemPublicLength;
        this.ciphertextLength = ciphertextLength;
        this.agreement = agreement;
        this.ecdhPublicLength = ecdhPublicLength;
    }

    @Override
    final KeyExchange newExchange(CryptoProvider crypto) {
        return new Run(crypto);
    }

    private final class Run extends KexRun {
        Run(CryptoProvider crypto) {
            super(HybridKex.this, crypto);
        }

        @Override
        KexResult runClient(KexTransport transport, KexInput input) throws SshException {
            KemPrimitive k1 = crypto.kem(kem);
            KeyAgreementPrimitive ka = crypto.keyAgreement(agreement);
            byte[] kemPublic = requireLength(k1.generateKeyPair(), kemPublicLength, "our KEM public key");
            byte[] ecdhPublic = requireLength(ka.generateKeyPair(), ecdhPublicLength, "our ECDH public key");
            byte[] cInit = concat(kemPublic, ecdhPublic);
            WireWriter init = transport.newMessage();
            init.writeByte(MessageNumbers.KEX_HYBRID_INIT).writeString(cInit);
            transport.send(init);

            WireReader reply = transport.receive(MessageNumbers.KEX_HYBRID_REPLY);
            byte[] ks = reply.readString("server host key");
            byte[] sReply = reply.readString("S_REPLY");
            byte[] signature = reply.readString("exchange hash signature");
            reply.requireEnd("KEX_HYBRID_REPLY");
            var hostKey = hostKey(ks);
            requireLength(sReply, ciphertextLength + ecdhPublicLength, "S_REPLY");
            byte[] ciphertext = Arrays.copyOf(sReply, ciphertextLength);
            byte[] serverPublic = Arrays.copyOfRange(sReply, ciphertextLength, sReply.length);
            try (Secret kemSecret = k1.decapsulate(ciphertext); Secret ecdhSecret = ka.agree(serverPublic)) {
                Secret k = combine(kemSecret, ecdhSecret);
                byte[] h = exchangeHash(new ExchangeHash(input, ks).string(cInit).string(sReply), k);
                return new KexResult(h, k, hostKey, signature);
            }
        }

        @Override
        KexResult runServer(KexTransport transport, KexInput input) throws SshException {
            WireReader init = transport.receive(MessageNumbers.KEX_HYBRID_INIT);
            byte[] cInit = init.readString("C_INIT");
            init.requireEnd("KEX_HYBRID_INIT");
            requireLength(cInit, kemPublicLength + ecdhPublicLength, "C_INIT");
            byte[] kemPublic = Arrays.copyOf(cInit, kemPublicLength);
            byte[] clientPublic = Arrays.copyOfRange(cInit, kemPublicLength, cInit.length);
            var signer = signer(input);
            KemPrimitive k1 = crypto.kem(kem);
            KeyAgreementPrimitive ka = crypto.keyAgreement(agreement);
            byte[] serverPublic = requireLength(ka.generateKeyPair(), ecdhPublicLength, "our ECDH public key");
            KemPrimitive.Encapsulation enc = k1.encapsulate(kemPublic);
            try (Secret kemSecret = enc.secret(); Secret ecdhSecret = ka.agree(clientPublic)) {
                requireLength(enc.ciphertext(), ciphertextLength, "our KEM ciphertext");
                Secret k = combine(kemSecret, ecdhSecret);
                byte[] sReply = concat(enc.ciphertext(), serverPublic);
                byte[] ks = signer.publicKey().blob();
                byte[] h = exchangeHash(new ExchangeHash(input, ks).string(cInit).string(sReply), k);
                byte[] signature = signer.sign(h);
                WireWriter reply = transport.newMessage();
                reply.writeByte(MessageNumbers.KEX_HYBRID_REPLY).writeString(ks).writeString(sReply)
                        .writeString(signature);
                transport.send(reply);
                return new KexResult(h, k, signer.publicKey(), signature);
            }
        }

        /** K = string(HASH(KEM secret || ECDH secret)). */
        private Secret combine(Secret kemSecret, Secret ecdhSecret) throws SshException {
            byte[] a = kemSecret.bytes();
            byte[] b = ecdhSecret.bytes();
            DigestPrimitive digest = crypto.digest(method.hash());
            digest.update(a, 0, a.length);
            digest.update(b, 0, b.length);
            byte[] hash = new byte[digest.length()];
            digest.digest(hash, 0);
            Secret k = stringK(hash);
            Arrays.fill(a, (byte) 0);
            Arrays.fill(b, (byte) 0);
            Arrays.fill(hash, (byte) 0);
            return k;
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
