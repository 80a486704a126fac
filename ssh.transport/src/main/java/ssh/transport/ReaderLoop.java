package ssh.transport;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import ssh.api.Role;
import ssh.api.SshException;
import ssh.api.SshProtocolException;
import ssh.api.SshUnexpectedMessageException;
import ssh.api.wire.ByteSlice;
import ssh.api.wire.DisconnectReason;
import ssh.api.wire.MessageNumbers;
import ssh.api.wire.WireReader;
import ssh.api.wire.WireWriter;

/**
 * A transport's reader thread: decodes every packet, answers the transport's own messages (IGNORE,
 * DEBUG, UNIMPLEMENTED, DISCONNECT, ping, EXT_INFO), runs each key exchange when a KEXINIT
 * arrives, and queues everything else for the layers above. Any error ends the connection.
 */
final class ReaderLoop implements Runnable {
    private final Transport t;

    ReaderLoop(Transport t) {
        this.t = t;
    }

    @Override
    public void run() {
        try {
            while (!t.closed) {
                ByteSlice p = t.reader.read();
                int msg = p.array()[p.offset()] & 0xff;
                switch (msg) {
                    case MessageNumbers.KEXINIT -> new KexDriver(t).run(p.toByteArray(), t.reader.lastSequence());
                    case MessageNumbers.IGNORE, MessageNumbers.DEBUG -> { }
                    case MessageNumbers.UNIMPLEMENTED -> onUnimplemented(p);
                    case MessageNumbers.DISCONNECT -> throw Disconnects.decode(p);
                    case MessageNumbers.PING -> onPing(p);
                    case MessageNumbers.PONG -> {
                        CompletableFuture<Void> f = t.pendingPong;
                        if (f != null) {
                            f.complete(null);
                        }
                    }
                    case MessageNumbers.EXT_INFO -> {
                        if (!t.firstKexDone) {
                            // RFC 8308 section 2.4: only after NEWKEYS; a plaintext one could be a MITM's
                            throw new SshUnexpectedMessageException("EXT_INFO only after the first NEWKEYS", msg);
                        }
                        t.extensions = ExtInfo.decode(p);
                    }
                    case MessageNumbers.NEWKEYS -> throw new SshUnexpectedMessageException("KEXINIT first", msg);
                    default -> {
                        if (msg < MessageNumbers.USERAUTH_REQUEST && t.firstKexDone && !(msg >= 30 && msg <= 49)
                                && msg != MessageNumbers.SERVICE_REQUEST && msg != MessageNumbers.SERVICE_ACCEPT) {
                            // A transport-layer number we do not implement (RFC 4253 section 11.4).
                            // Written at once, even while our KEXINIT is out (RFC 4253 section 7.1 allows it):
                            // waiting for the exchange, as Transport.send does, would wait for this very thread.
                            byte[] reply = new WireWriter(8).writeByte(MessageNumbers.UNIMPLEMENTED)
                                    .writeUint32(t.reader.lastSequence()).toByteArray();
                            t.sendKexMessage(reply, 0, reply.length);
                        } else {
                            deliver(p, msg);
                        }
                    }
                }
                t.maybeRekey();
                if (msg == MessageNumbers.KEXINIT && !t.closed && Thread.currentThread().isVirtual()) {
                    // A parked virtual thread keeps its stack in the heap, in chunks sized by the deepest
                    // point it ever parked at, here inside a key exchange (about 3 KiB against 1.5 KiB
                    // for the socket read). A fresh thread reads on, parked only in that read.
                    t.startReader();
                    return;
                }
            }
        } catch (SshException e) {
            t.fail(e);
        } catch (IOException e) {
            t.fail(new SshException(DisconnectReason.CONNECTION_LOST, t.closed ? "closed" : e.getMessage(), e));
        } catch (RuntimeException e) {
            t.fail(new SshProtocolException(DisconnectReason.PROTOCOL_ERROR, "internal error: " + e, e));
        }
    }

    private void deliver(ByteSlice p, int msg) throws SshException {
        if (!t.firstKexDone || msg >= 30 && msg <= 49) {
            throw new SshUnexpectedMessageException(t.firstKexDone ? "no key-exchange message outside a key exchange"
                    : "key exchange messages until the first NEWKEYS", msg);
        }
        if (msg == MessageNumbers.USERAUTH_SUCCESS && t.role == Role.CLIENT) {
            t.authenticated = true;
            t.reader.authenticated();
            t.sender.writeLock.lock();
            try {
                t.writer.authenticated();
            } finally {
                t.sender.writeLock.unlock();
            }
        }
        try {
            t.inbox.deliver(p.array(), p.offset(), p.length(), t.reader.lastSequence());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SshException("interrupted", e);
        }
    }

    /** A peer that refuses our KEXINIT (OpenSSH does during user authentication) would stall every writer. */
    private void onUnimplemented(ByteSlice p) throws SshException {
        int seq = new WireReader(p.array(), p.offset() + 1, p.length() - 1).readUint32("packet sequence number");
        t.sender.writeLock.lock();
        try {
            if (t.sender.ourKexInit != null && seq == t.sender.ourKexInitSequence) {
                throw new SshProtocolException(DisconnectReason.KEY_EXCHANGE_FAILED,
                        "the peer refused our KEXINIT (SSH_MSG_UNIMPLEMENTED); OpenSSH accepts a rekey only"
                                + " after user authentication");
            }
        } finally {
            t.sender.writeLock.unlock();
        }
    }

    private void onPing(ByteSlice p) throws SshException {
        WireReader r = new WireReader(p.array(), p.offset() + 1, p.length() - 1);
        byte[] data = r.readString("ping data");
        WireWriter w = new WireWriter(data.length + 8).writeByte(MessageNumbers.PONG).writeString(data);
        // As OpenSSH: no PONG before the first NEWKEYS or while a key exchange runs. This thread runs
        // every exchange, so waiting for one to end (as Transport.send does) would stall the connection.
        t.sender.writeLock.lock();
        try {
            if (t.firstKexDone && t.sender.ourKexInit == null) {
                t.sendKexMessage(w.array(), 0, w.length());
            }
        } finally {
            t.sender.writeLock.unlock();
        }
    }
}
