/**
 * Crypto primitives from the JDK's own providers (JCA), the default: no dependency beyond
 * {@code java.base}, so a jlink image with only {@code java.base} still has a working provider.
 */
module ssh.provider.jca {
    requires ssh.api;

    provides ssh.api.spi.CryptoProvider with ssh.provider.jca.JcaCryptoProvider;
}
