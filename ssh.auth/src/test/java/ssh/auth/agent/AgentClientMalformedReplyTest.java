package ssh.auth.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ssh.api.SshException;
import ssh.api.SshTimeoutException;
import ssh.api.wire.WireFormatException;
import ssh.api.wire.WireWriter;

/** AgentClient against a fake agent that sends one canned reply (or none) to every request. */
class AgentClientMalformedReplyTest {
    @TempDir
    Path dir;

    /** Runs {@code call} against a fake agent answering with the raw bytes {@code reply}. */
    private <T> T against(byte[] reply, Call<T> call) throws Exception {
        Path sock = java.nio.file.Files.createTempDirectory(dir, "s").resolve("fake.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(sock));
            Thread t = Thread.ofVirtual().start(() -> {
                try (SocketChannel peer = server.accept()) {
                    ByteBuffer in = ByteBuffer.allocate(4096);
                    peer.read(in);
                    peer.write(ByteBuffer.wrap(reply));
                    Thread.sleep(2000);
                } catch (IOException | InterruptedException ignored) {
                    // the test ended the exchange
                }
            });
            try (AgentClient client = AgentClient.connect(sock, Duration.ofMillis(500))) {
                return call.run(client);
            } finally {
                t.interrupt();
            }
        }
    }

    interface Call<T> {
        T run(AgentClient client) throws Exception;
    }

    private static byte[] frame(WireWriter body) {
        byte[] b = body.toByteArray();
        return new WireWriter().writeString(b).toByteArray();
    }

    @Test
    void refusesOversizedReplyBeforeReadingIt() throws Exception {
        byte[] header = {0x00, 0x04, 0x00, 0x01};
        AgentException e = assertThrows(AgentException.class, () -> against(header, AgentClient::identities));
        assertTrue(e.getMessage().contains("exceeds"), e.getMessage());
    }

    @Test
    void timesOutWhenTheAgentIsSilent() {
        assertThrows(SshTimeoutException.class, () -> against(new byte[0], AgentClient::identities));
    }

    @Test
    void rejectsTruncatedAndHugeCounts() {
        WireWriter truncated = new WireWriter().writeByte(12).writeUint32(1).writeUint32(50);
        assertThrows(WireFormatException.class, () -> against(frame(truncated), AgentClient::identities));
        WireWriter huge = new WireWriter().writeByte(12).writeUint32(0xffffffffL);
        assertThrows(WireFormatException.class, () -> against(frame(huge), AgentClient::identities));
    }

    @Test
    void rejectsUnexpectedMessageTypeAndEmptyFrame() {
        AgentException e = assertThrows(AgentException.class,
                () -> against(frame(new WireWriter().writeByte(6)), AgentClient::identities));
        assertTrue(e.getMessage().contains("unexpected message type 6"), e.getMessage());
        assertThrows(AgentException.class, () -> against(new byte[4], AgentClient::identities));
    }

    @Test
    void skipsBlobsWithoutAKeyTypeAndKeepsUnknownTypes() throws Exception {
        byte[] unknown = new WireWriter().writeUtf8("foo-key@example.com").writeUint32(7).toByteArray();
        WireWriter answer = new WireWriter().writeByte(12).writeUint32(3)
                .writeString(new byte[] {0, 0}).writeUtf8("no type")
                .writeString(new byte[0]).writeUtf8("empty")
                .writeString(unknown).writeUtf8("unknown");
        List<Identity> ids = against(frame(answer), AgentClient::identities);
        assertEquals(1, ids.size());
        assertEquals("foo-key@example.com", ids.get(0).key().type());
        assertEquals("unknown", ids.get(0).comment());
    }

    @Test
    void rejectsSignatureBlobWithoutAlgorithm() {
        WireWriter response = new WireWriter().writeByte(14).writeString(new byte[] {1, 2, 3});
        var key = new ssh.api.crypto.SshPublicKey("ssh-ed25519", new byte[] {1});
        assertThrows(SshException.class, () -> against(frame(response), c -> c.sign(key, new byte[1], 0)));
    }

    @Test
    void closedClientFails() throws Exception {
        AgentException e = assertThrows(AgentException.class, () -> against(new byte[0], c -> {
            c.close();
            return c.identities();
        }));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }
}
