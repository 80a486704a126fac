package ssh.test.endtoend;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import ssh.api.SshException;
import ssh.api.wire.MessageNumbers;
import ssh.api.wire.WireReader;
import ssh.api.wire.WireWriter;

/**
 * A man in the middle over in-memory pipes that rewrites a KEXINIT in flight, the downgrade attack
 * RFC 4253 section 8 defends against by putting both KEXINITs in the exchange hash. One virtual
 * thread per direction copies the identification line, then reads cleartext binary packets
 * (RFC 4253 section 6); the first KEXINIT of a direction with a rewrite has its ten name-lists
 * passed through that rewrite and is framed again with fresh padding. Everything after the
 * sender's NEWKEYS is copied byte for byte. The message numbers seen in each direction are kept
 * for the test to check (the client never sent NEWKEYS, say).
 */
final class DowngradeProxy implements AutoCloseable {
    /** Message numbers of the client's cleartext packets, in order. */
    final List<Integer> fromClient = new CopyOnWriteArrayList<>();
    /** Message numbers of the server's cleartext packets, in order. */
    final List<Integer> fromServer = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    /**
     * Starts copying {@code clientOut -> serverIn} and {@code serverOut -> clientIn}, applying
     * {@code clientRewrite} and {@code serverRewrite} (null: unchanged) to the KEXINITs.
     */
    DowngradeProxy(InputStream clientOut, OutputStream serverIn, UnaryOperator<List<List<String>>> clientRewrite,
            InputStream serverOut, OutputStream clientIn, UnaryOperator<List<List<String>>> serverRewrite) {
        threads.add(Thread.ofVirtual().name("downgrade-c2s").start(() -> pump(clientOut, serverIn, clientRewrite,
                fromClient)));
        threads.add(Thread.ofVirtual().name("downgrade-s2c").start(() -> pump(serverOut, clientIn, serverRewrite,
                fromServer)));
    }

    private static void pump(InputStream from, OutputStream to, UnaryOperator<List<List<String>>> rewrite,
            List<Integer> seen) {
        try (from; to) {
            DataInputStream in = new DataInputStream(from);
            int b;
            do {
                b = in.read();
                if (b < 0) {
                    return;
                }
                to.write(b);
            } while (b != '\n');
            to.flush();
            boolean rewritten = false;
            while (true) {
                int length = in.readInt();
                if (length < 5 || length > 256 * 1024) {
                    throw new IOException("not a cleartext packet: length " + length);
                }
                byte[] packet = new byte[length];
                in.readFully(packet);
                int padding = packet[0] & 0xff;
                byte[] payload = java.util.Arrays.copyOfRange(packet, 1, length - padding);
                int number = payload[0] & 0xff;
                seen.add(number);
                if (number == MessageNumbers.KEXINIT && rewrite != null && !rewritten) {
                    rewritten = true;
                    to.write(frame(rewriteKexInit(payload, rewrite)));
                } else {
                    WireWriter w = new WireWriter(length + 4).writeUint32(length).writeBytes(packet);
                    to.write(w.array(), 0, w.length());
                }
                to.flush();
                if (number == MessageNumbers.NEWKEYS) {
                    in.transferTo(to);
                    return;
                }
            }
        } catch (IOException e) {
            // one side closed: the other sees end of stream when the try closes both
        }
    }

    /** The KEXINIT {@code payload} with its ten name-lists rewritten; cookie, flag and reserved kept. */
    static byte[] rewriteKexInit(byte[] payload, UnaryOperator<List<List<String>>> rewrite) throws IOException {
        try {
            WireReader r = new WireReader(payload);
            r.readByte("message number");
            byte[] cookie = r.readBytes(16, "cookie");
            List<List<String>> lists = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                lists.add(new ArrayList<>(r.readNameList("name-list")));
            }
            boolean follows = r.readBoolean("first_kex_packet_follows");
            int reserved = r.readUint32("reserved");
            WireWriter w = new WireWriter(payload.length + 256).writeByte(MessageNumbers.KEXINIT).writeBytes(cookie);
            for (List<String> l : rewrite.apply(lists)) {
                w.writeNameList(l);
            }
            return w.writeBoolean(follows).writeUint32(reserved).toByteArray();
        } catch (SshException e) {
            throw new IOException(e);
        }
    }

    /** {@code payload} as a cleartext packet with the least padding allowed. */
    static byte[] frame(byte[] payload) {
        int padding = 8 - (4 + 1 + payload.length) % 8;
        if (padding < 4) {
            padding += 8;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WireWriter w = new WireWriter(payload.length + 32).writeUint32(1 + payload.length + padding)
                .writeByte(padding).writeBytes(payload).writeBytes(new byte[padding]);
        out.write(w.array(), 0, w.length());
        return out.toByteArray();
    }

    /** Waits for both copying threads (they end when their streams close). */
    @Override
    public void close() {
        try {
            for (Thread t : threads) {
                t.join(5000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
