package ssh.bench;

import java.util.List;
import ssh.api.algorithms.AlgorithmRegistry;
import ssh.api.crypto.Primitive;
import ssh.api.spi.CryptoProvider;

/**
 * Prints the capability matrix (primitive x installed provider) as the providers themselves report
 * it on the running JVM, as a Markdown table.
 */
public final class Capabilities {
    private Capabilities() {
    }

    public static void main(String[] args) {
        List<CryptoProvider> providers = AlgorithmRegistry.load().cryptoProviders();
        StringBuilder out = new StringBuilder();
        out.append("Java ").append(Runtime.version()).append(" (").append(System.getProperty("java.vendor"))
                .append(")\n\n| primitive | kind |");
        providers.forEach(p -> out.append(' ').append(p.name()).append(" |"));
        out.append("\n| --- | --- |");
        providers.forEach(p -> out.append(" --- |"));
        out.append('\n');
        for (Primitive prim : Primitive.values()) {
            out.append("| ").append(prim).append(" | ").append(prim.kind().name().toLowerCase()).append(" |");
            providers.forEach(p -> out.append(p.supports(prim) ? " yes |" : " no |"));
            out.append('\n');
        }
        System.out.print(out);
    }
}
