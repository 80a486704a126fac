package ssh.test.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import ssh.api.SshException;
import ssh.api.algorithms.AlgorithmFamily;
import ssh.api.algorithms.AlgorithmRegistry;
import ssh.api.algorithms.ProviderChain;
import ssh.api.crypto.Primitive;
import ssh.api.crypto.SshKeyCodec;
import ssh.api.crypto.SshKeyPair;
import ssh.api.crypto.SshPublicKey;
import ssh.api.spi.KexFactory;
import ssh.api.spi.KexInput;
import ssh.api.spi.KexResult;
import ssh.api.spi.KexTransport;
import ssh.api.spi.PublicKeyAlgorithmFactory;
import ssh.api.wire.DisconnectReason;
import ssh.api.wire.WireReader;
import ssh.api.wire.WireWriter;

/**
 * Every installed key-exchange method, legacy ones included, run directly through the kex SPI
 * with the peer's messages taken from fuzz bytes: the client reading each kex reply (and, for group
 * exchange, the group), and the server reading each client message (the group request, the public
 * value). The client then checks the host-key signature the way the transport does. A message
 * comes without its number, as {@link KexTransport#receive} hands it over.
 */
class KexFuzzTest {
    private static final AlgorithmRegistry REGISTRY = AlgorithmRegistry.load();
    private static final ProviderChain CRYPTO = chain();
    private static final List<KexFactory> METHODS = REGISTRY.installed(AlgorithmFamily.KEX).stream()
            .sorted(Comparator.comparing(KexFactory::name)).toList();
    private static final PublicKeyAlgorithmFactory ED25519 =
            REGISTRY.find(AlgorithmFamily.PUBLIC_KEY, "ssh-ed25519").orElseThrow();
    private static final SshKeyPair HOST_KEY = hostKey();
    private static final byte[] CLIENT_KEXINIT = {20, 1, 2, 3};
    private static final byte[] SERVER_KEXINIT = {20, 4, 5, 6};

    private static ProviderChain chain() {
        try {
            return REGISTRY.providerChain(null);
        } catch (SshException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SshKeyPair hostKey() {
        try {
            return SshKeyCodec.keyPair("ssh-ed25519", CRYPTO.generateKeyPair(Primitive.ED25519, 0));
        } catch (SshException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A kex transport whose every received message is the next fuzz chunk; what we send is dropped. */
    private static KexTransport fuzzed(FuzzedDataProvider data) {
        return new KexTransport() {
            private final WireWriter out = new WireWriter(1024);

            @Override
            public WireWriter newMessage() {
                return out.reset();
            }

            @Override
            public void send(WireWriter message) {
                // the fuzzed peer ignores what we say
            }

            @Override
            public WireReader receive(int expected) throws SshException {
                if (data.remainingBytes() == 0) {
                    throw new SshException(DisconnectReason.CONNECTION_LOST, "fuzz input ended", null);
                }
                byte[] message = data.consumeBytes(data.consumeInt(0, 4096));
                return new WireReader(message);
            }
        };
    }

    private static KexInput input(KexInput.HostKeySigner signer) {
        return new KexInput("SSH-2.0-client".getBytes(StandardCharsets.US_ASCII),
                "SSH-2.0-server".getBytes(StandardCharsets.US_ASCII), CLIENT_KEXINIT, SERVER_KEXINIT, signer);
    }

    @FuzzTest(maxDuration = "10m")
    void clientReadsKexReply(FuzzedDataProvider data) {
        KexFactory method = METHODS.get(data.consumeInt(0, METHODS.size() - 1));
        Targets.expectOnlySshExceptions(() -> {
            KexResult result = method.create(CRYPTO).client(fuzzed(data), input(null));
            for (PublicKeyAlgorithmFactory f : REGISTRY.installed(AlgorithmFamily.PUBLIC_KEY)) {
                if (f.keyType().equals(result.hostKey().type())) {
                    Targets.expectOnlySshExceptions(
                            () -> f.verify(result.hostKey(), result.exchangeHash(), result.signature(), CRYPTO));
                }
            }
        });
    }

    @FuzzTest(maxDuration = "10m")
    void serverReadsKexRequest(FuzzedDataProvider data) {
        KexFactory method = METHODS.get(data.consumeInt(0, METHODS.size() - 1));
        KexInput.HostKeySigner signer = new KexInput.HostKeySigner() {
            @Override
            public SshPublicKey publicKey() {
                return HOST_KEY.publicKey();
            }

            @Override
            public byte[] sign(byte[] exchangeHash) throws SshException {
                return ED25519.sign(HOST_KEY, exchangeHash, CRYPTO);
            }
        };
        Targets.expectOnlySshExceptions(() -> method.create(CRYPTO).server(fuzzed(data), input(signer)));
    }
}
