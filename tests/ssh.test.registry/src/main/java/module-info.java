/**
 * A test-only vendor module: it declares algorithm and crypto-provider services in this
 * module-info alone (no META-INF/services), so its tests prove that the registry discovers
 * services on the module path the way JPMS and jlink users meet them.
 */
module ssh.test.registry {
    requires ssh.api;

    provides ssh.api.spi.CipherFactory with
            ssh.test.registry.TestCiphers.Aes128Ctr,
            ssh.test.registry.TestCiphers.Aes256Ctr,
            ssh.test.registry.TestCiphers.ChaCha20Poly1305,
            ssh.test.registry.TestCiphers.VendorAead;
    provides ssh.api.spi.CryptoProvider with
            ssh.test.registry.TestProviders.Alpha,
            ssh.test.registry.TestProviders.Beta;
}
