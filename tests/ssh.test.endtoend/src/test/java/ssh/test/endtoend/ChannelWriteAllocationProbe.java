package ssh.test.endtoend;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import ssh.auth.ClientAuthConfig;
import ssh.auth.PasswordAuthenticator;
import ssh.auth.PasswordPrompt;
import ssh.auth.ServerAuthConfig;
import ssh.connection.Session;
import ssh.connection.SshClient;
import ssh.connection.SshServer;

/**
 * Heap bytes allocated per 32 KiB channel write (ARCHITECTURE.md section 4: the hot path allocates
 * nothing per packet). A secsh client and server share this JVM over an in-memory pipe; the client
 * writes {@code n} times 32 KiB into a session whose server handler drains stdin. Allocation is read
 * from {@link com.sun.management.ThreadMXBean}, so it measures bytes, not time:
 * <ul>
 * <li>{@code writer}: the writing thread alone (Channel.write, Connection, Transport.send, PacketWriter);
 * <li>{@code total}: every thread of the JVM until the server has read it all (the write path plus the
 *     read side: PacketReader, the reader loop, the connection dispatcher, the channel buffer, the
 *     handler's reads and the WINDOW_ADJUSTs).
 * </ul>
 * Run: {@code java -cp <test class path> ssh.test.endtoend.ChannelWriteAllocationProbe [writes]}.
 */
final class ChannelWriteAllocationProbe implements AutoCloseable {
    static final int CHUNK = 32 * 1024;
    private static final Duration T = Duration.ofSeconds(60);

    /** Bytes per 32 KiB write: of the writing thread, and of the whole JVM. */
    record Result(double writer, double total) {
        @Override
        public String toString() {
            return String.format("writer thread %.1f B, all threads %.1f B per 32 KiB write", writer, total);
        }
    }

    private final SshServer server;
    private final Peers pipe;
    private final SshClient client;
    private final Session session;
    private final OutputStream out;
    private final AtomicLong drained = new AtomicLong();

    ChannelWriteAllocationProbe() throws Exception {
        server = SshServer.builder().hostKey(AuthPeers.ed25519()).port(0)
                .auth(ServerAuthConfig.builder().password(PasswordAuthenticator.of(Map.of("u", "p"))).build())
                .exec(s -> {
                    byte[] buf = new byte[64 * 1024];
                    InputStream in = s.stdin();
                    int n;
                    while ((n = in.read(buf)) >= 0) {
                        drained.addAndGet(n);
                    }
                    return 0;
                }).start();
        pipe = Peers.connect(false, c -> c, sc -> sc);
        Thread.ofVirtual().start(() -> {
            try {
                server.serve(pipe.server);
            } catch (Exception e) {
                // the connection ended; the client side reports it
            }
        });
        client = SshClient.builder("memory", 0).over(pipe.client,
                ClientAuthConfig.builder("u").password(PasswordPrompt.of("p".toCharArray())).build());
        session = client.openSession();
        session.exec("drain");
        out = session.getOutputStream();
    }

    /** Writes {@code n} x 32 KiB and waits until the server has read them; returns bytes allocated per write. */
    Result measure(int n) throws Exception {
        byte[] chunk = new byte[CHUNK];
        for (int i = 0; i < CHUNK; i++) {
            chunk[i] = (byte) (i * 31);
        }
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long target = drained.get() + (long) n * CHUNK;
        long writer0 = mx.getCurrentThreadAllocatedBytes();
        long total0 = mx.getTotalThreadAllocatedBytes();
        for (int i = 0; i < n; i++) {
            out.write(chunk, 0, CHUNK);
        }
        long writer1 = mx.getCurrentThreadAllocatedBytes();
        long deadline = System.nanoTime() + T.toNanos();
        while (drained.get() < target) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the server read " + drained.get() + " of " + target + " bytes");
            }
            Thread.sleep(1);
        }
        long total1 = mx.getTotalThreadAllocatedBytes();
        return new Result((writer1 - writer0) / (double) n, (total1 - total0) / (double) n);
    }

    @Override
    public void close() throws Exception {
        session.close();
        client.close();
        pipe.close();
        server.close();
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 4096;
        try (ChannelWriteAllocationProbe p = new ChannelWriteAllocationProbe()) {
            System.out.println("warm-up:  " + p.measure(n));
            System.out.println("warm-up:  " + p.measure(n));
            for (int i = 0; i < 3; i++) {
                System.out.println("measured: " + p.measure(n) + " (" + n + " writes)");
            }
        }
    }
}
