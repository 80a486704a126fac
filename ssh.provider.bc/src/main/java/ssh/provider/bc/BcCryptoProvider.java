package ssh.provider.bc;

import ssh.api.crypto.Primitive;
import ssh.api.spi.CryptoProvider;

/**
 * Crypto primitives from Bouncy Castle's lightweight API, named {@code bc}. Never registers a JCA
 * provider and reads no system property.
 */
public final class BcCryptoProvider implements CryptoProvider {
    /** The name configuration uses for this provider. */
    public static final String NAME = "bc";

    @Override
    public String name() {
        return NAME;
    }

    /** Bouncy Castle's lightweight API has an engine for every primitive in the catalogue. */
    @Override
    public boolean supports(Primitive primitive) {
        return primitive != null;
    }

    @Override
    public String toString() {
        return "BcCryptoProvider";
    }
}
