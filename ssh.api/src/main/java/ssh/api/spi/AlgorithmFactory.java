package ssh.api.spi;

import java.util.Set;
import ssh.api.crypto.Primitive;

/**
 * What every SSH algorithm service has in common: its SSH name and the crypto primitives it needs.
 * The registry offers an algorithm only when the configured provider chain supplies all of them.
 */
public interface AlgorithmFactory {
    /** The SSH name, exactly as it appears in KEXINIT or a user-auth request. */
    String name();

    /** The primitives this algorithm asks the crypto provider for. */
    Set<Primitive> requiredPrimitives();
}
