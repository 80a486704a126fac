package ssh.api.algorithms;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import ssh.api.Role;
import ssh.api.SshAlgorithmException;
import ssh.api.crypto.Primitive;
import ssh.api.spi.AlgorithmFactory;
import ssh.api.spi.CryptoProvider;

/**
 * Every SSH algorithm and crypto provider that is installed, found with {@link ServiceLoader}
 * (module path and class path alike), and the place where configuration turns preference strings
 * into ordered algorithm lists.
 *
 * <pre>{@code
 * AlgorithmRegistry registry = AlgorithmRegistry.load();
 * ProviderChain crypto = registry.providerChain("jca,bc");
 * List<CipherFactory> ciphers = registry.resolve(AlgorithmFamily.CIPHER, Role.CLIENT, "^aes256-gcm@openssh.com", crypto);
 * }</pre>
 *
 * Thread-safe; what it finds is fixed once built (it only remembers the provider chains it has built).
 */
public final class AlgorithmRegistry {
    private static final System.Logger LOG = System.getLogger(AlgorithmRegistry.class.getName());

    /** The chain used when configuration names none. */
    public static final String DEFAULT_PROVIDER_CHAIN = "jca,bc";

    private final Map<AlgorithmFamily<?>, List<AlgorithmFactory>> byFamily;
    private final List<CryptoProvider> cryptoProviders;
    /** Chains already built, by spec ("" for the default): a chain is immutable, so one serves every connection. */
    private final Map<String, ProviderChain> chains = new ConcurrentHashMap<>();

    private AlgorithmRegistry(Map<AlgorithmFamily<?>, List<AlgorithmFactory>> byFamily,
            List<CryptoProvider> cryptoProviders) {
        this.byFamily = byFamily;
        this.cryptoProviders = cryptoProviders;
    }

    /**
     * The services visible to secsh's own module (the boot layer and the class path), found once
     * per JVM on first use and shared: configuration that names no registry uses this one, so a
     * connection does not pay for a service scan. {@link #load()} looks again.
     */
    public static AlgorithmRegistry installed() {
        return Installed.REGISTRY;
    }

    /** Holds the registry {@link #installed()} returns; built when first asked for. */
    private static final class Installed {
        static final AlgorithmRegistry REGISTRY = load();
    }

    /** The services visible to secsh's own module, the boot layer and the class path, looked up afresh. */
    public static AlgorithmRegistry load() {
        return build(ServiceLoader::load);
    }

    /** The services of {@code layer} and its parents (for applications that build their own layers). */
    public static AlgorithmRegistry load(ModuleLayer layer) {
        return build(type -> ServiceLoader.load(layer, type));
    }

    /** Exactly the given service objects, for embedding without discovery (and for tests). */
    public static AlgorithmRegistry of(List<?> services) {
        return build(type -> services.stream().filter(type::isInstance).map(type::cast).toList());
    }

    private static AlgorithmRegistry build(Function<Class<?>, Iterable<?>> finder) {
        Map<AlgorithmFamily<?>, List<AlgorithmFactory>> byFamily = new LinkedHashMap<>();
        for (AlgorithmFamily<?> family : AlgorithmFamily.values()) {
            List<AlgorithmFactory> found = new ArrayList<>();
            Set<String> names = new HashSet<>();
            for (Object o : finder.apply(family.type())) {
                AlgorithmFactory f = (AlgorithmFactory) o;
                if (names.add(f.name())) {
                    found.add(f);
                } else {
                    LOG.log(Level.WARNING, "{0} \"{1}\" is provided twice; keeping the first, ignoring {2}",
                            family, f.name(), f.getClass().getName());
                }
            }
            found.sort(canonicalOrder(family));
            byFamily.put(family, List.copyOf(found));
        }
        List<CryptoProvider> providers = new ArrayList<>();
        Set<String> providerNames = new HashSet<>();
        for (Object o : finder.apply(CryptoProvider.class)) {
            CryptoProvider p = (CryptoProvider) o;
            if (providerNames.add(p.name())) {
                providers.add(p);
            }
        }
        return new AlgorithmRegistry(byFamily, List.copyOf(providers));
    }

    /** secsh's own names in their preference order first, then any others by name. */
    private static Comparator<AlgorithmFactory> canonicalOrder(AlgorithmFamily<?> family) {
        List<String> order = family.supported();
        return Comparator.<AlgorithmFactory>comparingInt(f -> {
            int i = order.indexOf(f.name());
            return i < 0 ? Integer.MAX_VALUE : i;
        }).thenComparing(AlgorithmFactory::name);
    }

    /** Every installed algorithm of {@code family}, whether or not a provider can run it. */
    public <F extends AlgorithmFactory> List<F> installed(AlgorithmFamily<F> family) {
        return byFamily.get(family).stream().map(family.type()::cast).toList();
    }

    /** The installed crypto providers. */
    public List<CryptoProvider> cryptoProviders() {
        return cryptoProviders;
    }

    /**
     * The chain named by {@code spec}, a comma-separated list of provider names such as
     * {@code "jca,bc"}. Names not installed are an error, except that the default chain (null or
     * blank {@code spec}) quietly leaves out a provider whose module is absent (a jlink image with
     * JCA only), and picks per primitive the provider measured fastest on the running JDK.
     */
    public ProviderChain providerChain(String spec) throws SshAlgorithmException {
        String key = spec == null || spec.isBlank() ? "" : spec;
        ProviderChain known = chains.get(key);
        if (known != null) {
            return known;
        }
        ProviderChain built = buildChain(spec);
        ProviderChain raced = chains.putIfAbsent(key, built);
        return raced != null ? raced : built;
    }

    private ProviderChain buildChain(String spec) throws SshAlgorithmException {
        if (cryptoProviders.isEmpty()) {
            throw new SshAlgorithmException("no crypto provider is installed: no module provides "
                    + CryptoProvider.class.getName() + "; add module ssh.provider.jca (or ssh.provider.bc)"
                    + " to the module path");
        }
        boolean isDefault = spec == null || spec.isBlank();
        String s = isDefault ? DEFAULT_PROVIDER_CHAIN : spec;
        List<CryptoProvider> chain = new ArrayList<>();
        for (String part : s.split(",", -1)) {
            String name = part.strip();
            Optional<CryptoProvider> p = cryptoProviders.stream().filter(c -> c.name().equals(name)).findFirst();
            if (p.isPresent() && !chain.contains(p.get())) {
                chain.add(p.get());
            } else if (p.isPresent()) {
                throw new SshAlgorithmException("crypto provider \"" + name + "\" named twice in \"" + s + "\"");
            } else if (!isDefault) {
                throw new SshAlgorithmException("unknown crypto provider \"" + name + "\" in \"" + s
                        + "\"; installed: " + cryptoProviders.stream().map(CryptoProvider::name)
                                .collect(Collectors.joining(",")));
            }
        }
        if (chain.isEmpty()) {
            chain.addAll(cryptoProviders);
        }
        // The default chain takes, per primitive, the provider measured fastest on this JDK; an
        // explicit chain from the user is taken as written.
        return isDefault ? new ProviderChain(chain, ProviderPreferences.forRunningJdk()) : new ProviderChain(chain);
    }

    /** The algorithms of {@code family} that {@code chain} can run, in canonical order. */
    public <F extends AlgorithmFactory> List<F> available(AlgorithmFamily<F> family, ProviderChain chain) {
        return installed(family).stream().filter(f -> missing(f, chain).isEmpty()).toList();
    }

    /** The algorithm of {@code family} called {@code name}, if installed. */
    public <F extends AlgorithmFactory> Optional<F> find(AlgorithmFamily<F> family, String name) {
        return installed(family).stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /**
     * The algorithms {@code role} should offer, in order: {@code preference} (OpenSSH syntax, see
     * {@link PreferenceList}; null for the defaults) applied to the role's defaults, over what
     * {@code chain} can run.
     */
    public <F extends AlgorithmFactory> List<F> resolve(AlgorithmFamily<F> family, Role role, String preference,
            ProviderChain chain) throws SshAlgorithmException {
        List<F> installed = installed(family);
        if (installed.isEmpty()) {
            throw new SshAlgorithmException("no " + family + " algorithm is installed: no module provides "
                    + family.type().getName() + "; add module " + family.module() + " to the module path");
        }
        Map<String, F> usable = new LinkedHashMap<>();
        Map<String, String> unavailable = new LinkedHashMap<>();
        for (F f : installed) {
            Set<Primitive> missing = missing(f, chain);
            if (missing.isEmpty()) {
                usable.put(f.name(), f);
            } else {
                unavailable.put(f.name(), "it needs " + missing.stream().map(Primitive::name).sorted()
                        .collect(Collectors.joining(", ")) + ", which no provider on chain \"" + chain.name()
                        + "\" supplies on this JVM");
            }
        }
        List<String> names = PreferenceList.resolve(family.displayName(), preference, family.defaults(role),
                List.copyOf(usable.keySet()), unavailable);
        return names.stream().map(usable::get).toList();
    }

    private static Set<Primitive> missing(AlgorithmFactory f, ProviderChain chain) {
        return f.requiredPrimitives().stream().filter(p -> !chain.supports(p)).collect(Collectors.toSet());
    }
}
