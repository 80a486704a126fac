package ssh.kex;

import java.math.BigInteger;
import java.util.Arrays;
import ssh.api.crypto.DigestPrimitive;
import ssh.api.crypto.Secret;
import ssh.api.spi.KexInput;
import ssh.api.wire.WireWriter;

/**
 * The input of the exchange hash H (RFC 4253 section 8): V_C, V_S, I_C, I_S and K_S, then the
 * method's own fields, then K as the method encodes it. The buffer is wiped once H is computed.
 */
final class ExchangeHash {
    private final WireWriter w = new WireWriter(8192);

    ExchangeHash(KexInput input, byte[] hostKeyBlob) {
        w.writeString(input.clientVersion()).writeString(input.serverVersion())
                .writeString(input.clientKexInit()).writeString(input.serverKexInit())
                .writeString(hostKeyBlob);
    }

    ExchangeHash string(byte[] b) {
        w.writeString(b);
        return this;
    }

    ExchangeHash mpint(BigInteger v) {
        w.writeMpint(v);
        return this;
    }

    ExchangeHash uint32(long v) {
        w.writeUint32(v);
        return this;
    }

    /** H: the hash of everything written, followed by the already-encoded {@code k}. */
    byte[] finish(DigestPrimitive digest, Secret k) {
        byte[] kb = k.bytes();
        w.writeBytes(kb);
        Arrays.fill(kb, (byte) 0);
        digest.update(w.array(), 0, w.length());
        byte[] h = new byte[digest.length()];
        digest.digest(h, 0);
        w.wipe();
        return h;
    }
}
