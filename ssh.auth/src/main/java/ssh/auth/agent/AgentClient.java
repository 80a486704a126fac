package ssh.auth.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import ssh.api.SshException;
import ssh.api.crypto.SshKeyCodec;
import ssh.api.crypto.SshKeyPair;
import ssh.api.crypto.SshPublicKey;
import ssh.api.wire.WireFormatException;
import ssh.api.wire.WireReader;
import ssh.api.wire.WireWriter;

/**
 * A client of the ssh-agent protocol (draft-miller-ssh-agent) over the agent's Unix-domain socket:
 * lists the agent's keys, asks it to sign, and adds and removes keys.
 *
 * <p>Each call sends one request and reads its one reply under a lock, so an instance may be
 * shared between threads. Every connect, write and read has a deadline ({@link #DEFAULT_TIMEOUT}
 * unless given); a reply over 256 KiB is refused before it is buffered. A failed exchange leaves the
 * stream out of step, so the client closes itself and later calls fail with {@link AgentException}.
 */
public final class AgentClient implements AutoCloseable {
    /** The connect and per-message timeout used unless one is given. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /** Sign-request flag: sign with {@code rsa-sha2-256} instead of {@code ssh-rsa}. */
    public static final int SSH_AGENT_RSA_SHA2_256 = 2;
    /** Sign-request flag: sign with {@code rsa-sha2-512} instead of {@code ssh-rsa}. */
    public static final int SSH_AGENT_RSA_SHA2_512 = 4;

    static final int SSH_AGENT_FAILURE = 5;
    static final int SSH_AGENT_SUCCESS = 6;
    static final int SSH_AGENTC_REQUEST_IDENTITIES = 11;
    static final int SSH_AGENT_IDENTITIES_ANSWER = 12;
    static final int SSH_AGENTC_SIGN_REQUEST = 13;
    static final int SSH_AGENT_SIGN_RESPONSE = 14;
    static final int SSH_AGENTC_ADD_IDENTITY = 17;
    static final int SSH_AGENTC_REMOVE_IDENTITY = 18;
    static final int SSH_AGENTC_REMOVE_ALL_IDENTITIES = 19;
    /** Failure codes of older agents, which OpenSSH also treats as failure. */
    private static final int SSH2_AGENT_FAILURE = 30;
    private static final int SSH_COM_AGENT2_FAILURE = 102;
    /** The smallest encoding of one identity: an empty key blob and an empty comment. */
    private static final int MIN_IDENTITY_BYTES = 8;

    private final AgentChannel channel;
    private final ReentrantLock lock = new ReentrantLock();
    private boolean closed;

    private AgentClient(AgentChannel channel) {
        this.channel = channel;
    }

    /** Connects to the agent listening on {@code socket}, with {@link #DEFAULT_TIMEOUT}. */
    public static AgentClient connect(Path socket) throws IOException {
        return connect(socket, DEFAULT_TIMEOUT);
    }

    /** Connects to the agent listening on {@code socket}; connect and every reply must come within {@code timeout}. */
    public static AgentClient connect(Path socket, Duration timeout) throws IOException {
        Objects.requireNonNull(socket, "socket");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        return new AgentClient(AgentChannel.open(socket, timeout));
    }

    /**
     * Connects to the agent named by the {@code SSH_AUTH_SOCK} environment variable; empty when it
     * is unset or blank. A set variable whose socket cannot be reached is an {@link IOException}.
     */
    public static Optional<AgentClient> fromEnvironment() throws IOException {
        return fromEnvironment(System.getenv());
    }

    static Optional<AgentClient> fromEnvironment(Map<String, String> env) throws IOException {
        String sock = env.get("SSH_AUTH_SOCK");
        if (sock == null || sock.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(connect(Path.of(sock)));
    }

    /** The keys the agent holds, in the agent's order; blobs without a readable key type are skipped. */
    public List<Identity> identities() throws IOException {
        byte[] reply = exchange(new byte[] {SSH_AGENTC_REQUEST_IDENTITIES}, "list keys");
        WireReader r = expect(reply, SSH_AGENT_IDENTITIES_ANSWER, "list keys");
        long count = r.readUint32AsLong("identity count");
        if (count > r.remaining() / MIN_IDENTITY_BYTES) {
            throw new WireFormatException("identity count", count + " identities cannot fit in " + r.remaining() + " bytes");
        }
        List<Identity> out = new ArrayList<>((int) count);
        for (long i = 0; i < count; i++) {
            byte[] blob = r.readString("identity key blob");
            String comment = new String(r.readString("identity comment"), StandardCharsets.UTF_8);
            keyType(blob).ifPresent(type -> out.add(new Identity(new SshPublicKey(type, blob), comment)));
        }
        r.requireEnd("identities answer");
        return List.copyOf(out);
    }

    /**
     * Asks the agent to sign {@code data} with its private key for {@code key}; returns the
     * signature blob (algorithm name, then signature). {@code flags} may hold
     * {@link #SSH_AGENT_RSA_SHA2_256} or {@link #SSH_AGENT_RSA_SHA2_512} for RSA keys.
     *
     * @throws AgentException if the agent refuses, e.g. because it does not hold the key
     */
    public byte[] sign(SshPublicKey key, byte[] data, int flags) throws IOException {
        WireWriter w = new WireWriter(64 + data.length);
        w.writeByte(SSH_AGENTC_SIGN_REQUEST).writeString(key.blob()).writeString(data).writeUint32(flags);
        String what = "sign with " + key.type() + " key";
        WireReader r = expect(exchange(w.toByteArray(), what), SSH_AGENT_SIGN_RESPONSE, what);
        byte[] signature = r.readString("signature blob");
        r.requireEnd("sign response");
        SshKeyCodec.signatureAlgorithm(signature);
        return signature;
    }

    /** Adds {@code key} to the agent with {@code comment}; the request buffer is wiped afterwards. */
    public void add(SshKeyPair key, String comment) throws IOException {
        byte[] fields = key.privateFields().bytes();
        WireWriter w = new WireWriter(64 + fields.length);
        try {
            w.writeByte(SSH_AGENTC_ADD_IDENTITY).writeUtf8(key.publicKey().type()).writeBytes(fields)
                    .writeUtf8(comment);
            byte[] request = w.toByteArray();
            try {
                expectSuccess(exchange(request, "add key"), "add " + key.publicKey().type() + " key");
            } finally {
                Arrays.fill(request, (byte) 0);
            }
        } finally {
            Arrays.fill(fields, (byte) 0);
            w.wipe();
        }
    }

    /** Removes {@code key} from the agent. */
    public void remove(SshPublicKey key) throws IOException {
        byte[] request = new WireWriter().writeByte(SSH_AGENTC_REMOVE_IDENTITY).writeString(key.blob()).toByteArray();
        expectSuccess(exchange(request, "remove key"), "remove " + key.type() + " key");
    }

    /** Removes every key from the agent. */
    public void removeAll() throws IOException {
        expectSuccess(exchange(new byte[] {SSH_AGENTC_REMOVE_ALL_IDENTITIES}, "remove all keys"), "remove all keys");
    }

    /** Closes the connection; later calls fail. Idempotent. */
    @Override
    public void close() throws IOException {
        lock.lock();
        try {
            if (!closed) {
                closed = true;
                channel.close();
            }
        } finally {
            lock.unlock();
        }
    }

    private byte[] exchange(byte[] request, String what) throws IOException {
        lock.lock();
        try {
            if (closed) {
                throw new AgentException("cannot " + what + ": agent connection is closed");
            }
            boolean ok = false;
            try {
                channel.send(request);
                byte[] reply = channel.receive();
                ok = true;
                return reply;
            } finally {
                if (!ok) {
                    closed = true;
                    closeQuietly();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private void closeQuietly() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // The exchange's own error is the one to report.
        }
    }

    private static WireReader expect(byte[] reply, int type, String what) throws SshException {
        int got = reply[0] & 0xff;
        if (isFailure(got)) {
            throw new AgentException("agent refused to " + what);
        }
        if (got != type) {
            throw new AgentException("agent answered request to " + what + " with unexpected message type " + got);
        }
        return new WireReader(reply, 1, reply.length - 1);
    }

    private static void expectSuccess(byte[] reply, String what) throws SshException {
        expect(reply, SSH_AGENT_SUCCESS, what).requireEnd("agent success reply");
    }

    private static boolean isFailure(int type) {
        return type == SSH_AGENT_FAILURE || type == SSH2_AGENT_FAILURE || type == SSH_COM_AGENT2_FAILURE;
    }

    /** The key type at the start of {@code blob}, or empty when there is no valid name there. */
    static Optional<String> keyType(byte[] blob) {
        try {
            byte[] name = new WireReader(blob).readString("key type", WireReader.MAX_NAME_LENGTH);
            String type = new String(name, StandardCharsets.US_ASCII);
            return WireWriter.isValidName(type) ? Optional.of(type) : Optional.empty();
        } catch (WireFormatException e) {
            return Optional.empty();
        }
    }
}
