package ssh.test.endtoend;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import ssh.api.SshChannelOpenException;
import ssh.api.wire.ChannelOpenFailure;
import ssh.connection.ChannelLimits;
import ssh.connection.Connection;

/** Closing a connection from code its own dispatcher runs. */
class ConnectionCloseTest {
    /**
     * A global-request handler runs on the dispatcher; when it closes the connection, close() must
     * not wait for the dispatcher to end, which is itself (it used to wait out a 5 s join).
     */
    @Test
    void aHandlerOnTheDispatcherClosesItsConnectionAtOnce() throws Exception {
        try (Peers p = Peers.connect(false, c -> c, s -> s)) {
            AtomicReference<Connection> self = new AtomicReference<>();
            Connection server = Connection.start(p.server, ChannelLimits.DEFAULT,
                    (c, id, type, data) -> {
                        throw new SshChannelOpenException(ChannelOpenFailure.ADMINISTRATIVELY_PROHIBITED, "no");
                    },
                    (name, data) -> {
                        self.get().close();
                        return null;
                    });
            self.set(server);
            Connection client = Connection.start(p.client, ChannelLimits.DEFAULT,
                    (c, id, type, data) -> {
                        throw new SshChannelOpenException(ChannelOpenFailure.ADMINISTRATIVELY_PROHIBITED, "no");
                    },
                    (name, data) -> null);
            client.globalRequestNoReply("close-yourself@secsh.test", new byte[0]);
            // Well under the old 5 s: the end comes as soon as the handler returns.
            assertDoesNotThrow(() -> server.awaitEnd(Duration.ofSeconds(3)));
            client.close();
        }
    }
}
