package ssh.api.spi;

import ssh.api.crypto.Primitive;

/**
 * A source of crypto primitives: the JDK's JCA ({@code jca}), Bouncy Castle ({@code bc}), or a
 * vendor's (an HSM, say). SSH algorithms never call a crypto library directly; they ask the
 * provider chain that configuration names, and the first provider on it that supports a
 * primitive supplies it.
 */
public interface CryptoProvider {
    /** The short name configuration uses for this provider, e.g. {@code "jca"}. */
    String name();

    /** Whether this provider can supply {@code primitive} on the running JVM. Never throws. */
    boolean supports(Primitive primitive);
}
