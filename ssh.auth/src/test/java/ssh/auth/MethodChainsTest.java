package ssh.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MethodChainsTest {
    @Test
    void chainsAdvanceInOrderAndTheFirstCompletedOneWins() {
        MethodChains chains = new MethodChains(List.of(List.of("publickey", "password"),
                List.of("publickey", "keyboard-interactive"), List.of("hostbased")));
        assertEquals(List.of("publickey", "hostbased"), chains.next());
        assertFalse(chains.complete("password"), "password is not at the head of any chain");
        assertEquals(List.of("publickey", "hostbased"), chains.next());
        assertFalse(chains.complete("publickey"));
        assertEquals(List.of("password", "keyboard-interactive", "hostbased"), chains.next());
        assertTrue(chains.complete("keyboard-interactive"));
    }

    @Test
    void authenticationMethodsSyntax() {
        PasswordAuthenticator p = PasswordAuthenticator.of(Map.of());
        PublicKeyAuthenticator k = (u, key, from) -> java.util.Optional.empty();
        assertEquals(List.of(List.of("publickey", "password"), List.of("password")), ServerAuthConfig.builder()
                .password(p).publicKey(k).authenticationMethods(" publickey,password   password ").build().chains());
        assertEquals(List.of(List.of("publickey"), List.of("password")),
                ServerAuthConfig.builder().password(p).publicKey(k).authenticationMethods("any").build().chains());
        assertThrows(IllegalArgumentException.class,
                () -> ServerAuthConfig.builder().password(p).authenticationMethods("publickey,password").build());
        assertThrows(IllegalArgumentException.class,
                () -> ServerAuthConfig.builder().password(p).authenticationMethods("password,,password"));
    }
}
