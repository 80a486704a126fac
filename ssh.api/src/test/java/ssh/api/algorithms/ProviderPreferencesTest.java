package ssh.api.algorithms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import ssh.api.crypto.Primitive;

/** The measured per-JDK order table: the newest measurement not newer than the running JDK applies. */
class ProviderPreferencesTest {
    private static Properties table() {
        Properties p = new Properties();
        p.setProperty("21.ED25519", "bc,jca");
        p.setProperty("25.ED25519", "jca, bc");
        p.setProperty("25.AES_GCM", "jca,bc");
        return p;
    }

    @Test
    void newestMeasurementNotNewerThanTheJdkApplies() {
        assertEquals(Map.of(Primitive.ED25519, List.of("bc", "jca")), ProviderPreferences.forJdk(21, table()));
        assertEquals(Map.of(Primitive.ED25519, List.of("bc", "jca")), ProviderPreferences.forJdk(24, table()));
        assertEquals(Map.of(Primitive.ED25519, List.of("jca", "bc"), Primitive.AES_GCM, List.of("jca", "bc")),
                ProviderPreferences.forJdk(26, table()));
    }

    @Test
    void noMeasurementForAnOlderJdkMeansChainOrder() {
        assertTrue(ProviderPreferences.forJdk(17, table()).isEmpty());
    }

    @Test
    void theShippedTableParses() {
        ProviderPreferences.forRunningJdk().forEach((primitive, order) ->
                assertTrue(!order.isEmpty() && order.stream().allMatch(n -> n.equals("jca") || n.equals("bc")),
                        primitive + " -> " + order));
    }
}
