package ssh.test.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ssh.test.endtoend.RawConnectionPeer.WAIT;

import java.util.BitSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import ssh.api.SshException;
import ssh.api.wire.ChannelOpenFailure;
import ssh.api.wire.MessageNumbers;
import ssh.api.wire.WireReader;
import ssh.connection.ChannelLimits;
import ssh.connection.SshServer;
import ssh.test.endtoend.RawConnectionPeer.U32;
import ssh.transport.Payload;

/**
 * Channel and forwarding floods against our server (issue 9, "window and channel abuse" and the
 * server limits): 20,000 CHANNEL_OPENs sent back to back against a cap of 100 (sshd's
 * {@code MaxSessions} is {@link ChannelLimits#maxChannels()}), 100,000 refused opens with a flat
 * heap, and 70 {@code tcpip-forward} requests against the cap of 64 listeners.
 */
@Timeout(60)
class HostileChannelFloodTest {
    private static final int CAP = 100;

    private static SshServer server(int cap) throws Exception {
        return SshServer.builder().hostKey(AuthPeers.ed25519()).port(0).auth(RawConnectionPeer.PASSWORDS)
                .limits(new ChannelLimits(64 * 1024, 32 * 1024, cap)).exec(s -> 0).shell(null).start();
    }

    /** Sends {@code count} CHANNEL_OPENs numbered from {@code first}, on a virtual thread. */
    private static CompletableFuture<Void> openMany(RawConnectionPeer raw, int first, int count, boolean mixTypes) {
        return RawConnectionPeer.async(() -> {
            for (int i = first; i < first + count; i++) {
                String type = mixTypes && i % 2 == 0 ? "x-unknown@secsh.test" : "session";
                raw.send(MessageNumbers.CHANNEL_OPEN, type, i, new U32(1 << 20), 32 * 1024);
            }
            return null;
        });
    }

    /**
     * 20,000 opens without waiting for answers: exactly {@link #CAP} are confirmed, every other one
     * gets OPEN_FAILURE with RESOURCE_SHORTAGE, each exactly once, and the connection lives on.
     * Fails without the protection: remove the {@code maxChannels} check in
     * {@code Connection}'s open path and all 20,000 are confirmed.
     */
    @Test
    void twentyThousandOpensHoldTheCap() throws Exception {
        int total = 20_000;
        try (SshServer server = server(CAP); RawConnectionPeer raw = RawConnectionPeer.connect(server.port())) {
            CompletableFuture<Void> sending = openMany(raw, 0, total, false);
            BitSet answered = new BitSet(total);
            int confirmed = 0;
            int refused = 0;
            for (int i = 0; i < total; i++) {
                Payload p = raw.next();
                WireReader r = p.reader();
                int id = r.readUint32("recipient");
                assertTrue(id >= 0 && id < total && !answered.get(id), "answer for " + id);
                answered.set(id);
                if (p.messageNumber() == MessageNumbers.CHANNEL_OPEN_CONFIRMATION) {
                    confirmed++;
                } else {
                    assertEquals(MessageNumbers.CHANNEL_OPEN_FAILURE, p.messageNumber(), p::toString);
                    assertEquals(ChannelOpenFailure.RESOURCE_SHORTAGE, r.readUint32("reason"));
                    refused++;
                }
            }
            sending.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertEquals(CAP, confirmed, "channels confirmed");
            assertEquals(total - CAP, refused, "opens refused");
            assertTrue(raw.probe().isEmpty(), "the connection survives the flood");
        }
    }

    /**
     * With the cap full, 100,000 more opens (half of an unknown type) are all refused, and the heap
     * after them is within 1 MiB of the heap before (measured after a GC, server and client in this
     * JVM): a refused open leaves nothing behind.
     */
    @Test
    void hundredThousandRefusedOpensKeepTheHeapFlat() throws Exception {
        int cap = 2;
        try (SshServer server = server(cap); RawConnectionPeer raw = RawConnectionPeer.connect(server.port())) {
            openMany(raw, 0, cap, false).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            for (int i = 0; i < cap; i++) {
                raw.expect(MessageNumbers.CHANNEL_OPEN_CONFIRMATION);
            }
            // a first round warms up the paths, so classes and JIT code are not counted as growth
            refuse(raw, cap, 10_000);
            long before = usedHeapAfterGc();
            refuse(raw, cap + 10_000, 100_000);
            long growth = usedHeapAfterGc() - before;
            assertTrue(growth < 1 << 20, "heap grew by " + growth + " bytes over 100,000 refused opens");
            assertTrue(raw.probe().isEmpty(), "the connection survives the flood");
        }
    }

    private static void refuse(RawConnectionPeer raw, int first, int count) throws Exception {
        CompletableFuture<Void> sending = openMany(raw, first, count, true);
        for (int i = 0; i < count; i++) {
            Payload p = raw.next();
            assertEquals(MessageNumbers.CHANNEL_OPEN_FAILURE, p.messageNumber(), p::toString);
        }
        sending.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    static long usedHeapAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }

    /**
     * 70 {@code tcpip-forward} requests for port 0: 64 listeners (the server's cap) are granted,
     * the rest refused with REQUEST_FAILURE and the connection kept; after one is cancelled, one
     * more is granted. Fails without the protection: remove the {@code MAX_LISTENERS} check in
     * {@code ServerForwarding}.
     */
    @Test
    void forwardingListenersAreCapped() throws Exception {
        try (SshServer server = server(CAP); RawConnectionPeer raw = RawConnectionPeer.connect(server.port())) {
            int granted = 0;
            int firstPort = -1;
            for (int i = 0; i < 70; i++) {
                raw.send(MessageNumbers.GLOBAL_REQUEST, "tcpip-forward", true, "127.0.0.1", 0);
                Payload p = raw.expectAnyOf(MessageNumbers.REQUEST_SUCCESS, MessageNumbers.REQUEST_FAILURE);
                if (p.messageNumber() == MessageNumbers.REQUEST_SUCCESS) {
                    int port = p.reader().readUint32("bound port");
                    firstPort = firstPort < 0 ? port : firstPort;
                    granted++;
                } else {
                    assertEquals(64, granted, "refused before the cap");
                }
            }
            assertEquals(64, granted, "listeners granted");
            raw.send(MessageNumbers.GLOBAL_REQUEST, "cancel-tcpip-forward", true, "127.0.0.1", firstPort);
            raw.expect(MessageNumbers.REQUEST_SUCCESS);
            raw.send(MessageNumbers.GLOBAL_REQUEST, "tcpip-forward", true, "127.0.0.1", 0);
            raw.expect(MessageNumbers.REQUEST_SUCCESS);
        } catch (SshException e) {
            throw new AssertionError("the connection ended: " + e, e);
        }
    }
}
