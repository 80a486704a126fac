package ssh.cipher;

import ssh.api.algorithms.CompressionNames;

/** {@code zlib} (RFC 4253 section 6.2): zlib compression from the first packet after key exchange. */
public final class Zlib extends ZlibFactory {
    public Zlib() {
        super(CompressionNames.ZLIB, false);
    }
}
