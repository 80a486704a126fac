package ssh.test.javapeers;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.Logger;
import com.jcraft.jsch.Session;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * One JSch client session against a server on 127.0.0.1: JSch offers exactly the algorithms it
 * is given, checks the host key against a known_hosts line, logs in, runs {@link XorEcho} over
 * {@code exec} with {@link XorEcho#SIZE} bytes, and asks for a rekey half-way. Its debug log is
 * kept for failure messages.
 */
final class JschRun implements AutoCloseable {
    private static final int MS = (int) SecshServerPeer.TIMEOUT.toMillis();
    final JSch jsch = new JSch();
    final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private Session session;

    JschRun() {
        jsch.setInstanceLogger(new Logger() {
            @Override
            public boolean isEnabled(int level) {
                return true;
            }

            @Override
            public void log(int level, String message) {
                log.add(message);
            }
        });
    }

    /**
     * Connects as {@code user} (with {@code password} if not null) to {@code port}, trusting only
     * {@code knownHostsKey} (a "type base64" public-key line), with {@code config} (JSch's names:
     * kex, server_host_key, cipher.c2s, ...) on top of JSch's defaults.
     */
    Session connect(int port, String knownHostsKey, String user, String password, Map<String, String> config)
            throws Exception {
        jsch.setKnownHosts(new ByteArrayInputStream(("[127.0.0.1]:" + port + " " + knownHostsKey + "\n")
                .getBytes(StandardCharsets.UTF_8)));
        session = jsch.getSession(user, "127.0.0.1", port);
        session.setConfig("StrictHostKeyChecking", "yes");
        config.forEach(session::setConfig);
        if (password != null) {
            session.setPassword(password.getBytes(StandardCharsets.UTF_8));
        }
        session.connect(MS);
        return session;
    }

    /**
     * Runs the echo over exec: sends {@code data} (rekeying after the first half if asked), closes
     * stdin, and returns what came back on stdout, stderr and the exit status.
     */
    Result exchange(byte[] data, boolean rekey) throws Exception {
        ChannelExec channel = (ChannelExec) session.openChannel("exec");
        channel.setCommand("xor");
        XorEcho.Sink out = new XorEcho.Sink();
        XorEcho.Sink err = new XorEcho.Sink();
        channel.setOutputStream(out, true);
        channel.setErrStream(err, true);
        OutputStream in = channel.getOutputStream();
        channel.connect(MS);
        try {
            int half = data.length / 2;
            in.write(data, 0, half);
            in.flush();
            if (rekey) {
                session.rekey();
            }
            in.write(data, half, data.length - half);
            in.close(); // EOF
            long deadline = System.nanoTime() + SecshServerPeer.TIMEOUT.toNanos();
            while (!channel.isClosed() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            return new Result(out.toByteArray(), err.text(), channel.isClosed() ? channel.getExitStatus() : null);
        } finally {
            channel.disconnect();
        }
    }

    /** What the remote command answered; {@code exitStatus} null if the channel did not close in time. */
    record Result(byte[] stdout, String stderr, Integer exitStatus) {
    }

    /** The last lines of JSch's log, for a failure message. */
    String logTail() {
        synchronized (log) {
            return String.join("\n  ", log.subList(Math.max(0, log.size() - 40), log.size()));
        }
    }

    @Override
    public void close() {
        if (session != null) {
            session.disconnect();
        }
    }
}
