package ssh.api.crypto;

import java.math.BigInteger;
import ssh.api.SshCryptoException;

/** Finite-field Diffie-Hellman over the group (p, g) given to {@code CryptoProvider.dh}. */
public interface DhPrimitive {
    /** Makes a fresh private exponent of {@code exponentBits} bits and returns e = g^x mod p. */
    BigInteger generateKeyPair(int exponentBits) throws SshCryptoException;

    /**
     * The shared secret f^x mod p as an unsigned big-endian integer without leading zeros.
     * {@code f} outside 2..p-2 is refused.
     */
    Secret agree(BigInteger f) throws SshCryptoException;
}
