package ssh.connection;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Copies a forwarded connection both ways, for every kind of forwarding: socket to channel (each
 * write waits for the peer's window) and channel to socket (each read returns window to the peer),
 * on one virtual thread each. Half-close passes through: the socket's end of stream becomes the
 * channel's EOF and the channel's EOF shuts the socket's output. When both directions are done,
 * or either fails, the channel and the socket are closed.
 */
final class Pump {
    private static final Logger LOG = System.getLogger(Pump.class.getName());
    private static final int BUFFER = 32 * 1024;

    private final Channel channel;
    private final Endpoint endpoint;
    private final Set<Pump> live;
    private final AtomicInteger running = new AtomicInteger(2);
    private volatile boolean toSocketDone;
    private volatile boolean channelGone;

    private Pump(Channel channel, Endpoint endpoint, Set<Pump> live) {
        this.channel = channel;
        this.endpoint = endpoint;
        this.live = live;
    }

    /**
     * Starts copying between {@code channel} and {@code endpoint}; both are closed when it ends.
     * The pump stays in {@code live} while it runs, so that its owner can stop it ({@link #stop()}).
     */
    static Pump start(Channel channel, Endpoint endpoint, String name, Set<Pump> live) {
        Pump p = new Pump(channel, endpoint, live);
        live.add(p);
        Thread.ofVirtual().name(name + "-out").start(p::socketToChannel);
        Thread.ofVirtual().name(name + "-in").start(p::channelToSocket);
        return p;
    }

    private void socketToChannel() {
        byte[] buf = new byte[BUFFER];
        try {
            int n;
            while ((n = endpoint.read(buf, 0, buf.length)) >= 0) {
                channel.write(buf, 0, n);
            }
            channel.shutdownOutput();
        } catch (IOException e) {
            if (!channel.isOpen() && channel.connection.isOpen()) {
                // the peer closed the channel: the other direction delivers what it sent, then closes
                LOG.log(Level.DEBUG, "{0} closed by the peer while {1} was sending", channel, endpoint.describe());
            } else {
                abort("reading " + endpoint.describe(), e);
            }
        } finally {
            finished();
        }
    }

    private void channelToSocket() {
        byte[] buf = new byte[BUFFER];
        InputStream in = channel.getInputStream();
        try {
            int n;
            while ((n = in.read(buf, 0, buf.length)) >= 0) {
                endpoint.write(buf, 0, n);
            }
            endpoint.shutdownOutput();
            toSocketDone = true;
            if (channelGone) {
                endpoint.close();  // the peer closed the channel: nothing more can be sent either
            }
        } catch (IOException e) {
            abort("writing " + endpoint.describe(), e);
        } finally {
            finished();
        }
    }

    private void abort(String what, IOException e) {
        LOG.log(Level.DEBUG, "{0} {1}: {2}", channel, what, e.getMessage());
        closeBoth();
    }

    private void finished() {
        if (running.decrementAndGet() == 0) {
            closeBoth();
        }
    }

    /** Closes the socket and the channel; both directions end. */
    void stop() {
        closeBoth();
    }

    private void closeBoth() {
        live.remove(this);
        endpoint.close();
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "{0}: close failed: {1}", channel, e.getMessage());
        }
    }

    /**
     * The channel went away. After the peer's CLOSE, what it sent is still delivered to the socket
     * before the socket closes; when the whole connection ended, the socket closes at once.
     */
    void channelClosed(boolean connectionAlive) {
        channelGone = true;
        if (!connectionAlive || toSocketDone) {
            endpoint.close();
        }
    }
}
