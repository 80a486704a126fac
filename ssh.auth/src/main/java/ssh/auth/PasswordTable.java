package ssh.auth;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** {@link PasswordAuthenticator#of}: passwords in memory, compared without revealing users or lengths by time. */
final class PasswordTable implements PasswordAuthenticator {
    private final Map<String, byte[]> passwords = new HashMap<>();
    private final byte[] decoy;

    PasswordTable(Map<String, String> table) {
        table.forEach((user, password) -> passwords.put(user, password.getBytes(StandardCharsets.UTF_8)));
        decoy = new byte[32];
        new SecureRandom().nextBytes(decoy);
    }

    @Override
    public Result authenticate(String user, char[] password, String clientAddress) {
        byte[] stored = passwords.get(user);
        boolean known = stored != null;
        byte[] candidate = utf8(password);
        boolean same = matches(known ? stored : decoy, candidate) & known;
        Arrays.fill(candidate, (byte) 0);
        return same ? Result.ACCEPT : Result.REJECT;
    }

    /** Visits every candidate byte once whatever the stored value is; the length check comes last. */
    private static boolean matches(byte[] stored, byte[] candidate) {
        int diff = 0;
        for (int i = 0; i < candidate.length; i++) {
            diff |= candidate[i] ^ stored[i % stored.length];
        }
        return (diff | (stored.length ^ candidate.length)) == 0;
    }

    private static byte[] utf8(char[] password) {
        ByteBuffer b = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] out = new byte[b.remaining()];
        b.get(out);
        if (b.hasArray()) {
            Arrays.fill(b.array(), (byte) 0);
        }
        return out;
    }

    @Override
    public String toString() {
        return "PasswordAuthenticator[" + passwords.size() + " users]";
    }
}
