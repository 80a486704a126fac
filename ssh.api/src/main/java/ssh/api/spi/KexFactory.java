package ssh.api.spi;

import ssh.api.crypto.Primitive;

/**
 * A key-exchange method ({@code curve25519-sha256}, {@code mlkem768x25519-sha256}). It names the
 * hash used for the exchange hash and key derivation, and creates one {@link KeyExchange} per run.
 */
public interface KexFactory extends AlgorithmFactory {
    /** The hash of the exchange hash H and of key derivation (RFC 4253 section 7.2). */
    Primitive hash();

    /** A fresh key exchange; each run uses new ephemeral keys. */
    KeyExchange create(CryptoProvider crypto);
}
