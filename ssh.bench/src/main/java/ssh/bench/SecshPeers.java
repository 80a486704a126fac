package ssh.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import ssh.api.algorithms.CipherNames;
import ssh.api.algorithms.MacNames;
import ssh.api.crypto.SshKeyPair;
import ssh.api.crypto.SshPublicKey;
import ssh.auth.ClientAuthConfig;
import ssh.auth.ServerAuthConfig;
import ssh.auth.keys.KeyOptions;
import ssh.connection.Session;
import ssh.connection.SessionHandler;
import ssh.connection.SshClient;
import ssh.connection.SshServer;
import ssh.transport.NegotiatedAlgorithms;

/**
 * The secsh side of {@link EndToEndThroughput}: a server whose exec drains or produces bytes, and
 * timed uploads and downloads through the client.
 */
final class SecshPeers {
    /** The size of each write into the channel. */
    static final int CHUNK = 64 * 1024;

    /** {@link #CHUNK} zero bytes, shared by every {@link #writeZeros}: only ever read. */
    private static final byte[] ZEROS = new byte[CHUNK];

    private SecshPeers() {
    }

    /** Writes {@code bytes} zero bytes to {@code out} in {@link #CHUNK}-sized writes (no flush). */
    static void writeZeros(OutputStream out, long bytes) throws IOException {
        for (long left = bytes; left > 0; ) {
            int len = (int) Math.min(ZEROS.length, left);
            out.write(ZEROS, 0, len);
            left -= len;
        }
    }

    /** An exec handler that reads stdin to its end, discards it, and exits 0, whatever the command. */
    static final SessionHandler DRAIN = session -> {
        byte[] buf = new byte[CHUNK];
        InputStream in = session.stdin();
        while (in.read(buf) >= 0) {
            // discard
        }
        return 0;
    };

    /**
     * An exec handler for {@code source N} (see {@link EndToEndThroughput#SOURCE}): writes N zero
     * bytes to stdout from one reused buffer and exits 0; any other command drains as {@link #DRAIN}.
     * A malformed N ends with status 2 and a message on stderr.
     */
    static final SessionHandler DRAIN_OR_SOURCE = session -> {
        long bytes;
        try {
            bytes = EndToEndThroughput.sourceBytes(String.valueOf(session.command()));
        } catch (IllegalArgumentException e) {
            session.stderr().write((e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8));
            return 2;
        }
        if (bytes < 0) {
            return DRAIN.run(session);
        }
        OutputStream out = session.stdout();
        writeZeros(out, bytes);
        out.flush();
        return 0;
    };

    /**
     * An in-process server on 127.0.0.1, a free port, with {@code hostKey}, letting {@code userKey}
     * log in as anyone and accepting its default ciphers and MACs plus those given that secsh
     * knows (an unknown name fails only its own cells); exec drains or produces bytes
     * ({@link #DRAIN_OR_SOURCE}), shells are refused. {@code chain}
     * is the provider chain ({@code "bc"}, {@code "jca"}; null for the default).
     */
    static SshServer startServer(SshKeyPair hostKey, SshPublicKey userKey, List<String> ciphers, List<String> macs,
            String chain) throws IOException {
        String cipherList = accepted(CipherNames.SERVER_DEFAULTS, CipherNames.SUPPORTED, ciphers);
        String macList = accepted(MacNames.SERVER_DEFAULTS, MacNames.SUPPORTED, macs);
        return SshServer.builder().hostKey(hostKey).port(0)
                .transport(b -> b.ciphers(cipherList).macs(macList).providerChain(chain))
                .auth(ServerAuthConfig.builder().publicKey((user, key, from) ->
                        key.equals(userKey) ? Optional.of(KeyOptions.NONE) : Optional.empty()).build())
                .exec(DRAIN_OR_SOURCE).shell(null).start();
    }

    private static String accepted(List<String> defaults, List<String> supported, List<String> wanted) {
        return Stream.concat(defaults.stream(), wanted.stream().filter(supported::contains)).distinct()
                .collect(Collectors.joining(","));
    }

    /**
     * A logged-in client offering only {@code cipher} and {@code mac}; fails unless {@code cipher}
     * was negotiated in the direction the data will flow ({@code upload}: client to server).
     */
    private static SshClient connect(int port, SshPublicKey hostKey, String user, SshKeyPair userKey, String cipher,
            String mac, String chain, boolean upload) throws Exception {
        SshClient client = SshClient.builder("127.0.0.1", port)
                .hostKeyVerifier((h, p, key) -> key.equals(hostKey))
                .transport(b -> b.ciphers(cipher).macs(mac).providerChain(chain))
                .connect(ClientAuthConfig.builder(user).key(userKey).build());
        NegotiatedAlgorithms n = client.connection().transport().negotiated();
        String used = upload ? n.cipherClientToServer() : n.cipherServerToClient();
        if (!cipher.equals(used)) {
            client.close();
            throw new IOException("negotiated " + used + ", not " + cipher);
        }
        return client;
    }

    /**
     * Connects to {@code port} on 127.0.0.1 (the host key must be {@code hostKey}) with only
     * {@code cipher} and {@code mac} offered, logs in as {@code user} with {@code userKey}, runs
     * {@code command} and uploads {@code bytes} zero bytes into it. Returns the seconds from the
     * first write to the remote exit status (the channel's close); connecting, authenticating and
     * opening the session are not timed. {@code chain} is the client's provider chain (null: default).
     */
    static double upload(int port, SshPublicKey hostKey, String user, SshKeyPair userKey, String cipher, String mac,
            String command, long bytes, String chain) throws Exception {
        try (SshClient client = connect(port, hostKey, user, userKey, cipher, mac, chain, true)) {
            try (Session s = client.openSession()) {
                s.exec(command);
                ByteArrayOutputStream err = new ByteArrayOutputStream();
                Thread drainOut = Thread.ofVirtual().start(() -> drain(s.getInputStream(), null));
                Thread drainErr = Thread.ofVirtual().start(() -> drain(s.getErrorStream(), err));
                OutputStream out = s.getOutputStream();
                long start = System.nanoTime();
                writeZeros(out, bytes);
                s.shutdownOutput();
                Session.ExitStatus status = s.waitFor(Duration.ofSeconds(OpenSshProcesses.timeoutSeconds(bytes)));
                long end = System.nanoTime();
                drainOut.join(Duration.ofSeconds(5));
                drainErr.join(Duration.ofSeconds(5));
                if (!status.success()) {
                    throw new IOException("remote command ended with " + status + ": "
                            + err.toString(StandardCharsets.UTF_8).strip());
                }
                return (end - start) / 1e9;
            }
        }
    }

    /**
     * Connects and logs in as {@link #upload} does, runs {@code command} (which must write
     * {@code bytes} bytes to stdout and exit 0) and reads its stdout to the end, counting and
     * discarding it. Returns the seconds from the exec request to the remote exit status after the
     * last byte; throws if the count or the status is wrong.
     */
    static double download(int port, SshPublicKey hostKey, String user, SshKeyPair userKey, String cipher, String mac,
            String command, long bytes, String chain) throws Exception {
        try (SshClient client = connect(port, hostKey, user, userKey, cipher, mac, chain, false)) {
            try (Session s = client.openSession()) {
                ByteArrayOutputStream err = new ByteArrayOutputStream();
                long start = System.nanoTime();
                s.exec(command);
                Thread drainErr = Thread.ofVirtual().start(() -> drain(s.getErrorStream(), err));
                long received = count(s.getInputStream());
                Session.ExitStatus status = s.waitFor(Duration.ofSeconds(OpenSshProcesses.timeoutSeconds(bytes)));
                long end = System.nanoTime();
                drainErr.join(Duration.ofSeconds(5));
                if (!status.success() || received != bytes) {
                    throw new IOException("remote command ended with " + status + " after " + received + " of "
                            + bytes + " bytes: " + err.toString(StandardCharsets.UTF_8).strip());
                }
                return (end - start) / 1e9;
            }
        }
    }

    /** Reads {@code in} to its end and returns how many bytes it gave. */
    static long count(InputStream in) throws IOException {
        byte[] buf = new byte[CHUNK];
        long total = 0;
        for (int n; (n = in.read(buf)) >= 0; ) {
            total += n;
        }
        return total;
    }

    /** Reads a stream to its end, keeping at most 4 KiB of it in {@code keep} (if not null). */
    private static void drain(InputStream in, ByteArrayOutputStream keep) {
        byte[] buf = new byte[8192];
        try {
            for (int n; (n = in.read(buf)) >= 0; ) {
                if (keep != null && keep.size() < 4096) {
                    keep.write(buf, 0, Math.min(n, 4096 - keep.size()));
                }
            }
        } catch (IOException e) {
            // the channel closed: the status says how it ended
        }
    }
}
