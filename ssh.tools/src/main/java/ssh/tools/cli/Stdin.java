package ssh.tools.cli;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;

/**
 * Copies this process's stdin to a channel's stream on a daemon platform thread. The thread reads
 * through an interruptible {@link java.nio.channels.FileChannel}, so {@link Thread#interrupt} ends
 * a read blocked on a terminal or pipe at once: at exit the JVM waits up to 300 ms for any thread
 * still in a native call (such as {@code System.in.read}) before the process ends. It reads file
 * descriptor 0 itself (so {@link System#setIn} does not apply), and an interrupt closes that
 * descriptor for the whole process: meant for the end of a command-line run.
 */
final class Stdin {
    private Stdin() {
    }

    /** Starts copying stdin to {@code out}, closing it at end of input; interrupt to stop. */
    static Thread copyTo(OutputStream out) {
        return Thread.ofPlatform().daemon(true).name("secsh-stdin").start(() -> {
            try (OutputStream o = out;
                    InputStream in = Channels.newInputStream(new FileInputStream(FileDescriptor.in).getChannel())) {
                in.transferTo(o);
            } catch (IOException ignored) {
                // the channel closed first, or the copy was interrupted
            }
        });
    }
}
