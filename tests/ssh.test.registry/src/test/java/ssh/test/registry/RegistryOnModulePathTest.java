package ssh.test.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.module.ModuleDescriptor;
import java.util.List;
import org.junit.jupiter.api.Test;
import ssh.api.Role;
import ssh.api.SshAlgorithmException;
import ssh.api.algorithms.AlgorithmFamily;
import ssh.api.algorithms.AlgorithmRegistry;
import ssh.api.algorithms.ProviderChain;
import ssh.api.crypto.Primitive;
import ssh.api.spi.AlgorithmFactory;
import ssh.api.spi.CipherFactory;

/**
 * The registry as a JPMS user meets it: ssh.api and this vendor module are named modules on the
 * module path, and the vendor's services are declared in its module-info only.
 */
class RegistryOnModulePathTest {
    private final AlgorithmRegistry registry = AlgorithmRegistry.load();

    private static List<String> names(List<? extends AlgorithmFactory> factories) {
        return factories.stream().map(AlgorithmFactory::name).toList();
    }

    @Test
    void runsOnTheModulePath() {
        assertEquals("ssh.api", AlgorithmRegistry.class.getModule().getName());
        assertEquals("ssh.test.registry", TestCiphers.class.getModule().getName());
        ModuleDescriptor d = TestCiphers.class.getModule().getDescriptor();
        assertTrue(d.provides().stream().anyMatch(p -> p.service().equals(CipherFactory.class.getName())));
    }

    @Test
    void discoversServicesDeclaredOnlyInModuleInfo() {
        assertNull(TestCiphers.class.getClassLoader().getResource("META-INF/services/" + CipherFactory.class.getName()),
                "this module must not have a META-INF/services file, or the test proves nothing");
        // Canonical order: secsh's preference order for known names, vendor names after them.
        assertEquals(List.of("chacha20-poly1305@openssh.com", "aes128-ctr", "aes256-ctr", "vendor-aead@secsh.test"),
                names(registry.installed(AlgorithmFamily.CIPHER)));
        assertEquals(List.of("alpha", "beta"),
                registry.cryptoProviders().stream().map(p -> p.name()).sorted().toList());
    }

    @Test
    void preferenceSyntaxThroughTheRegistry() throws Exception {
        ProviderChain chain = registry.providerChain("alpha,beta");
        assertEquals(List.of("chacha20-poly1305@openssh.com", "aes128-ctr", "aes256-ctr"),
                names(registry.resolve(AlgorithmFamily.CIPHER, Role.CLIENT, null, chain)));
        assertEquals(List.of("chacha20-poly1305@openssh.com", "aes128-ctr", "aes256-ctr", "vendor-aead@secsh.test"),
                names(registry.resolve(AlgorithmFamily.CIPHER, Role.CLIENT, "+vendor-*", chain)));
        assertEquals(List.of("chacha20-poly1305@openssh.com"),
                names(registry.resolve(AlgorithmFamily.CIPHER, Role.SERVER, "-aes*", chain)));
        assertEquals(List.of("aes256-ctr", "chacha20-poly1305@openssh.com", "aes128-ctr"),
                names(registry.resolve(AlgorithmFamily.CIPHER, Role.CLIENT, "^aes256-ctr", chain)));
        assertEquals(List.of("vendor-aead@secsh.test", "aes128-ctr"),
                names(registry.resolve(AlgorithmFamily.CIPHER, Role.CLIENT, "vendor-aead@secsh.test,aes128-ctr", chain)));
    }

    @Test
    void anAlgorithmIsOfferedOnlyWhenTheChainHasItsPrimitives() throws Exception {
        ProviderChain alpha = registry.providerChain("alpha");
        assertEquals(List.of("chacha20-poly1305@openssh.com", "aes128-ctr", "aes256-ctr"),
                names(registry.available(AlgorithmFamily.CIPHER, alpha)));
        SshAlgorithmException e = assertThrows(SshAlgorithmException.class,
                () -> registry.resolve(AlgorithmFamily.CIPHER, Role.CLIENT, "+vendor-aead@secsh.test", alpha));
        assertEquals("cipher \"vendor-aead@secsh.test\" is not available: it needs AES_GCM, SNTRUP761, which no"
                + " provider on chain \"alpha\" supplies on this JVM", e.getMessage());

        ProviderChain beta = registry.providerChain("beta");
        assertEquals(List.of("aes128-ctr", "aes256-ctr"),
                names(registry.resolve(AlgorithmFamily.CIPHER, Role.CLIENT, null, beta)));
    }

    @Test
    void theFirstProviderOnTheChainThatCanSuppliesEachPrimitive() throws Exception {
        ProviderChain chain = registry.providerChain("beta,alpha");
        assertEquals("beta,alpha", chain.name());
        assertSame(chain.providers().get(0), chain.providerFor(Primitive.AES_CTR).orElseThrow());
        assertEquals("alpha", chain.providerFor(Primitive.POLY1305).orElseThrow().name());
        assertTrue(chain.providerFor(Primitive.ED25519).isEmpty());
    }

    @Test
    void aPerPrimitiveOrderComesBeforeTheChainOrder() throws Exception {
        List<ssh.api.spi.CryptoProvider> both = registry.providerChain("alpha,beta").providers();
        ProviderChain chain = new ProviderChain(both,
                java.util.Map.of(Primitive.AES_CTR, List.of("beta", "alpha"), Primitive.POLY1305, List.of("beta")));
        assertEquals("beta", chain.providerFor(Primitive.AES_CTR).orElseThrow().name());
        // beta cannot do Poly1305: the preference falls through to whoever on the chain can.
        assertEquals("alpha", chain.providerFor(Primitive.POLY1305).orElseThrow().name());
        assertEquals("alpha", chain.providerFor(Primitive.CHACHA20).orElseThrow().name());
    }

    @Test
    void unknownAlgorithmNameListsTheKnownOnes() {
        SshAlgorithmException e = assertThrows(SshAlgorithmException.class, () -> registry.resolve(
                AlgorithmFamily.CIPHER, Role.CLIENT, "aes128-ctr,aes512-ctr", registry.providerChain("alpha")));
        assertEquals("unknown cipher \"aes512-ctr\"; known cipher names: chacha20-poly1305@openssh.com,aes128-ctr,"
                + "aes256-ctr (not available here: vendor-aead@secsh.test)", e.getMessage());
    }

    @Test
    void aFamilyWithNoImplementationNamesTheModuleToAdd() {
        SshAlgorithmException e = assertThrows(SshAlgorithmException.class,
                () -> registry.resolve(AlgorithmFamily.MAC, Role.CLIENT, null, registry.providerChain("alpha")));
        assertEquals("no MAC algorithm is installed: no module provides ssh.api.spi.MacFactory; add module"
                + " ssh.cipher to the module path", e.getMessage());
        e = assertThrows(SshAlgorithmException.class,
                () -> registry.resolve(AlgorithmFamily.KEX, Role.SERVER, null, registry.providerChain("alpha")));
        assertTrue(e.getMessage().endsWith("add module ssh.kex to the module path"), e.getMessage());
    }

    @Test
    void providerChainErrors() throws Exception {
        SshAlgorithmException e = assertThrows(SshAlgorithmException.class, () -> registry.providerChain("alpha,jca"));
        assertEquals("unknown crypto provider \"jca\" in \"alpha,jca\"; installed: alpha,beta", e.getMessage());
        e = assertThrows(SshAlgorithmException.class, () -> registry.providerChain("beta,beta"));
        assertEquals("crypto provider \"beta\" named twice in \"beta,beta\"", e.getMessage());
        // The default chain (jca,bc) names providers this module path lacks: all installed ones stand in.
        assertEquals(2, registry.providerChain(null).providers().size());
    }

    @Test
    void chainsAndTheInstalledRegistryAreBuiltOnce() throws Exception {
        // One connection after another asks for the same chain: it is built once per registry.
        assertSame(registry.providerChain("alpha,beta"), registry.providerChain("alpha,beta"));
        assertSame(registry.providerChain(null), registry.providerChain(null));
        assertEquals("beta,alpha", registry.providerChain("beta,alpha").name());
        assertEquals("alpha", registry.providerChain("alpha").name());
        // A bad spec is not remembered as good: it fails every time.
        assertThrows(SshAlgorithmException.class, () -> registry.providerChain("alpha,alpha"));
        assertThrows(SshAlgorithmException.class, () -> registry.providerChain("alpha,alpha"));
        // Configuration that names no registry shares one, found once; load() looks again.
        assertSame(AlgorithmRegistry.installed(), AlgorithmRegistry.installed());
        assertEquals(names(registry.installed(AlgorithmFamily.CIPHER)),
                names(AlgorithmRegistry.installed().installed(AlgorithmFamily.CIPHER)));
        assertTrue(AlgorithmRegistry.load() != AlgorithmRegistry.load());
    }

    @Test
    void noCryptoProviderAtAllNamesTheModuleToAdd() {
        AlgorithmRegistry empty = AlgorithmRegistry.of(List.of(new TestCiphers.Aes128Ctr()));
        SshAlgorithmException e = assertThrows(SshAlgorithmException.class, () -> empty.providerChain(null));
        assertEquals("no crypto provider is installed: no module provides ssh.api.spi.CryptoProvider; add module"
                + " ssh.provider.jca (or ssh.provider.bc) to the module path", e.getMessage());
    }
}
