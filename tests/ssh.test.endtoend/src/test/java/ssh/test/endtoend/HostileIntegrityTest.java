package ssh.test.endtoend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Closeable;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import ssh.api.SshException;
import ssh.api.SshMacException;
import ssh.api.SshProtocolException;
import ssh.api.algorithms.AlgorithmFamily;
import ssh.api.algorithms.AlgorithmRegistry;
import ssh.api.algorithms.ProviderChain;
import ssh.api.spi.AlgorithmFactory;
import ssh.api.spi.CipherFactory;
import ssh.api.wire.DisconnectReason;
import ssh.api.wire.MessageNumbers;
import ssh.api.wire.WireWriter;
import ssh.transport.Payload;
import ssh.transport.Transport;
import ssh.transport.TransportConfig;

/**
 * A port of OpenSSH's {@code regress/integrity.sh}: after key exchange, one bit of the
 * server-to-client stream is flipped, at ten offsets into a packet (the four length bytes, the
 * padding-length byte, the payload, the padding and the MAC or tag), for every cipher and, for
 * non-AEAD ciphers, every MAC. Every session must fail with {@link SshMacException} (MAC_ERROR),
 * and no payload off the corrupted packet, or after it, may reach the caller. One exception, as in
 * OpenSSH (whose test accepts "Bad packet length" there): where the length is not covered by the
 * cipher's secret-dependent decryption of the first block, that is with an AEAD cipher or
 * encrypt-then-MAC, a flip in the length that takes it past the 256 KiB cap or off the block size
 * may end at once with PROTOCOL_ERROR "bad packet length": the result does not depend on the
 * plaintext, so it is no oracle. Under CBC and encrypt-and-MAC every flip, the length's included,
 * must be a MAC error (the 2009 CBC plaintext-recovery attack). Where the flip
 * makes the length larger but still legal, the server keeps sending, so the reader gets the bytes
 * it waits for and reaches the MAC check (OpenSSH's test keeps its session busy for the same reason).
 *
 * <p>Fails without the protection: make the packet opener skip its MAC or tag comparison (for
 * example return before the compare in the MAC check), and payloads off corrupted packets are
 * delivered; make a bad length under encrypt-and-MAC or CBC a protocol error instead of a MAC
 * error, and the length offsets fail.
 */
@Timeout(120)
class HostileIntegrityTest {
    /** Offsets into the corrupted packet; negative ones count from its end (-1: last MAC or tag byte). */
    static final int[] OFFSETS = {0, 1, 2, 3, 4, 5, 17, 40, -40, -1};
    private static final Duration WAIT = Duration.ofSeconds(5);

    static Stream<Arguments> pairs() throws Exception {
        AlgorithmRegistry r = AlgorithmRegistry.load();
        ProviderChain chain = r.providerChain(null);
        List<String> macs = r.available(AlgorithmFamily.MAC, chain).stream().map(AlgorithmFactory::name).toList();
        Stream.Builder<Arguments> b = Stream.builder();
        for (CipherFactory cipher : r.available(AlgorithmFamily.CIPHER, chain)) {
            for (String mac : cipher.isAead() ? java.util.Collections.singletonList((String) null) : macs) {
                b.add(Arguments.of(cipher.name(), mac));
            }
        }
        return b.build();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("pairs")
    void oneFlippedBitEndsTheSessionWithAMacError(String cipher, String mac) throws Exception {
        List<String> failures = new ArrayList<>();
        for (int offset : OFFSETS) {
            String outcome = session(cipher, mac, offset);
            if (outcome != null) {
                failures.add("offset " + offset + ": " + outcome);
            }
        }
        assertTrue(failures.isEmpty(), () -> cipher + " " + mac + ": " + String.join("; ", failures));
    }

    /** One session with one flipped bit; null if it ended as it must, else what went wrong. */
    private static String session(String cipher, String mac, int offset) throws Exception {
        TransportConfig cc = EvilPeer.client().ciphers(cipher).macs(mac).build();
        TransportConfig sc = EvilPeer.server().ciphers(cipher).macs(mac).build();
        MemoryPipe up = new MemoryPipe(1 << 20);
        MemoryPipe down = new MemoryPipe(1 << 20);
        Closeable closeBoth = () -> {
            up.close();
            down.close();
        };
        FlipStream flip = new FlipStream(down.out);
        CompletableFuture<Transport> serverSide = RawConnectionPeer.async(
                () -> Transport.start(sc, "client", 0, up.in, flip, closeBoth, WAIT));
        Transport client = null;
        Transport server = null;
        try {
            client = Transport.start(cc, "server", 22, down.in, up.out, closeBoth, WAIT);
            server = serverSide.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertEquals(cipher, client.negotiated().cipherServerToClient());
            // The server's EXT_INFO follows its NEWKEYS; a first packet, received whole, leaves the
            // direction idle at a packet boundary and tells the size of the packets that follow.
            Transport c = client;
            assertTrue(HostileTransportTestBase.eventually(() -> c.peerExtensions().containsKey("server-sig-algs")));
            byte[] known = payload(0);
            long before = flip.written();
            server.send(known, 0, known.length);
            assertArrayEquals(known, client.receive(WAIT).data());
            long size = flip.written() - before;
            flip.flipAt(flip.written() + (offset >= 0 ? offset : size + offset));

            Transport s = server;
            Thread feeder = Thread.ofVirtual().name("integrity-feeder").start(() -> feed(s));
            try {
                Payload p = client.receive(WAIT);
                return "a payload off a corrupted packet reached the caller: " + Arrays.toString(
                        Arrays.copyOf(p.data(), Math.min(16, p.data().length)));
            } catch (SshException e) {
                if (!flip.flipped()) {
                    return "nothing was flipped (" + e + ")";
                }
                boolean macError = e instanceof SshMacException && e.reasonCode() == DisconnectReason.MAC_ERROR;
                boolean openLength = offset < 4 && (mac == null || mac.contains("-etm@"))
                        && e instanceof SshProtocolException && e.reasonCode() == DisconnectReason.PROTOCOL_ERROR
                        && String.valueOf(e.getMessage()).contains("bad packet length");
                if (!macError && !openLength) {
                    return "ended with " + e + " (" + DisconnectReason.name(e.reasonCode()) + "), not a MAC error";
                }
                if (openLength) {
                    return null;
                }
            } finally {
                feeder.interrupt();
                server.close();
                feeder.join(WAIT.toMillis());
            }
            assertInstanceOf(SshMacException.class, client.failure());
            return null;
        } finally {
            if (client != null) {
                client.close();
            }
            if (server != null) {
                server.close();
            }
            closeBoth.close();
            serverSide.cancel(true);
        }
    }

    /** Keeps packets coming after the corrupted one, so a lengthened packet is completed (up to 512 KiB). */
    private static void feed(Transport server) {
        try {
            for (int i = 1; i <= 128 && !Thread.currentThread().isInterrupted(); i++) {
                byte[] p = payload(4000);
                server.send(p, 0, p.length);
            }
        } catch (SshException stopped) {
            // the client gave up; that is what the test waits for
        }
    }

    private static byte[] payload(int extra) {
        byte[] text = new byte[100 + extra];
        Arrays.fill(text, (byte) 'k');
        return new WireWriter(text.length + 16).writeByte(MessageNumbers.CHANNEL_DATA).writeUint32(0)
                .writeString(text).toByteArray();
    }

    /** Counts bytes on their way to the client and flips bit 4 of the one at a chosen position. */
    private static final class FlipStream extends FilterOutputStream {
        private long written;
        private long flipAt = -1;
        private boolean flipped;

        FlipStream(OutputStream out) {
            super(out);
        }

        synchronized long written() {
            return written;
        }

        synchronized void flipAt(long position) {
            flipAt = position;
        }

        synchronized boolean flipped() {
            return flipped;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            if (flipAt >= written && flipAt < written + len) {
                byte[] copy = Arrays.copyOfRange(b, off, off + len);
                copy[(int) (flipAt - written)] ^= 0x10;
                flipped = true;
                out.write(copy, 0, len);
            } else {
                out.write(b, off, len);
            }
            written += len;
        }
    }
}
