package ssh.api.algorithms;

import java.util.List;
import ssh.api.Role;
import ssh.api.spi.AlgorithmFactory;
import ssh.api.spi.CipherFactory;
import ssh.api.spi.ClientAuthMethodFactory;
import ssh.api.spi.CompressionFactory;
import ssh.api.spi.KexFactory;
import ssh.api.spi.MacFactory;
import ssh.api.spi.PublicKeyAlgorithmFactory;
import ssh.api.spi.ServerAuthMethodFactory;

/**
 * One family of SSH algorithms: its service interface, the secsh module that implements it,
 * and its name lists (secsh's own, each role's defaults, the insecure ones).
 *
 * @param <F> the family's service interface
 */
public final class AlgorithmFamily<F extends AlgorithmFactory> {
    public static final AlgorithmFamily<KexFactory> KEX = new AlgorithmFamily<>("key exchange",
            KexFactory.class, "ssh.kex", KexNames.SUPPORTED, KexNames.CLIENT_DEFAULTS, KexNames.SERVER_DEFAULTS,
            KexNames.INSECURE);
    public static final AlgorithmFamily<PublicKeyAlgorithmFactory> PUBLIC_KEY = new AlgorithmFamily<>("public key",
            PublicKeyAlgorithmFactory.class, "ssh.kex", PublicKeyNames.SUPPORTED, PublicKeyNames.CLIENT_DEFAULTS,
            PublicKeyNames.SERVER_DEFAULTS, PublicKeyNames.INSECURE);
    public static final AlgorithmFamily<CipherFactory> CIPHER = new AlgorithmFamily<>("cipher",
            CipherFactory.class, "ssh.cipher", CipherNames.SUPPORTED, CipherNames.CLIENT_DEFAULTS,
            CipherNames.SERVER_DEFAULTS, CipherNames.INSECURE);
    public static final AlgorithmFamily<MacFactory> MAC = new AlgorithmFamily<>("MAC",
            MacFactory.class, "ssh.cipher", MacNames.SUPPORTED, MacNames.CLIENT_DEFAULTS, MacNames.SERVER_DEFAULTS,
            MacNames.INSECURE);
    public static final AlgorithmFamily<CompressionFactory> COMPRESSION = new AlgorithmFamily<>("compression",
            CompressionFactory.class, "ssh.cipher", CompressionNames.SUPPORTED, CompressionNames.CLIENT_DEFAULTS,
            CompressionNames.SERVER_DEFAULTS, CompressionNames.INSECURE);
    public static final AlgorithmFamily<ClientAuthMethodFactory> CLIENT_AUTH = new AlgorithmFamily<>(
            "client auth method", ClientAuthMethodFactory.class, "ssh.auth", AuthNames.SUPPORTED,
            AuthNames.CLIENT_DEFAULTS, AuthNames.SERVER_DEFAULTS, AuthNames.INSECURE);
    public static final AlgorithmFamily<ServerAuthMethodFactory> SERVER_AUTH = new AlgorithmFamily<>(
            "server auth method", ServerAuthMethodFactory.class, "ssh.auth", AuthNames.SUPPORTED,
            AuthNames.CLIENT_DEFAULTS, AuthNames.SERVER_DEFAULTS, AuthNames.INSECURE);

    private static final List<AlgorithmFamily<?>> ALL =
            List.of(KEX, PUBLIC_KEY, CIPHER, MAC, COMPRESSION, CLIENT_AUTH, SERVER_AUTH);

    private final String displayName;
    private final Class<F> type;
    private final String module;
    private final List<String> supported;
    private final List<String> clientDefaults;
    private final List<String> serverDefaults;
    private final List<String> insecure;

    private AlgorithmFamily(String displayName, Class<F> type, String module, List<String> supported,
            List<String> clientDefaults, List<String> serverDefaults, List<String> insecure) {
        this.displayName = displayName;
        this.type = type;
        this.module = module;
        this.supported = supported;
        this.clientDefaults = clientDefaults;
        this.serverDefaults = serverDefaults;
        this.insecure = insecure;
    }

    /** Every family, in KEXINIT order. */
    public static List<AlgorithmFamily<?>> values() {
        return ALL;
    }

    /** A name for messages, e.g. {@code "cipher"}. */
    public String displayName() {
        return displayName;
    }

    /** The service interface. */
    public Class<F> type() {
        return type;
    }

    /** The secsh module that implements this family's standard algorithms. */
    public String module() {
        return module;
    }

    /** The names secsh implements, in preference order. */
    public List<String> supported() {
        return supported;
    }

    /** The default preference list of {@code role}. */
    public List<String> defaults(Role role) {
        return role == Role.CLIENT ? clientDefaults : serverDefaults;
    }

    /** Names that exist for old peers and stay off until configuration names them. */
    public List<String> insecure() {
        return insecure;
    }

    @Override
    public String toString() {
        return displayName;
    }
}
