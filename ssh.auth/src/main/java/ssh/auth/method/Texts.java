package ssh.auth.method;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import ssh.api.wire.MessageNumbers;
import ssh.api.wire.WireWriter;
import ssh.auth.UserAuthClient;

/** Limits and small encoders the auth methods share. */
final class Texts {
    /** The longest method name, algorithm name, language tag or submethod list read. */
    static final int MAX_NAME = 1024;
    /** The longest prompt, instruction or password read. */
    static final int MAX_PROMPT = 8192;
    /** The most prompts one keyboard-interactive round may carry. */
    static final int MAX_PROMPTS = 64;

    private Texts() {
    }

    /** Writes {@code secret} as a UTF-8 string without leaving a copy behind. */
    static void writeSecret(WireWriter w, char[] secret) {
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(secret));
        byte[] raw = new byte[bytes.remaining()];
        bytes.get(raw);
        w.writeString(raw);
        Arrays.fill(raw, (byte) 0);
        if (bytes.hasArray()) {
            Arrays.fill(bytes.array(), (byte) 0);
        }
    }

    /** The head of a USERAUTH_REQUEST for {@code method}, for methods that send a complete message themselves. */
    static WireWriter requestHead(WireWriter w, String user, String method) {
        return w.writeByte(MessageNumbers.USERAUTH_REQUEST).writeUtf8(user).writeUtf8(UserAuthClient.CONNECTION_SERVICE)
                .writeUtf8(method);
    }
}
