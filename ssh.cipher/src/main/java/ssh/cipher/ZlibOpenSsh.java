package ssh.cipher;

import ssh.api.algorithms.CompressionNames;

/**
 * {@code zlib@openssh.com}: zlib compression that starts only once user authentication succeeds,
 * so unauthenticated peers never reach the inflater.
 */
public final class ZlibOpenSsh extends ZlibFactory {
    public ZlibOpenSsh() {
        super(CompressionNames.ZLIB_OPENSSH, true);
    }
}
