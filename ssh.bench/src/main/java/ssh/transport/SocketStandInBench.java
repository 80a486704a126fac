package ssh.transport;

import java.io.EOFException;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What {@link PacketPathBench}'s stand-in for the socket costs by itself: one packet's bytes
 * written to it and read back into a reader-sized buffer, with no framing and no cipher. The packet
 * path's time is roughly its ceiling plus this plus the framing.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SocketStandInBench {
    @Param({"copy", "handoff"})
    public String socket;

    /**
     * A 32 KiB payload's packet (length field, padding-length byte, payload, padding, tag). Not
     * called {@code size}, so that the packet path's {@code -p size=...} leaves it alone.
     */
    @Param({"32808"})
    public int packetBytes;

    private PacketPathBench.Loop loop;
    private byte[] packet;
    private byte[] readerBuffer;

    @Setup
    public void setup() {
        loop = new PacketPathBench.Loop(socket.equals("handoff"));
        packet = new byte[packetBytes];
        readerBuffer = new byte[64 * 1024];
    }

    @Benchmark
    public byte[] writeAndRead() throws IOException {
        loop.out.write(packet, 0, packet.length);
        for (int n = 0; n < packet.length; ) {
            int r = loop.in.read(readerBuffer, n, readerBuffer.length - n);
            if (r < 0) {
                throw new EOFException("the stand-in lost " + (packet.length - n) + " bytes");
            }
            n += r;
        }
        return readerBuffer;
    }
}
