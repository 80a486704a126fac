/**
 * Crypto primitives from Bouncy Castle's lightweight API: the SDK's only third-party runtime
 * dependency, and only in this module. It supplies what the JDK lacks (sntrup761, Poly1305,
 * ML-KEM before JDK 24) and can replace JCA entirely.
 */
module ssh.provider.bc {
    requires ssh.api;
    requires org.bouncycastle.provider;

    provides ssh.api.spi.CryptoProvider with ssh.provider.bc.BcCryptoProvider;
}
