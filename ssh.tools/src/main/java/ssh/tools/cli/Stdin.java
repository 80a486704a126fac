package ssh.tools.cli;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.util.function.Supplier;

/**
 * Copies this process's stdin to a channel's stream on a daemon platform thread. The thread reads
 * through an interruptible {@link java.nio.channels.FileChannel}, so {@link Thread#interrupt} ends
 * a read blocked on a terminal or pipe at once: at exit the JVM waits up to 300 ms for any thread
 * still in a native call (such as {@code System.in.read}) before the process ends.
 */
final class Stdin {
    private Stdin() {
    }

    /** Starts copying stdin to the stream {@code out} gives, closing it at end of input; interrupt to stop. */
    static Thread copyTo(Supplier<OutputStream> out) {
        return Thread.ofPlatform().daemon(true).name("secsh-stdin").start(() -> {
            try (OutputStream o = out.get();
                    InputStream in = Channels.newInputStream(new FileInputStream(FileDescriptor.in).getChannel())) {
                in.transferTo(o);
            } catch (IOException ignored) {
                // the channel closed first, or the copy was interrupted
            }
        });
    }
}
