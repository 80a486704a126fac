package ssh.transport;

import ssh.api.SshDisconnectException;
import ssh.api.wire.ByteSlice;
import ssh.api.wire.MessageNumbers;
import ssh.api.wire.WireFormatException;
import ssh.api.wire.WireReader;
import ssh.api.wire.WireWriter;

/** SSH_MSG_DISCONNECT (RFC 4253 section 11.1): reason code, description, language tag. */
final class Disconnects {
    private Disconnects() {
    }

    static byte[] encode(int reason, String description) {
        return new WireWriter(128).writeByte(MessageNumbers.DISCONNECT).writeUint32(reason)
                .writeUtf8(description == null ? "" : description).writeUtf8("").toByteArray();
    }

    /** The exception a received DISCONNECT (payload {@code p}, number first) means for the caller. */
    static SshDisconnectException decode(ByteSlice p) throws WireFormatException {
        WireReader r = new WireReader(p.array(), p.offset() + 1, p.length() - 1);
        int code = r.readUint32("reason code");
        String text = r.remaining() > 0 ? r.readUtf8("description") : "";
        return new SshDisconnectException(code, text);
    }
}
