package ssh.kex;

import java.math.BigInteger;
import ssh.api.SshException;
import ssh.api.SshProtocolException;
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
 * Diffie-Hellman group exchange (RFC 4419): the client asks for a group size, the server answers
 * with a group from its built-in set (the RFC 3526 MODP groups of 2048 to 8192 bits; it hands out
 * 3072 bits or more), and then the two run Diffie-Hellman over it. The client refuses groups under
 * 2048 bits.
 */
abstract class DhGexKex extends KexMethod {
    /** The smallest group the client accepts (RFC 8270). */
    static final int MIN_BITS = 2048;
    /**
     * The smallest group the server hands out: 3072 bits, about 128-bit security, so that no
     * client (or auditor) is given a 2048-bit group even when it asks for one.
     */
    static final int SERVER_MIN_BITS = 3072;
    /** The size the client asks for. */
    static final int PREFERRED_BITS = 4096;
    /** The largest group either side accepts. */
    static final int MAX_BITS = 8192;

    DhGexKex(String name, Primitive hash) {
        super(name, hash, Primitive.DH);
    }

    /**
     * The server's choice for a request: the smallest built-in group of at least {@code n} bits
     * within [min, max], else the largest within [min, max]; null when none fits.
     */
    static BigInteger choose(long min, long n, long max) {
        BigInteger largest = null;
        for (BigInteger p : ModpGroups.GROUP_EXCHANGE) {
            int bits = p.bitLength();
            if (bits >= min && bits <= max) {
                if (bits >= n) {
                    return p;
                }
                largest = p;
            }
        }
        return largest;
    }

    @Override
    final KeyExchange newExchange(CryptoProvider crypto) {
        return new Run(crypto);
    }

    private final class Run extends KexRun {
        Run(CryptoProvider crypto) {
            super(DhGexKex.this, crypto);
        }

        @Override
        KexResult runClient(KexTransport transport, KexInput input) throws SshException {
            WireWriter request = transport.newMessage();
            request.writeByte(MessageNumbers.KEX_DH_GEX_REQUEST).writeUint32(MIN_BITS).writeUint32(PREFERRED_BITS)
                    .writeUint32(MAX_BITS);
            transport.send(request);

            WireReader group = transport.receive(MessageNumbers.KEX_DH_GEX_GROUP);
            BigInteger p = group.readMpint("DH group modulus p");
            BigInteger g = group.readMpint("DH group generator g");
            group.requireEnd("KEX_DH_GEX_GROUP");
            checkGroup(p, g);
            DhPrimitive dh = crypto.dh(p, g);
            BigInteger e = dh.generateKeyPair(DhGroupKex.exponentBits(method, p));
            WireWriter init = transport.newMessage();
            init.writeByte(MessageNumbers.KEX_DH_GEX_INIT).writeMpint(e);
            transport.send(init);

            WireReader reply = transport.receive(MessageNumbers.KEX_DH_GEX_REPLY);
            byte[] ks = reply.readString("server host key");
            BigInteger f = reply.readMpint("f");
            byte[] signature = reply.readString("exchange hash signature");
            reply.requireEnd("KEX_DH_GEX_REPLY");
            var hostKey = hostKey(ks);
            requireDhRange(f, p, "f");
            try (Secret shared = dh.agree(f)) {
                Secret k = mpintK(shared);
                ExchangeHash hash = new ExchangeHash(input, ks).uint32(MIN_BITS).uint32(PREFERRED_BITS)
                        .uint32(MAX_BITS).mpint(p).mpint(g).mpint(e).mpint(f);
                return new KexResult(exchangeHash(hash, k), k, hostKey, signature);
            }
        }

        private void checkGroup(BigInteger p, BigInteger g) throws SshProtocolException {
            int bits = p.bitLength();
            if (bits < MIN_BITS || bits > MAX_BITS) {
                throw failed("server offered a " + bits + "-bit group outside " + MIN_BITS + ".." + MAX_BITS, null);
            }
            if (!p.testBit(0)) {
                throw failed("server offered an even modulus", null);
            }
            if (g.compareTo(BigInteger.TWO) < 0 || g.compareTo(p.subtract(BigInteger.TWO)) > 0) {
                throw failed("server offered a generator outside 2..p-2", null);
            }
        }

        @Override
        KexResult runServer(KexTransport transport, KexInput input) throws SshException {
            WireReader request = transport.receive(MessageNumbers.KEX_DH_GEX_REQUEST);
            long min = request.readUint32AsLong("min");
            long n = request.readUint32AsLong("n");
            long max = request.readUint32AsLong("max");
            request.requireEnd("KEX_DH_GEX_REQUEST");
            if (min > n || n > max) {
                throw failed("bad group request min " + min + ", n " + n + ", max " + max, null);
            }
            BigInteger p = choose(Math.max(min, SERVER_MIN_BITS), Math.max(n, SERVER_MIN_BITS), Math.min(max, MAX_BITS));
            if (p == null) {
                throw failed("no group of " + min + " to " + max + " bits", null);
            }
            BigInteger g = ModpGroups.GENERATOR;
            WireWriter group = transport.newMessage();
            group.writeByte(MessageNumbers.KEX_DH_GEX_GROUP).writeMpint(p).writeMpint(g);
            transport.send(group);

            WireReader init = transport.receive(MessageNumbers.KEX_DH_GEX_INIT);
            BigInteger e = init.readMpint("e");
            init.requireEnd("KEX_DH_GEX_INIT");
            requireDhRange(e, p, "e");
            var signer = signer(input);
            DhPrimitive dh = crypto.dh(p, g);
            BigInteger f = dh.generateKeyPair(DhGroupKex.exponentBits(method, p));
            try (Secret shared = dh.agree(e)) {
                Secret k = mpintK(shared);
                byte[] ks = signer.publicKey().blob();
                ExchangeHash hash = new ExchangeHash(input, ks).uint32(min).uint32(n).uint32(max)
                        .mpint(p).mpint(g).mpint(e).mpint(f);
                byte[] h = exchangeHash(hash, k);
                byte[] signature = signer.sign(h);
                WireWriter reply = transport.newMessage();
                reply.writeByte(MessageNumbers.KEX_DH_GEX_REPLY).writeString(ks).writeMpint(f).writeString(signature);
                transport.send(reply);
                return new KexResult(h, k, signer.publicKey(), signature);
            }
        }
    }
}
