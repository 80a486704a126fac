package ssh.test.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import ssh.api.Role;
import ssh.api.SshException;
import ssh.api.algorithms.AlgorithmFamily;
import ssh.api.algorithms.AlgorithmRegistry;
import ssh.api.algorithms.ProviderChain;
import ssh.api.crypto.KeyAgreementPrimitive;
import ssh.api.crypto.Primitive;
import ssh.api.crypto.PrivateKeyMaterial;
import ssh.api.crypto.Secret;
import ssh.api.crypto.SshKeyCodec;
import ssh.api.spi.BlockPacketCipher;
import ssh.api.spi.CipherFactory;
import ssh.api.spi.MacFactory;
import ssh.api.spi.PacketMac;
import ssh.api.wire.MessageNumbers;
import ssh.api.wire.WireReader;
import ssh.api.wire.WireWriter;
import ssh.transport.Transport;
import ssh.transport.TransportConfig;

/**
 * The evil side of the state x message matrix: faces one secsh {@link Transport} (started on a
 * virtual thread, over in-memory pipes) and runs a real strict curve25519-sha256 key exchange in
 * the opposite role with its own framing and keys (aes128-ctr with hmac-sha2-256-etm, RFC 4253
 * section 7.2 key derivation), so that after NEWKEYS it still writes any message number it likes
 * and reads every packet secsh sends, UNIMPLEMENTED included, with its sequence number.
 */
final class MatrixPeer implements AutoCloseable {
    static final String VERSION = "SSH-2.0-MatrixPeer_0.1";
    private static final ProviderChain CRYPTO;
    private static final AlgorithmRegistry REGISTRY = AlgorithmRegistry.load();

    static {
        try {
            CRYPTO = REGISTRY.providerChain(null);
        } catch (SshException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** One packet from secsh: its payload and the sequence number it went out with. */
    record Packet(byte[] payload, int sequence) {
        int number() {
            return payload[0] & 0xff;
        }

        WireReader reader() {
            return new WireReader(payload, 1, payload.length - 1);
        }
    }

    private final Role evilRole;
    private final MemoryPipe toSecsh = new MemoryPipe(1 << 20);
    private final MemoryPipe fromSecsh = new MemoryPipe(1 << 20);
    private final DataInputStream in = new DataInputStream(fromSecsh.in);
    private final OutputStream out = toSecsh.out;
    private final CompletableFuture<Transport> secsh = new CompletableFuture<>();
    private final SecureRandom random = new SecureRandom();
    private int sendSequence;
    private int receiveSequence;
    private BlockPacketCipher sendCipher;
    private PacketMac sendMac;
    private BlockPacketCipher receiveCipher;
    private PacketMac receiveMac;
    String secshVersion;
    byte[] secshKexInit;
    byte[] evilKexInit;

    private MatrixPeer(TransportConfig config) {
        evilRole = config.role() == Role.CLIENT ? Role.SERVER : Role.CLIENT;
        Closeable both = () -> {
            toSecsh.close();
            fromSecsh.close();
        };
        Thread.ofVirtual().name("matrix-secsh-start").start(() -> {
            try {
                secsh.complete(Transport.start(config, "matrix.example", 22, toSecsh.in, fromSecsh.out, both,
                        EvilPeer.HANDSHAKE_TIMEOUT));
            } catch (Throwable e) {
                secsh.completeExceptionally(e);
            }
        });
    }

    /** Starts secsh with {@code config} (either role) against a new evil peer. */
    static MatrixPeer against(TransportConfig config) {
        return new MatrixPeer(config);
    }

    // ---- handshake ----

    /** Identification lines both ways, then secsh's KEXINIT. */
    void versions() throws IOException {
        out.write((VERSION + "\r\n").getBytes(StandardCharsets.US_ASCII));
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("secsh closed before its identification line");
            }
            line.write(b);
        }
        secshVersion = line.toString(StandardCharsets.US_ASCII).strip();
        secshKexInit = expect(MessageNumbers.KEXINIT).payload();
    }

    /** Sends the evil KEXINIT, with the strict-kex marker of its role if {@code strict}. */
    void sendKexInit(boolean strict) throws IOException {
        String marker = evilRole == Role.CLIENT ? EvilKex.STRICT_C : EvilKex.STRICT_S;
        evilKexInit = strict ? EvilKex.simpleKexInit(marker) : EvilKex.simpleKexInit();
        send(evilKexInit);
    }

    /** The evil client's KEX_ECDH_INIT, or (evil server) reads secsh's; then the rest of the exchange. */
    void finishKex(boolean strict) throws Exception {
        KeyAgreementPrimitive x25519 = CRYPTO.keyAgreement(Primitive.X25519);
        byte[] ours = x25519.generateKeyPair();
        byte[] h;
        byte[] k;
        if (evilRole == Role.CLIENT) {
            send(new WireWriter(64).writeByte(MessageNumbers.KEX_ECDH_INIT).writeString(ours).toByteArray());
            WireReader r = expect(MessageNumbers.KEX_ECDH_REPLY).reader();
            byte[] ks = r.readString("K_S");
            byte[] qs = r.readString("Q_S");
            k = agree(x25519, qs);
            h = EvilKex.exchangeHash(VERSION, secshVersion, evilKexInit, secshKexInit, ks, ours, qs, k);
        } else {
            WireReader r = awaitKexInit();
            byte[] qc = r.readString("Q_C");
            PrivateKeyMaterial hostKey = CRYPTO.generateKeyPair(Primitive.ED25519, 0);
            byte[] ks = SshKeyCodec.encodePublic(EvilKex.ED25519, hostKey.publicKey()).blob();
            k = agree(x25519, qc);
            h = EvilKex.exchangeHash(secshVersion, VERSION, secshKexInit, evilKexInit, ks, qc, ours, k);
            byte[] sig = SshKeyCodec.signatureBlob(EvilKex.ED25519, CRYPTO.signature(Primitive.ED25519).sign(hostKey, h));
            send(new WireWriter(512).writeByte(MessageNumbers.KEX_ECDH_REPLY).writeString(ks).writeString(ours)
                    .writeString(sig).toByteArray());
        }
        expect(MessageNumbers.NEWKEYS);
        send(new byte[] {MessageNumbers.NEWKEYS});
        boolean client = evilRole == Role.CLIENT;
        CipherFactory cf = REGISTRY.find(AlgorithmFamily.CIPHER, EvilKex.CIPHER).orElseThrow();
        MacFactory mf = REGISTRY.find(AlgorithmFamily.MAC, EvilKex.MAC).orElseThrow();
        sendCipher = (BlockPacketCipher) cf.create(true, derive(k, h, client ? 'C' : 'D'), derive(k, h, client ? 'A' : 'B'),
                CRYPTO);
        sendMac = mf.create(derive(k, h, client ? 'E' : 'F'), CRYPTO);
        receiveCipher = (BlockPacketCipher) cf.create(false, derive(k, h, client ? 'D' : 'C'),
                derive(k, h, client ? 'B' : 'A'), CRYPTO);
        receiveMac = mf.create(derive(k, h, client ? 'F' : 'E'), CRYPTO);
        if (strict) {
            sendSequence = 0;
            receiveSequence = 0;
        }
    }

    /** Evil server: secsh's KEX_ECDH_INIT, once it has come. */
    WireReader awaitKexInit() throws IOException {
        return expect(MessageNumbers.KEX_ECDH_INIT).reader();
    }

    private static byte[] agree(KeyAgreementPrimitive x25519, byte[] peer) throws SshException {
        try (Secret s = x25519.agree(peer)) {
            return s.bytes().clone();
        }
    }

    /** HASH(K || H || letter || session_id), K as an mpint; one SHA-256 block covers every key here. */
    private static byte[] derive(byte[] k, byte[] h, char letter) throws SshException {
        byte[] in = new WireWriter(128).writeMpintUnsigned(k, 0, k.length).writeBytes(h).writeByte(letter).writeBytes(h)
                .toByteArray();
        byte[] full = CRYPTO.digest(Primitive.SHA256).digest(in);
        return Arrays.copyOf(full, letter == 'E' || letter == 'F' ? 32 : 16);
    }

    // ---- packets ----

    /** Sends {@code payload} as one packet (encrypted once keys are in); returns its sequence number. */
    int send(byte[] payload) throws IOException {
        boolean keyed = sendCipher != null;
        int block = keyed ? 16 : 8;
        int unpadded = keyed ? 1 + payload.length : 5 + payload.length;
        int padding = block - unpadded % block;
        if (padding < 4) {
            padding += block;
        }
        int length = 1 + payload.length + padding;
        byte[] padBytes = new byte[padding];
        random.nextBytes(padBytes);
        WireWriter w = new WireWriter(4 + length + 32).writeUint32(length).writeByte(padding).writeBytes(payload)
                .writeBytes(padBytes);
        byte[] packet = Arrays.copyOf(w.array(), 4 + length + (keyed ? 32 : 0));
        if (keyed) {
            sendCipher.update(packet, 4, length);
            sendMac.compute(sendSequence, packet, 0, 4 + length, packet, 4 + length);
        }
        out.write(packet);
        return sendSequence++;
    }

    /** secsh's next packet; null once it closed. */
    Packet read() throws IOException {
        int length;
        try {
            length = in.readInt();
        } catch (EOFException e) {
            return null;
        }
        assertTrue(length >= 12 && length <= 64 * 1024, "secsh sent a packet of length " + length);
        boolean keyed = receiveCipher != null;
        byte[] packet = new byte[4 + length + (keyed ? 32 : 0)];
        System.arraycopy(new WireWriter(4).writeUint32(length).toByteArray(), 0, packet, 0, 4);
        in.readFully(packet, 4, packet.length - 4);
        if (keyed) {
            assertTrue(receiveMac.verify(receiveSequence, packet, 0, 4 + length, packet, 4 + length),
                    "secsh's MAC does not verify");
            receiveCipher.update(packet, 4, length);
        }
        int padding = packet[4] & 0xff;
        assertTrue(padding >= 4 && padding <= length - 2, "secsh's padding " + padding + " of " + length);
        return new Packet(Arrays.copyOfRange(packet, 5, 4 + length - padding), receiveSequence++);
    }

    /** secsh's next packet, which must be message {@code number}. */
    Packet expect(int number) throws IOException {
        Packet p = read();
        assertTrue(p != null, "secsh closed instead of sending " + MessageNumbers.name(number));
        assertEquals(MessageNumbers.name(number), MessageNumbers.name(p.number()), "message from secsh");
        return p;
    }

    /** Every packet secsh sends until it closes, which must be within {@link EvilPeer#WAIT}. */
    List<Packet> readToEnd() throws IOException {
        CompletableFuture<Void> done = new CompletableFuture<>();
        boolean[] cut = new boolean[1];
        Thread watchdog = Thread.ofVirtual().name("matrix-watchdog").start(() -> {
            try {
                done.get(EvilPeer.WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                cut[0] = true;
                fromSecsh.close();
            } catch (InterruptedException | ExecutionException e) {
                // finished
            }
        });
        List<Packet> all = new java.util.ArrayList<>();
        try {
            for (Packet p = read(); p != null; p = read()) {
                all.add(p);
            }
        } finally {
            done.complete(null);
        }
        try {
            watchdog.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertTrue(!cut[0], "secsh did not close within " + EvilPeer.WAIT + " after sending "
                + all.stream().map(p -> MessageNumbers.name(p.number())).toList());
        return all;
    }

    // ---- secsh's outcome ----

    /** secsh's transport once its handshake finished, or the exception it ended with. */
    Transport transport() throws Exception {
        try {
            return secsh.get(EvilPeer.WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("secsh's handshake failed: " + e.getCause(), e.getCause());
        }
    }

    /** The exception secsh's handshake ended with; fails if it succeeded or is still running. */
    SshException handshakeFailure() throws Exception {
        try {
            secsh.get(EvilPeer.WAIT.toMillis(), TimeUnit.MILLISECONDS).close();
            throw new AssertionError("secsh completed the handshake");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SshException s) {
                return s;
            }
            throw new AssertionError("secsh failed with a non-SshException", e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("secsh's handshake neither failed nor finished within " + EvilPeer.WAIT);
        }
    }

    @Override
    public void close() {
        toSecsh.close();
        fromSecsh.close();
        secsh.thenAccept(Transport::close);
    }
}
