package ssh.connection;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/** A channel's data or extended data as an {@link InputStream}; reads honour the channel's read timeout. */
final class ChannelInputStream extends InputStream {
    private final Channel channel;
    private final ChannelBuffer buffer;

    ChannelInputStream(Channel channel, ChannelBuffer buffer) {
        this.channel = channel;
        this.buffer = buffer;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        return channel.read(buffer, b, off, len);
    }

    @Override
    public int available() {
        return buffer.available();
    }

    /** Closing one stream does not close the channel. */
    @Override
    public void close() {
    }
}
