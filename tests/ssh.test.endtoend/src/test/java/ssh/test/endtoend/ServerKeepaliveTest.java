package ssh.test.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import ssh.api.SshException;
import ssh.api.SshTimeoutException;
import ssh.api.wire.MessageNumbers;
import ssh.connection.SshServer;
import ssh.transport.Payload;

/** ClientAliveInterval: the server asks a silent client for keepalives and drops it after ClientAliveCountMax. */
class ServerKeepaliveTest {
    @Test
    void aClientThatNeverAnswersIsDropped() throws Exception {
        try (SshServer server = SshServer.builder().hostKey(AuthPeers.ed25519()).port(0)
                .auth(RawConnectionPeer.PASSWORDS).clientAlive(Duration.ofMillis(200), 2).start();
                RawConnectionPeer silent = RawConnectionPeer.connect(server.port())) {
            int keepalives = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            boolean ended = false;
            while (!ended && System.nanoTime() < deadline) {
                try {
                    Payload p = silent.transport.receive(Duration.ofMillis(200));
                    if (p.messageNumber() == MessageNumbers.GLOBAL_REQUEST
                            && !RawConnectionPeer.isHostKeysAnnouncement(p)) {
                        assertEquals("keepalive@openssh.com", p.reader().readUtf8("request name"));
                        keepalives++;
                    }
                } catch (SshTimeoutException quiet) {
                    // keep listening
                } catch (SshException gone) {
                    ended = true;
                }
            }
            assertTrue(ended, "the server kept the silent client");
            assertEquals(2, keepalives, "ClientAliveCountMax requests before the server gave up");
        }
    }
}
