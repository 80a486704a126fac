package ssh.transport;

import java.util.LinkedHashMap;
import java.util.Map;
import ssh.api.wire.ByteSlice;
import ssh.api.wire.MessageNumbers;
import ssh.api.wire.WireFormatException;
import ssh.api.wire.WireReader;
import ssh.api.wire.WireWriter;

/** SSH_MSG_EXT_INFO (RFC 8308): a count, then name/value pairs. */
final class ExtInfo {
    static final String SERVER_SIG_ALGS = "server-sig-algs";
    static final String PING = "ping@openssh.com";
    /** More extensions than this is hostile; RFC 8308 defines a handful. */
    private static final int MAX_EXTENSIONS = 64;

    private ExtInfo() {
    }

    static byte[] encode(Map<String, String> extensions) {
        WireWriter w = new WireWriter(256).writeByte(MessageNumbers.EXT_INFO).writeUint32(extensions.size());
        extensions.forEach((k, v) -> w.writeUtf8(k).writeUtf8(v));
        return w.toByteArray();
    }

    static Map<String, String> decode(ByteSlice p) throws WireFormatException {
        WireReader r = new WireReader(p.array(), p.offset() + 1, p.length() - 1);
        long n = r.readUint32AsLong("nr-extensions");
        if (n > MAX_EXTENSIONS) {
            throw new WireFormatException("nr-extensions", n + " exceeds the limit of " + MAX_EXTENSIONS);
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            map.put(r.readUtf8("extension-name"), r.readUtf8("extension-value"));
        }
        return Map.copyOf(map);
    }
}
