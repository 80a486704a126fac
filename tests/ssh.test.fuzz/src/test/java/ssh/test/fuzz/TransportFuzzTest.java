package ssh.test.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import ssh.api.algorithms.AlgorithmRegistry;
import ssh.api.crypto.Primitive;
import ssh.api.crypto.SshKeyCodec;
import ssh.api.crypto.SshKeyPair;
import ssh.api.wire.WireReader;
import ssh.transport.Transport;
import ssh.transport.TransportConfig;

/**
 * OpenSSH's kex_fuzz model: one side is a real secsh transport, the other is fuzz bytes. The bytes
 * reach the version exchange, the binary packet parser, KEXINIT negotiation and every key-exchange
 * reply in both roles. Input runs out quickly, so each run ends with an SshException; anything
 * else (another exception, a hang past the timeout) is a finding. Also the wire decoder alone.
 */
class TransportFuzzTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final TransportConfig SERVER = server();
    private static final TransportConfig CLIENT = TransportConfig.client().hostKeyVerifier((h, p, k) -> true).build();

    private static TransportConfig server() {
        try {
            SshKeyPair key = SshKeyCodec.keyPair("ssh-ed25519",
                    AlgorithmRegistry.load().providerChain(null).generateKeyPair(Primitive.ED25519, 0));
            return TransportConfig.server().hostKeys(List.of(key)).build();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void run(TransportConfig config, byte[] peer) {
        Targets.expectOnlySshExceptions(() -> {
            Transport t = Transport.start(config, "fuzz", 22, new ByteArrayInputStream(peer),
                    OutputStream.nullOutputStream(), null, TIMEOUT);
            t.close();
        });
    }

    @FuzzTest(maxDuration = "10m")
    void serverReadsFuzzedClient(FuzzedDataProvider data) {
        run(SERVER, data.consumeRemainingAsBytes());
    }

    @FuzzTest(maxDuration = "10m")
    void clientReadsFuzzedServer(FuzzedDataProvider data) {
        run(CLIENT, data.consumeRemainingAsBytes());
    }

    /** Every wire type read in the order the fuzzer picks, with its limits. */
    @FuzzTest(maxDuration = "10m")
    void wireDecoder(FuzzedDataProvider data) {
        int[] ops = data.consumeInts(32);
        byte[] input = data.consumeRemainingAsBytes();
        Targets.expectOnlySshExceptions(() -> {
            WireReader r = new WireReader(input, 0, input.length);
            for (int op : ops) {
                switch (Math.floorMod(op, 7)) {
                    case 0 -> r.readString("string", 1 << 16);
                    case 1 -> r.readMpint("mpint");
                    case 2 -> r.readUtf8("text", 4096);
                    case 3 -> r.readNameList("name-list");
                    case 4 -> r.readUint32AsLong("uint32");
                    case 5 -> r.readBoolean("boolean");
                    default -> r.readUint64("uint64");
                }
            }
        });
    }
}
