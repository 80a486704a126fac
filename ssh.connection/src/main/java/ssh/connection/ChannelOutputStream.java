package ssh.connection;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * Writes a channel's data (or, with a data type, its extended data); each write is sent at once,
 * without buffering. Closing the data stream sends EOF; closing an extended stream does nothing.
 */
final class ChannelOutputStream extends OutputStream {
    private final Channel channel;
    private final int dataType;

    ChannelOutputStream(Channel channel, int dataType) {
        this.channel = channel;
        this.dataType = dataType;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (dataType < 0) {
            channel.write(b, off, len);
        } else {
            channel.writeExtended(dataType, b, off, len);
        }
    }

    @Override
    public void close() throws IOException {
        if (dataType < 0) {
            channel.shutdownOutput();
        }
    }
}
