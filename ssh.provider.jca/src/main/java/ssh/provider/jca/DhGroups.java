package ssh.provider.jca;

import java.math.BigInteger;
import ssh.api.SshCryptoException;

/** Range checks on Diffie-Hellman groups and public values (RFC 4253 section 8, RFC 4419). */
final class DhGroups {
    private DhGroups() {
    }

    static void check(BigInteger p, BigInteger g) throws SshCryptoException {
        if (p.signum() <= 0 || !p.testBit(0) || p.bitLength() < 1024 || p.bitLength() > 16384) {
            throw new SshCryptoException("DH modulus must be odd and 1024 to 16384 bits, got " + p.bitLength() + " bits");
        }
        if (g.compareTo(BigInteger.TWO) < 0 || g.compareTo(p.subtract(BigInteger.TWO)) > 0) {
            throw new SshCryptoException("DH generator outside 2..p-2");
        }
    }

    /** A peer's public value must lie in 2..p-2: 0, 1 and p-1 force a known secret. */
    static void checkPublic(BigInteger f, BigInteger p) throws SshCryptoException {
        if (f.compareTo(BigInteger.TWO) < 0 || f.compareTo(p.subtract(BigInteger.TWO)) > 0) {
            throw new SshCryptoException("DH public value outside 2..p-2");
        }
    }
}
