package ssh.connection;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;

/** {@link Channel#selectableChannel()}: a virtual thread copies the channel's data into a pipe. */
final class SelectableView {
    private SelectableView() {
    }

    static Pipe.SourceChannel open(Channel channel, ChannelBuffer data) throws IOException {
        Pipe pipe = Pipe.open();
        Thread.ofVirtual().name("secsh-selectable-" + channel.localId).start(() -> feed(channel, data, pipe.sink()));
        return pipe.source();
    }

    private static void feed(Channel channel, ChannelBuffer data, Pipe.SinkChannel sink) {
        byte[] buf = new byte[32 * 1024];
        try (sink) {
            int n;
            while ((n = channel.read(data, buf, 0, buf.length)) >= 0) {
                ByteBuffer b = ByteBuffer.wrap(buf, 0, n);
                while (b.hasRemaining()) {
                    sink.write(b);
                }
            }
        } catch (IOException ignored) {
            // the channel or the pipe ended: the reader sees end of stream or a closed pipe
        }
    }
}
