package ssh.test.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import ssh.api.SshException;
import ssh.api.wire.MessageNumbers;
import ssh.auth.PasswordAuthenticator;
import ssh.auth.ServerAuthConfig;
import ssh.transport.Transport;

/**
 * The server's answer to a wrong password must not tell a known user from an unknown one. Many
 * timed tries of each, interleaved so that drift on the machine hits both alike, are compared as
 * distributions with the two-sample Kolmogorov-Smirnov test; a control with an authenticator that
 * is slower for known users shows the comparison can see a difference.
 */
class UserAuthTimingTest {
    private static final int TRIES = 150;
    /** KS critical coefficient for alpha = 0.0001: sqrt(-ln(alpha / 2) / 2). */
    private static final double C_ALPHA = Math.sqrt(-Math.log(0.0001 / 2) / 2);

    @Test
    void unknownUserAndWrongPasswordTakeTheSameTime() throws Exception {
        double d = ksDistance(PasswordAuthenticator.of(Map.of("robey", "foo")));
        assertTrue(d < critical(), "answer times differ: KS distance " + d + " >= " + critical());
    }

    @Test
    void theComparisonSeesALeakyAuthenticator() throws Exception {
        PasswordAuthenticator table = PasswordAuthenticator.of(Map.of("robey", "foo"));
        PasswordAuthenticator leaky = (user, password, from) -> {
            if (user.equals("robey")) {
                try {
                    Thread.sleep(2 * ServerAuthConfig.DEFAULT_FAILURE_DELAY.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return table.authenticate(user, password, from);
        };
        double d = ksDistance(leaky);
        assertTrue(d >= critical(), "a known user's slower check went unseen: KS distance " + d);
    }

    private static double critical() {
        return C_ALPHA * Math.sqrt(2.0 / TRIES);
    }

    /** The KS distance between answer times for a wrong password of "robey" and of "nobody". */
    private static double ksDistance(PasswordAuthenticator authenticator) throws Exception {
        ServerAuthConfig config = ServerAuthConfig.builder().password(authenticator).maxAuthTries(10 * TRIES).build();
        try (Peers known = Peers.connect(false, c -> c, s -> s); Peers unknown = Peers.connect(false, c -> c, s -> s)) {
            AuthPeers.serve(known.server, config);
            AuthPeers.serve(unknown.server, config);
            known.client.requestService("ssh-userauth", Peers.TIMEOUT);
            unknown.client.requestService("ssh-userauth", Peers.TIMEOUT);
            for (int i = 0; i < 10; i++) {  // warm up both paths
                time(known.client, "robey");
                time(unknown.client, "nobody");
            }
            long[] a = new long[TRIES];
            long[] b = new long[TRIES];
            for (int i = 0; i < TRIES; i++) {
                if (i % 2 == 0) {
                    a[i] = time(known.client, "robey");
                    b[i] = time(unknown.client, "nobody");
                } else {
                    b[i] = time(unknown.client, "nobody");
                    a[i] = time(known.client, "robey");
                }
            }
            double d = ks(a, b);
            System.out.printf("auth timing: median known %.2f ms, unknown %.2f ms, KS distance %.3f (critical %.3f)%n",
                    median(a) / 1e6, median(b) / 1e6, d, critical());
            return d;
        }
    }

    private static long time(Transport client, String user) throws SshException {
        long start = System.nanoTime();
        AuthPeers.send(client, MessageNumbers.USERAUTH_REQUEST, user, "ssh-connection", "password", false, "wrong");
        assertEquals(MessageNumbers.USERAUTH_FAILURE, client.receive(Duration.ofSeconds(10)).messageNumber());
        return System.nanoTime() - start;
    }

    private static double median(long[] v) {
        long[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    /** The two-sample Kolmogorov-Smirnov statistic: the largest gap between the empirical CDFs. */
    static double ks(long[] a, long[] b) {
        long[] x = a.clone();
        long[] y = b.clone();
        Arrays.sort(x);
        Arrays.sort(y);
        int i = 0;
        int j = 0;
        double d = 0;
        while (i < x.length && j < y.length) {
            long v = Math.min(x[i], y[j]);
            while (i < x.length && x[i] == v) {
                i++;
            }
            while (j < y.length && y[j] == v) {
                j++;
            }
            d = Math.max(d, Math.abs((double) i / x.length - (double) j / y.length));
        }
        return d;
    }
}
