package ssh.test.endtoend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import ssh.api.HostKeyVerifier;
import ssh.api.Role;
import ssh.api.SshDisconnectException;
import ssh.api.SshException;
import ssh.api.SshHostKeyException;
import ssh.api.SshMacException;
import ssh.api.SshNegotiationException;
import ssh.api.SshProtocolException;
import ssh.api.SshUnexpectedMessageException;
import ssh.api.crypto.SshPublicKey;
import ssh.api.wire.DisconnectReason;
import ssh.api.wire.MessageNumbers;
import ssh.api.wire.WireWriter;
import ssh.transport.Payload;
import ssh.transport.Transport;
import ssh.transport.TransportConfig;

/**
 * Shared set-up of the transport hostile-input tests: an evil peer per test, and the checks that
 * every test ends with no thread left behind.
 */
abstract class HostileTransportTestBase {
    static final Duration SETTLE = Duration.ofSeconds(2);

    private Set<Thread> threadsBefore;
    private final List<AutoCloseable> cleanup = new ArrayList<>();

    /** One honest handshake first, so the JDK's lazily started helper threads exist before any snapshot. */
    @BeforeAll
    static void warmUp() throws Exception {
        try (Peers p = Peers.connect(true, c -> c, s -> s)) {
            byte[] data = message(MessageNumbers.CHANNEL_DATA, "warm-up");
            p.server.send(data, 0, data.length);
            p.client.receive(Peers.TIMEOUT);
        }
    }

    @BeforeEach
    void snapshotThreads() {
        threadsBefore = Set.copyOf(Thread.getAllStackTraces().keySet());
    }

    /** Closes the test's helpers, then checks that no platform thread outlived the test. */
    @AfterEach
    void noThreadLeft() throws Exception {
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            cleanup.get(i).close();
        }
        AtomicReference<List<String>> extra = new AtomicReference<>();
        boolean clean = eventually(() -> {
            List<String> names = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.isAlive() && (!threadsBefore.contains(t) || t.getName().startsWith("secsh")))
                    .filter(t -> !(t instanceof ForkJoinWorkerThread) || t.getName().startsWith("secsh"))
                    .filter(t -> !jdkOrJUnitHelper(t.getName()))
                    .map(Thread::getName).toList();
            extra.set(names);
            return names.isEmpty();
        });
        assertTrue(clean, "platform threads left behind: " + extra.get());
    }

    /**
     * Platform threads the JDK starts lazily for virtual threads and timed waits (the scheduler's
     * delay scheduler, the unparker, I/O pollers) and JUnit's timeout watcher: they live on by design.
     */
    private static boolean jdkOrJUnitHelper(String name) {
        return name.startsWith("ForkJoinPool") || name.startsWith("VirtualThread-") || name.endsWith("-Poller")
                || name.startsWith("junit-");
    }

    <T extends AutoCloseable> T track(T closeable) {
        cleanup.add(closeable);
        return closeable;
    }

    EvilPeer evil(TransportConfig config) {
        return track(EvilPeer.against(config));
    }

    static TransportConfig config(Role ours) throws SshException {
        return ours == Role.CLIENT ? EvilPeer.client().build() : EvilPeer.server().build();
    }

    /** {@code e} is a {@code type} with reason {@code reason}. */
    static <T extends SshException> T assertFailure(Class<T> type, int reason, SshException e) {
        assertNotNull(e, "no failure");
        assertInstanceOf(type, e, () -> "wrong exception type: " + e);
        assertEquals(DisconnectReason.name(reason), DisconnectReason.name(e.reasonCode()), () -> "reason code of " + e);
        return type.cast(e);
    }

    static boolean eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    /** The transport closes itself (its reader ends with it) within {@link #SETTLE}. */
    static void assertEnds(Transport t) throws InterruptedException {
        assertTrue(eventually(() -> !t.isOpen()), "the transport is still open " + SETTLE + " after failing");
    }

    static byte[] message(int number, String text) {
        WireWriter w = new WireWriter(64).writeByte(number);
        switch (number) {
            case MessageNumbers.IGNORE -> w.writeUtf8(text);
            case MessageNumbers.DEBUG -> w.writeBoolean(false).writeUtf8(text).writeUtf8("");
            case MessageNumbers.UNIMPLEMENTED -> w.writeUint32(7);
            case MessageNumbers.SERVICE_REQUEST, MessageNumbers.SERVICE_ACCEPT -> w.writeUtf8("ssh-userauth");
            case MessageNumbers.CHANNEL_DATA -> w.writeUint32(0).writeUtf8(text);
            case MessageNumbers.NEWKEYS -> { }
            default -> throw new IllegalArgumentException("no sample of message " + number);
        }
        return w.toByteArray();
    }

    static boolean sent(EvilPeer e, int number) {
        return e.received.stream().anyMatch(p -> (p[0] & 0xff) == number);
    }
}
