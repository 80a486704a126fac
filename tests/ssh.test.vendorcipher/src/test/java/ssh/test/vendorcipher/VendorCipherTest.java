package ssh.test.vendorcipher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import ssh.api.Role;
import ssh.api.SshAlgorithmException;
import ssh.api.algorithms.AlgorithmFamily;
import ssh.api.algorithms.AlgorithmRegistry;
import ssh.api.algorithms.ProviderChain;
import ssh.api.spi.AlgorithmFactory;
import ssh.api.spi.BlockPacketCipher;
import ssh.api.spi.CipherFactory;
import ssh.api.wire.MessageNumbers;
import ssh.transport.Transport;
import ssh.transport.TransportConfig;

/**
 * The example of examples/vendor-cipher as a user meets it: with its module on the module path,
 * our client and server negotiate {@code aes256-ctr-example@vendor.test} by name and move data
 * with it; without the module, the same name is an {@link SshAlgorithmException} that names it.
 */
class VendorCipherTest {
    private static final String NAME = "aes256-ctr-example@vendor.test";
    private static final String VENDOR_MODULE = "ssh.example.vendorcipher";

    private final AlgorithmRegistry registry = AlgorithmRegistry.load();

    private CipherFactory vendorCipher() {
        return registry.find(AlgorithmFamily.CIPHER, NAME).orElseThrow(() -> new AssertionError(
                NAME + " is not installed: is module " + VENDOR_MODULE + " on the module path?"));
    }

    @Test
    void foundOnTheModulePathThroughItsProvidesLineAlone() throws IOException {
        Module vendor = vendorCipher().getClass().getModule();
        assertEquals(VENDOR_MODULE, vendor.getName(), "the cipher must come from the named module, not the class path");
        assertSame(ModuleLayer.boot(), vendor.getLayer());
        assertFalse(getClass().getModule().getDescriptor().requires().stream()
                .anyMatch(r -> r.name().equals(VENDOR_MODULE)), "found by ServiceLoader, so nothing may require it");
        List<String> provided = vendor.getDescriptor().provides().stream()
                .filter(p -> p.service().equals(CipherFactory.class.getName()))
                .flatMap(p -> p.providers().stream()).toList();
        assertEquals(List.of(vendorCipher().getClass().getName()), provided);
        assertEquals(provided, servicesFileOf(vendor), "META-INF/services must say what module-info says");
    }

    private static List<String> servicesFileOf(Module module) throws IOException {
        try (InputStream in = module.getResourceAsStream("META-INF/services/" + CipherFactory.class.getName())) {
            assertTrue(in != null, module.getName() + " has no META-INF/services file for class-path users");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(l -> l.replaceAll("#.*", "").strip()).filter(l -> !l.isEmpty()).toList();
        }
    }

    @Test
    void offeredOnlyWhenConfigurationNamesIt() throws Exception {
        ProviderChain chain = registry.providerChain(null);
        assertTrue(registry.available(AlgorithmFamily.CIPHER, chain).contains(vendorCipher()));
        for (Role role : Role.values()) {
            assertFalse(names(registry.resolve(AlgorithmFamily.CIPHER, role, null, chain)).contains(NAME),
                    "a vendor's name is not among the " + role + " defaults");
            List<String> appended = names(registry.resolve(AlgorithmFamily.CIPHER, role, "+" + NAME, chain));
            assertEquals(NAME, appended.getLast(), "+name appends it: " + appended);
        }
    }

    @Test
    void clientAndServerNegotiateItAndMoveData() throws Exception {
        try (Loopback peers = Loopback.connect(registry, c -> c.ciphers(NAME), s -> s.ciphers(NAME))) {
            for (Transport t : List.of(peers.client, peers.server)) {
                assertEquals(NAME, t.negotiated().cipherClientToServer());
                assertEquals(NAME, t.negotiated().cipherServerToClient());
            }
            Random random = new Random(2024);
            exchange(peers, random);
            peers.client.rekey();          // fresh keys, and fresh cipher objects, both ways
            exchange(peers, random);
            assertEquals(2, peers.client.keyExchangeCount());
            assertEquals(NAME, peers.client.negotiated().cipherClientToServer());
        }
    }

    /** Random messages of 1 byte to 32 KiB, each way; every byte must arrive as sent. */
    private static void exchange(Loopback peers, Random random) throws Exception {
        for (int i = 0; i < 12; i++) {
            oneWay(peers.client, peers.server, random);
            oneWay(peers.server, peers.client, random);
        }
    }

    private static void oneWay(Transport from, Transport to, Random random) throws Exception {
        byte[] message = new byte[1 + random.nextInt(32 * 1024)];
        random.nextBytes(message);
        message[0] = (byte) MessageNumbers.CHANNEL_DATA;
        from.send(message, 0, message.length);
        assertArrayEquals(message, to.receive(Loopback.TIMEOUT).data());
    }

    /**
     * The data above would flow through an identity "cipher" too: this checks the bytes are
     * AES-256-CTR's, the same as secsh's own {@code aes256-ctr} gives for the same key and IV,
     * with the counter running on from one call to the next.
     */
    @Test
    void isAes256CtrUnderAnotherName() throws Exception {
        CipherFactory vendor = vendorCipher();
        CipherFactory reference = registry.find(AlgorithmFamily.CIPHER, "aes256-ctr").orElseThrow();
        assertEquals(List.of(32, 16, 16, 0), List.of(vendor.keyLength(), vendor.ivLength(), vendor.blockSize(),
                vendor.tagLength()));
        ProviderChain chain = registry.providerChain(null);
        Random random = new Random(7);
        byte[] key = new byte[32];
        byte[] iv = new byte[16];
        byte[] plain = new byte[5 * 16];
        random.nextBytes(key);
        random.nextBytes(iv);
        random.nextBytes(plain);

        byte[] ours = transform(vendor, true, key, iv, chain, plain);
        assertFalse(Arrays.equals(plain, ours), "the output must not be the input");
        assertArrayEquals(transform(reference, true, key, iv, chain, plain), ours);
        assertArrayEquals(plain, transform(vendor, false, key, iv, chain, ours));
    }

    /** Runs {@code data} through a new cipher in two calls (2 blocks, then the rest). */
    private static byte[] transform(CipherFactory factory, boolean encrypt, byte[] key, byte[] iv, ProviderChain chain,
            byte[] data) throws Exception {
        byte[] buf = data.clone();
        try (BlockPacketCipher cipher = (BlockPacketCipher) factory.create(encrypt, key.clone(), iv.clone(), chain)) {
            cipher.update(buf, 0, 32);
            cipher.update(buf, 32, buf.length - 32);
        }
        return buf;
    }

    @Test
    void withoutTheModuleTheNameIsUnknown() throws Exception {
        AlgorithmRegistry without = AlgorithmRegistry.of(servicesOutside(VENDOR_MODULE));
        assertTrue(without.find(AlgorithmFamily.CIPHER, NAME).isEmpty());
        assertTrue(without.find(AlgorithmFamily.CIPHER, "aes256-ctr").isPresent(), "only the vendor's cipher is left out");

        TransportConfig config = TransportConfig.client().registry(without).hostKeyVerifier((h, p, k) -> true)
                .ciphers(NAME).build();
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        SshAlgorithmException e = assertThrows(SshAlgorithmException.class, () -> Transport.start(config, "server", 22,
                new ByteArrayInputStream(new byte[0]), sent, () -> { }, Loopback.TIMEOUT));
        assertTrue(e.getMessage().startsWith("unknown cipher \"" + NAME + "\"; known cipher names: "), e.getMessage());
        assertEquals(0, sent.size(), "refused before a byte was sent");

        // The same registry is otherwise whole: with a cipher it has, the two sides connect.
        try (Loopback peers = Loopback.connect(without, c -> c.ciphers("aes256-ctr"), s -> s.ciphers("aes256-ctr"))) {
            assertEquals("aes256-ctr", peers.client.negotiated().cipherClientToServer());
        }
    }

    /** Every service the boot layer provides, less those of {@code moduleName}: the registry as if it were absent. */
    private List<Object> servicesOutside(String moduleName) {
        List<Object> services = new ArrayList<>();
        for (AlgorithmFamily<?> family : AlgorithmFamily.values()) {
            services.addAll(registry.installed(family));
        }
        services.addAll(registry.cryptoProviders());
        int before = services.size();
        services.removeIf(s -> moduleName.equals(s.getClass().getModule().getName()));
        assertEquals(before - 1, services.size(), "the vendor module provides exactly one service");
        return services;
    }

    private static List<String> names(List<? extends AlgorithmFactory> factories) {
        return factories.stream().map(AlgorithmFactory::name).toList();
    }
}
