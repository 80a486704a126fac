package ssh.tools.demo;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** The BBS's messages, kept in memory and shared by every session. */
final class Board {
    /** One posted message. */
    record Message(int number, String author, String subject, String body, Instant posted) {
    }

    private final List<Message> messages = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.locks.ReentrantLock lock = new java.util.concurrent.locks.ReentrantLock();

    Message post(String author, String subject, String body) {
        lock.lock();
        try {
            Message m = new Message(messages.size() + 1, author, subject, body, Instant.now());
            messages.add(m);
            return m;
        } finally {
            lock.unlock();
        }
    }

    List<Message> all() {
        return List.copyOf(messages);
    }

    Optional<Message> get(int number) {
        return number >= 1 && number <= messages.size() ? Optional.of(messages.get(number - 1)) : Optional.empty();
    }
}
