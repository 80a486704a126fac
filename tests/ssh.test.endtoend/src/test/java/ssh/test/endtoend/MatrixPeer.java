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
 * the opposite role with its own framing and keys (by default aes128-ctr with hmac-sha2-256-etm;
 * any block cipher with an encrypt-then-MAC or encrypt-and-MAC MAC; RFC 4253 section 7.2 key
 * derivation), so that after NEWKEYS it still writes any message number it likes, or framing
 * secsh must refuse, and reads every packet secsh sends, UNIMPLEMENTED included, with its
 * sequence number.
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
    private final CipherFactory cipher;
    private final MacFactory mac;
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

    private MatrixPeer(TransportConfig config, String cipherName, String macName) {
        cipher = REGISTRY.find(AlgorithmFamily.CIPHER, cipherName).orElseThrow();
        mac = REGISTRY.find(AlgorithmFamily.MAC, macName).orElseThrow();
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
        return new MatrixPeer(config, EvilKex.CIPHER, EvilKex.MAC);
    }

    /** The same with the evil peer offering only {@code cipherName} (a block cipher) and {@code macName}. */
    static MatrixPeer against(TransportConfig config, String cipherName, String macName) {
        return new MatrixPeer(config, cipherName, macName);
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
        List<String> kex = strict ? List.of(EvilKex.CURVE25519, marker) : List.of(EvilKex.CURVE25519);
        evilKexInit = EvilKex.kexInit(false, kex, List.of(EvilKex.ED25519), List.of(cipher.name()),
                List.of(mac.name()), List.of("none"));
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
        sendCipher = (BlockPacketCipher) cipher.create(true, EvilKex.derive(k, h, h, client ? 'C' : 'D', cipher.keyLength()),
                EvilKex.derive(k, h, h, client ? 'A' : 'B', cipher.ivLength()), CRYPTO);
        sendMac = mac.create(EvilKex.derive(k, h, h, client ? 'E' : 'F', mac.keyLength()), CRYPTO);
        receiveCipher = (BlockPacketCipher) cipher.create(false, EvilKex.derive(k, h, h, client ? 'D' : 'C',
                cipher.keyLength()), EvilKex.derive(k, h, h, client ? 'B' : 'A', cipher.ivLength()), CRYPTO);
        receiveMac = mac.create(EvilKex.derive(k, h, h, client ? 'F' : 'E', mac.keyLength()), CRYPTO);
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

    // ---- packets ----

    /** Sends {@code payload} as one packet (encrypted once keys are in); returns its sequence number. */
    int send(byte[] payload) throws IOException {
        out.write(frame(payload, false));
        return sendSequence++;
    }

    /** The packet {@link #send} would send with one bit of its MAC flipped; returns its size in bytes. */
    int sendWithBadMac(byte[] payload) throws IOException {
        byte[] packet = frame(payload, true);
        out.write(packet);
        sendSequence++;
        return packet.length;
    }

    private boolean keyed() {
        return sendCipher != null;
    }

    private byte[] frame(byte[] payload, boolean badMac) {
        boolean etm = mac.isEncryptThenMac();
        int block = keyed() ? cipher.blockSize() : 8;
        int trailer = keyed() ? mac.macLength() : 0;
        int unpadded = keyed() && etm ? 1 + payload.length : 5 + payload.length;
        int padding = block - unpadded % block;
        if (padding < 4) {
            padding += block;
        }
        int length = 1 + payload.length + padding;
        byte[] padBytes = new byte[padding];
        random.nextBytes(padBytes);
        WireWriter w = new WireWriter(4 + length + trailer).writeUint32(length).writeByte(padding).writeBytes(payload)
                .writeBytes(padBytes);
        byte[] packet = Arrays.copyOf(w.array(), 4 + length + trailer);
        if (keyed() && etm) {
            sendCipher.update(packet, 4, length);
            sendMac.compute(sendSequence, packet, 0, 4 + length, packet, 4 + length);
        } else if (keyed()) {
            sendMac.compute(sendSequence, packet, 0, 4 + length, packet, 4 + length);
            sendCipher.update(packet, 0, 4 + length);
        }
        if (badMac) {
            packet[packet.length - 1] ^= 1;
        }
        return packet;
    }

    /**
     * After NEWKEYS: the start of the evil peer's next packet, with {@code length} as its
     * packet_length and a padding_length of 4: one cipher block, all encrypted, under
     * encrypt-and-MAC; under encrypt-then-MAC the length in the clear and one encrypted block after
     * it. The rest of the packet is up to the test ({@link #sendRaw}). Returns the bytes sent.
     */
    int sendFirstBlock(long length) throws IOException {
        int from = mac.isEncryptThenMac() ? 4 : 0;
        int size = from + cipher.blockSize();
        byte[] block = Arrays.copyOf(new WireWriter(size).writeUint32(length).writeByte(4)
                .writeBytes("evil pad".getBytes(StandardCharsets.US_ASCII)).toByteArray(), size);
        sendCipher.update(block, from, size - from);
        out.write(block);
        return size;
    }

    /** Bytes as they are, into secsh's input. */
    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
    }

    /** A half-close: secsh reads to the end of what was sent, then end of stream; it can still write. */
    void closeOutput() {
        toSecsh.close();
    }

    /** The evil peer's trailer once keys are in: the length of its MAC. */
    int macLength() {
        return mac.macLength();
    }

    /** secsh's next packet; null once it closed. */
    Packet read() throws IOException {
        boolean keyed = receiveCipher != null;
        boolean etm = mac.isEncryptThenMac();
        int first = keyed && !etm ? cipher.blockSize() : 4;
        byte[] head = new byte[first];
        try {
            in.readFully(head);
        } catch (EOFException e) {
            return null;
        }
        if (keyed && !etm) {
            receiveCipher.update(head, 0, first);
        }
        int length = new WireReader(head).readUint32("packet_length");
        assertTrue(length >= 12 && length <= 64 * 1024, "secsh sent a packet of length " + length);
        byte[] packet = Arrays.copyOf(head, 4 + length + (keyed ? mac.macLength() : 0));
        in.readFully(packet, first, packet.length - first);
        if (keyed && etm) {
            assertTrue(receiveMac.verify(receiveSequence, packet, 0, 4 + length, packet, 4 + length),
                    "secsh's MAC does not verify");
            receiveCipher.update(packet, 4, length);
        } else if (keyed) {
            receiveCipher.update(packet, first, 4 + length - first);
            assertTrue(receiveMac.verify(receiveSequence, packet, 0, 4 + length, packet, 4 + length),
                    "secsh's MAC does not verify");
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
