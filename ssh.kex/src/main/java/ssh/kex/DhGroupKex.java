package ssh.kex;

import java.math.BigInteger;
import ssh.api.SshException;
import ssh.api.crypto.DhPrimitive;
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
 * Diffie-Hellman over a fixed MODP group (RFC 4253 section 8, RFC 8268): KEXDH_INIT carries e,
 * KEXDH_REPLY carries K_S, f and the signature, and K is the shared secret as an mpint.
 */
abstract class DhGroupKex extends KexMethod {
    private final BigInteger p;

    DhGroupKex(String name, Primitive hash, BigInteger p) {
        super(name, hash, Primitive.DH);
        this.p = p;
    }

    /**
     * Private exponent bits: twice the hash's bits (so at least twice the group's strength), at
     * least 512, as OpenSSH sizes them, and below the modulus.
     */
    static int exponentBits(KexMethod method, BigInteger p) {
        return Math.min(Math.max(512, 2 * method.hashBits()), p.bitLength() - 1);
    }

    @Override
    final KeyExchange newExchange(CryptoProvider crypto) {
        return new Run(crypto);
    }

    private final class Run extends KexRun {
        Run(CryptoProvider crypto) {
            super(DhGroupKex.this, crypto);
        }

        @Override
        KexResult runClient(KexTransport transport, KexInput input) throws SshException {
            DhPrimitive dh = crypto.dh(p, ModpGroups.GENERATOR);
            BigInteger e = dh.generateKeyPair(exponentBits(method, p));
            WireWriter init = transport.newMessage();
            init.writeByte(MessageNumbers.KEXDH_INIT).writeMpint(e);
            transport.send(init);

            WireReader reply = transport.receive(MessageNumbers.KEXDH_REPLY);
            byte[] ks = reply.readString("server host key");
            BigInteger f = reply.readMpint("f");
            byte[] signature = reply.readString("exchange hash signature");
            reply.requireEnd("KEXDH_REPLY");
            var hostKey = hostKey(ks);
            requireDhRange(f, p, "f");
            try (Secret shared = dh.agree(f)) {
                Secret k = mpintK(shared);
                byte[] h = exchangeHash(new ExchangeHash(input, ks).mpint(e).mpint(f), k);
                return new KexResult(h, k, hostKey, signature);
            }
        }

        @Override
        KexResult runServer(KexTransport transport, KexInput input) throws SshException {
            WireReader init = transport.receive(MessageNumbers.KEXDH_INIT);
            BigInteger e = init.readMpint("e");
            init.requireEnd("KEXDH_INIT");
            requireDhRange(e, p, "e");
            var signer = signer(input);
            DhPrimitive dh = crypto.dh(p, ModpGroups.GENERATOR);
            BigInteger f = dh.generateKeyPair(exponentBits(method, p));
            try (Secret shared = dh.agree(e)) {
                Secret k = mpintK(shared);
                byte[] ks = signer.publicKey().blob();
                byte[] h = exchangeHash(new ExchangeHash(input, ks).mpint(e).mpint(f), k);
                byte[] signature = signer.sign(h);
                WireWriter reply = transport.newMessage();
                reply.writeByte(MessageNumbers.KEXDH_REPLY).writeString(ks).writeMpint(f).writeString(signature);
                transport.send(reply);
                return new KexResult(h, k, signer.publicKey(), signature);
            }
        }
    }
}
