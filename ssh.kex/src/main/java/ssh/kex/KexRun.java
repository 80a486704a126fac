package ssh.kex;

import java.math.BigInteger;
import java.util.Arrays;
import ssh.api.SshCryptoException;
import ssh.api.SshException;
import ssh.api.SshProtocolException;
import ssh.api.crypto.Secret;
import ssh.api.crypto.SshKeyCodec;
import ssh.api.crypto.SshPublicKey;
import ssh.api.spi.CryptoProvider;
import ssh.api.spi.KexInput;
import ssh.api.spi.KexResult;
import ssh.api.spi.KexTransport;
import ssh.api.spi.KeyExchange;
import ssh.api.wire.DisconnectReason;
import ssh.api.wire.WireWriter;

/**
 * One run of a key exchange, with the mechanics every method shares: a refused peer value (a
 * crypto provider's {@link SshCryptoException}, or anything unchecked) becomes an
 * {@link SshProtocolException} with reason KEY_EXCHANGE_FAILED, and helpers for H and K.
 */
abstract class KexRun implements KeyExchange {
    final KexMethod method;
    final CryptoProvider crypto;

    KexRun(KexMethod method, CryptoProvider crypto) {
        this.method = method;
        this.crypto = crypto;
    }

    @Override
    public final KexResult client(KexTransport transport, KexInput input) throws SshException {
        try {
            return runClient(transport, input);
        } catch (SshCryptoException e) {
            throw failed(e.getMessage(), e);
        } catch (RuntimeException e) {
            throw failed("internal error: " + e, e);
        }
    }

    @Override
    public final KexResult server(KexTransport transport, KexInput input) throws SshException {
        try {
            return runServer(transport, input);
        } catch (SshCryptoException e) {
            throw failed(e.getMessage(), e);
        } catch (RuntimeException e) {
            throw failed("internal error: " + e, e);
        }
    }

    abstract KexResult runClient(KexTransport transport, KexInput input) throws SshException;

    abstract KexResult runServer(KexTransport transport, KexInput input) throws SshException;

    final SshProtocolException failed(String problem, Throwable cause) {
        return new SshProtocolException(DisconnectReason.KEY_EXCHANGE_FAILED, method.name() + ": " + problem, cause);
    }

    /** Fails unless {@code value} is exactly {@code length} bytes. */
    final byte[] requireLength(byte[] value, int length, String what) throws SshProtocolException {
        if (value.length != length) {
            throw failed(what + " is " + value.length + " bytes, not " + length, null);
        }
        return value;
    }

    /** Fails unless a Diffie-Hellman public value lies in 2..p-2 (RFC 4253 section 8). */
    final BigInteger requireDhRange(BigInteger v, BigInteger p, String what) throws SshProtocolException {
        if (v.compareTo(BigInteger.TWO) < 0 || v.compareTo(p.subtract(BigInteger.TWO)) > 0) {
            throw failed(what + " is outside 2..p-2", null);
        }
        return v;
    }

    /** The server's signer; a server run without one is a configuration error. */
    final KexInput.HostKeySigner signer(KexInput input) throws SshException {
        if (input.hostKeySigner() == null) {
            throw new SshException(DisconnectReason.KEY_EXCHANGE_FAILED,
                    method.name() + ": the server side needs a host key signer", null);
        }
        return input.hostKeySigner();
    }

    /** The server's host key blob from a reply, checked as a key blob. */
    static SshPublicKey hostKey(byte[] blob) throws SshProtocolException {
        return SshKeyCodec.publicKey(blob);
    }

    /** H over {@code hash}'s input and {@code k}. */
    final byte[] exchangeHash(ExchangeHash hash, Secret k) throws SshException {
        return hash.finish(crypto.digest(method.hash()), k);
    }

    /** K as classic methods hash it: the shared secret, an unsigned big-endian number, as an mpint. */
    static Secret mpintK(Secret shared) {
        byte[] b = shared.bytes();
        WireWriter w = new WireWriter(b.length + 8).writeMpintUnsigned(b, 0, b.length);
        Arrays.fill(b, (byte) 0);
        Secret k = Secret.wrap(w.toByteArray());
        w.wipe();
        return k;
    }

    /** K as the hybrid methods hash it: a string. */
    static Secret stringK(byte[] secret) {
        WireWriter w = new WireWriter(secret.length + 4).writeString(secret);
        Secret k = Secret.wrap(w.toByteArray());
        w.wipe();
        return k;
    }
}
