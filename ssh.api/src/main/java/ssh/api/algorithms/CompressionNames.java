package ssh.api.algorithms;

import java.util.List;

/** Compression method names, with the default lists. */
public final class CompressionNames {
    private CompressionNames() {
    }

    public static final String NONE = "none";
    public static final String ZLIB_OPENSSH = "zlib@openssh.com";
    public static final String ZLIB = "zlib";

    public static final List<String> SUPPORTED = List.of(NONE, ZLIB_OPENSSH, ZLIB);

    /** OpenSSH's client default ({@code Compression no}). */
    public static final List<String> CLIENT_DEFAULTS = List.of(NONE);

    /** OpenSSH's server default: compression only after authentication. */
    public static final List<String> SERVER_DEFAULTS = List.of(NONE, ZLIB_OPENSSH);

    /** Nothing here is broken, but {@code zlib} inflates data from unauthenticated peers and stays off until named. */
    public static final List<String> INSECURE = List.of();
}
