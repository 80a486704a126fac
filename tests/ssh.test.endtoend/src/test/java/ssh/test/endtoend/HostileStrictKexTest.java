package ssh.test.endtoend;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import ssh.api.Role;
import ssh.api.SshException;
import ssh.api.wire.DisconnectReason;
import ssh.api.wire.MessageNumbers;

/**
 * Strict kex (OpenSSH's kex-strict-*-v00, the Terrapin countermeasure) with both sides strict:
 * a message other than the key exchange's own, sent at the point where Terrapin injects its
 * IGNORE, between the kex reply and NEWKEYS, must end the connection with PROTOCOL_ERROR in both
 * roles; for secsh as server also right after KEXINIT. IGNORE before KEXINIT is
 * {@code TransportKexHostileTest.strictKexIgnoreBeforeKexInit}, the secsh client right after KEXINIT
 * is {@code strictKexMessageDuringKex}, and every message number during the exchange is
 * {@code StateMessageMatrixTest}. Fails without the protection: in the WD copy, let
 * {@code KexDriver} pass IGNORE/DEBUG by while it waits for NEWKEYS under strict kex (as it may
 * without it), and the IGNORE cases complete the handshake.
 */
@Timeout(10)
class HostileStrictKexTest extends HostileTransportTestBase {
    private static final int[] MESSAGES = {MessageNumbers.IGNORE, MessageNumbers.DEBUG, MessageNumbers.UNIMPLEMENTED,
        MessageNumbers.SERVICE_REQUEST};

    static Stream<Arguments> cases() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (int m : MESSAGES) {
            b.add(Arguments.of(Role.CLIENT, "before NEWKEYS", m));
            b.add(Arguments.of(Role.SERVER, "before NEWKEYS", m));
            b.add(Arguments.of(Role.SERVER, "after KEXINIT", m));
        }
        return b.build();
    }

    @ParameterizedTest(name = "secsh as {0}, {2} {1}")
    @MethodSource("cases")
    void nonKexMessageDuringTheFirstStrictKex(Role ours, String where, int number) throws Exception {
        EvilPeer e = evil(config(ours));
        e.startHandshake();
        if (ours == Role.CLIENT) {
            byte[] is = EvilKex.simpleKexInit(EvilKex.STRICT_S);
            e.send(is);
            EvilKex.Server s = new EvilKex.Server();
            s.exchange(e.ourVersion, EvilPeer.VERSION, e.ourKexInit, is, e.expect(MessageNumbers.KEX_ECDH_INIT));
            e.send(s.honestReply());
            e.send(message(number, "Terrapin says hello"));
            sendIfOpen(e, message(MessageNumbers.NEWKEYS, null));
        } else {
            e.send(EvilKex.simpleKexInit(EvilKex.STRICT_C));
            if (where.equals("after KEXINIT")) {
                e.send(message(number, "Terrapin says hello"));
            }
            EvilKex.Client c = new EvilKex.Client();
            sendIfOpen(e, c.ecdhInit());
            if (where.equals("before NEWKEYS")) {
                e.expect(MessageNumbers.KEX_ECDH_REPLY);
                e.send(message(number, "Terrapin says hello"));
            }
            sendIfOpen(e, message(MessageNumbers.NEWKEYS, null));
        }
        SshException f = e.failure();
        assertFailure(SshException.class, DisconnectReason.PROTOCOL_ERROR, f);
        if (where.equals("after KEXINIT")) {
            // still in plaintext: the DISCONNECT can be read
            e.assertDisconnect(DisconnectReason.PROTOCOL_ERROR);
            assertFalse(sent(e, MessageNumbers.KEX_ECDH_REPLY), "secsh went on with the exchange");
        }
    }

    /** secsh may already have hung up: a write into the closed pipe is not the test's concern. */
    private static void sendIfOpen(EvilPeer e, byte[] payload) {
        try {
            e.send(payload);
        } catch (IOException closed) {
            // secsh ended first
        }
    }
}
