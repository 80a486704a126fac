/**
 * The public face of secsh: exceptions, the SSH wire codec, the algorithm and crypto-provider
 * service interfaces, SSH names with their default lists, and the registry that finds algorithms
 * with {@link java.util.ServiceLoader} and orders them by OpenSSH-style preference strings.
 *
 * <p>Depends on nothing but {@code java.base}: everything a vendor needs to add an algorithm is
 * here.
 */
module ssh.api {
    exports ssh.api;
    exports ssh.api.wire;
    exports ssh.api.spi;
    exports ssh.api.crypto;
    exports ssh.api.algorithms;

    uses ssh.api.spi.KexFactory;
    uses ssh.api.spi.PublicKeyAlgorithmFactory;
    uses ssh.api.spi.CipherFactory;
    uses ssh.api.spi.MacFactory;
    uses ssh.api.spi.CompressionFactory;
    uses ssh.api.spi.ClientAuthMethodFactory;
    uses ssh.api.spi.ServerAuthMethodFactory;
    uses ssh.api.spi.CryptoProvider;
}
