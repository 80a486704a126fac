package ssh.kex;

import ssh.api.SshException;
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
 * Elliptic-curve Diffie-Hellman as RFC 5656 section 4 runs it and RFC 8731 reuses it for
 * Curve25519 and Curve448: KEX_ECDH_INIT carries Q_C, KEX_ECDH_REPLY carries K_S, Q_S and the
 * signature, and K is the shared secret read as an unsigned big-endian number, hashed as an mpint.
 */
abstract class EcdhKex extends KexMethod {
    private final Primitive agreement;
    private final int publicLength;

    /** {@code publicLength}: 32 or 56 bytes for X25519/X448, an uncompressed SEC1 point for NIST curves. */
    EcdhKex(String name, Primitive hash, Primitive agreement, int publicLength) {
        super(name, hash, agreement);
        this.agreement = agreement;
        this.publicLength = publicLength;
    }

    @Override
    final KeyExchange newExchange(CryptoProvider crypto) {
        return new Run(crypto);
    }

    private final class Run extends KexRun {
        Run(CryptoProvider crypto) {
            super(EcdhKex.this, crypto);
        }

        @Override
        KexResult runClient(KexTransport transport, KexInput input) throws SshException {
            KeyAgreementPrimitive ka = crypto.keyAgreement(agreement);
            byte[] qc = ka.generateKeyPair();
            WireWriter init = transport.newMessage();
            init.writeByte(MessageNumbers.KEX_ECDH_INIT).writeString(qc);
            transport.send(init);

            WireReader reply = transport.receive(MessageNumbers.KEX_ECDH_REPLY);
            byte[] ks = reply.readString("server host key");
            byte[] qs = reply.readString("server ephemeral public key");
            byte[] signature = reply.readString("exchange hash signature");
            reply.requireEnd("KEX_ECDH_REPLY");
            var hostKey = hostKey(ks);
            requireLength(qs, publicLength, "server ephemeral public key");
            try (Secret shared = ka.agree(qs)) {
                Secret k = mpintK(shared);
                byte[] h = exchangeHash(new ExchangeHash(input, ks).string(qc).string(qs), k);
                return new KexResult(h, k, hostKey, signature);
            }
        }

        @Override
        KexResult runServer(KexTransport transport, KexInput input) throws SshException {
            WireReader init = transport.receive(MessageNumbers.KEX_ECDH_INIT);
            byte[] qc = init.readString("client ephemeral public key");
            init.requireEnd("KEX_ECDH_INIT");
            requireLength(qc, publicLength, "client ephemeral public key");
            var signer = signer(input);
            KeyAgreementPrimitive ka = crypto.keyAgreement(agreement);
            byte[] qs = ka.generateKeyPair();
            try (Secret shared = ka.agree(qc)) {
                Secret k = mpintK(shared);
                byte[] ks = signer.publicKey().blob();
                byte[] h = exchangeHash(new ExchangeHash(input, ks).string(qc).string(qs), k);
                byte[] signature = signer.sign(h);
                WireWriter reply = transport.newMessage();
                reply.writeByte(MessageNumbers.KEX_ECDH_REPLY).writeString(ks).writeString(qs).writeString(signature);
                transport.send(reply);
                return new KexResult(h, k, signer.publicKey(), signature);
            }
        }
    }
}
