package ssh.bench;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchAlgoNegoFailException;
import com.jcraft.jsch.Session;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The JSch side of {@link EndToEndThroughput} (the maintained fork, com.github.mwiede:jsch): timed
 * uploads from JSch into, and downloads from, the harness's private OpenSSH {@code sshd}.
 */
final class JschPeers {
    private static final int SETUP_MS = 30_000;

    private JschPeers() {
    }

    /**
     * "n/a (unsupported)" if this JSch cannot run {@code cipher} (or, for a non-AEAD cipher,
     * {@code mac}), checked as JSch's own CheckCiphers does: the class must load and initialise.
     */
    static String unsupported(String cipher, String mac) {
        boolean aead = cipher.contains("gcm") || cipher.contains("poly1305");
        if (!cipherWorks(cipher) || (!aead && !macWorks(mac))) {
            return "n/a (unsupported)";
        }
        return null;
    }

    private static boolean cipherWorks(String name) {
        String className = JSch.getConfig(name);
        if (className == null) {
            return false;
        }
        try {
            com.jcraft.jsch.Cipher c = Class.forName(className).asSubclass(com.jcraft.jsch.Cipher.class)
                    .getDeclaredConstructor().newInstance();
            c.init(com.jcraft.jsch.Cipher.ENCRYPT_MODE, new byte[Math.max(32, c.getBlockSize())],
                    new byte[Math.max(1, c.getIVSize())]);
            return true;
        } catch (Exception | LinkageError e) {
            return false;
        }
    }

    private static boolean macWorks(String name) {
        String className = JSch.getConfig(name);
        if (className == null) {
            return false;
        }
        try {
            com.jcraft.jsch.MAC m = Class.forName(className).asSubclass(com.jcraft.jsch.MAC.class)
                    .getDeclaredConstructor().newInstance();
            m.init(new byte[m.getBlockSize()]);
            return true;
        } catch (Exception | LinkageError e) {
            return false;
        }
    }

    /**
     * Logs in to {@code port} on 127.0.0.1 as {@code user} with the OpenSSH private key file
     * {@code identity} (the host key must be the {@code knownHostsLine}'s), offering only
     * {@code cipher} and {@code mac}; runs {@code command} and uploads {@code bytes} zero bytes into
     * it. Returns the seconds from the first write (after the server accepted the exec request) to
     * the remote exit status.
     */
    static double upload(int port, String knownHostsKey, Path identity, String user, String cipher, String mac,
            String command, long bytes) throws Exception {
        Session session = connect(port, knownHostsKey, identity, user, cipher, mac);
        try {
            ChannelExec channel = (ChannelExec) session.openChannel("exec");
            channel.setCommand(command);
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            channel.setErrStream(err, true);
            InputStream stdout = channel.getInputStream();
            OutputStream out = channel.getOutputStream();
            channel.connect(SETUP_MS); // returns once sshd accepted the exec request (want-reply)
            try {
                long start = System.nanoTime();
                SecshPeers.writeZeros(out, bytes);
                out.close();
                stdout.transferTo(OutputStream.nullOutputStream()); // ends at the server's EOF
                awaitExit(channel, bytes);
                long end = System.nanoTime();
                int status = channel.getExitStatus();
                if (status != 0) {
                    throw new IOException("remote command ended with " + status + ": "
                            + err.toString(StandardCharsets.UTF_8).strip());
                }
                return (end - start) / 1e9;
            } finally {
                channel.disconnect();
            }
        } finally {
            session.disconnect();
        }
    }

    /**
     * Logs in as {@link #upload} does, runs {@code command} (which must write {@code bytes} bytes
     * and exit 0) and reads its stdout to the end, counting and discarding it. Returns the seconds
     * from the channel's connect (open, then the exec request) to the exit status after the last
     * byte; throws if the count or the status is wrong.
     */
    static double download(int port, String knownHostsKey, Path identity, String user, String cipher, String mac,
            String command, long bytes) throws Exception {
        Session session = connect(port, knownHostsKey, identity, user, cipher, mac);
        try {
            ChannelExec channel = (ChannelExec) session.openChannel("exec");
            channel.setCommand(command);
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            channel.setErrStream(err, true);
            InputStream stdout = channel.getInputStream();
            try {
                long start = System.nanoTime();
                channel.connect(SETUP_MS);
                long received = SecshPeers.count(stdout); // ends at the server's EOF
                awaitExit(channel, bytes);
                long end = System.nanoTime();
                int status = channel.getExitStatus();
                if (status != 0 || received != bytes) {
                    throw new IOException("remote command ended with " + status + " after " + received + " of "
                            + bytes + " bytes: " + err.toString(StandardCharsets.UTF_8).strip());
                }
                return (end - start) / 1e9;
            } finally {
                channel.disconnect();
            }
        } finally {
            session.disconnect();
        }
    }

    /** A connected, authenticated session offering only {@code cipher} and {@code mac}. */
    private static Session connect(int port, String knownHostsKey, Path identity, String user, String cipher,
            String mac) throws Exception {
        JSch jsch = new JSch();
        jsch.setKnownHosts(new ByteArrayInputStream(("[127.0.0.1]:" + port + " " + knownHostsKey + "\n")
                .getBytes(StandardCharsets.UTF_8)));
        jsch.addIdentity(identity.toString());
        Session session = jsch.getSession(user, "127.0.0.1", port);
        session.setConfig("StrictHostKeyChecking", "yes");
        session.setConfig("PreferredAuthentications", "publickey");
        session.setConfig("cipher.c2s", cipher);
        session.setConfig("cipher.s2c", cipher);
        session.setConfig("mac.c2s", mac);
        session.setConfig("mac.s2c", mac);
        try {
            session.connect(SETUP_MS);
        } catch (JSchAlgoNegoFailException e) {
            throw new IOException("JSch and sshd agree on no algorithm: " + e.getMessage(), e);
        }
        // JSch offers only the one cipher and MAC set above, so a session is proof they were negotiated.
        return session;
    }

    /** Waits (polling, as JSch has no wait) for the exit status or the channel's close. */
    private static void awaitExit(ChannelExec channel, long bytes) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(OpenSshProcesses.timeoutSeconds(bytes));
        while (channel.getExitStatus() == -1 && !channel.isClosed() && System.nanoTime() < deadline) {
            Thread.sleep(0, 200_000);
        }
    }
}
