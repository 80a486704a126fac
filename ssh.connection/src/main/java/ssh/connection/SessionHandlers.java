package ssh.connection;

import java.util.List;
import java.util.Map;
import ssh.api.algorithms.PreferenceList;

/**
 * What a server runs for sessions: a handler for {@code exec}, one for {@code shell}, one per
 * subsystem name, and which {@code env} variables pass to them ({@code AcceptEnv} patterns).
 * A missing handler makes the server refuse that request.
 */
record SessionHandlers(SessionHandler exec, SessionHandler shell, Map<String, SessionHandler> subsystems,
        List<String> acceptEnv) {
    SessionHandlers {
        subsystems = Map.copyOf(subsystems);
        acceptEnv = List.copyOf(acceptEnv);
    }

    SessionHandler subsystem(String name) {
        return subsystems.get(name);
    }

    boolean acceptsEnv(String name) {
        return acceptEnv.stream().anyMatch(p -> PreferenceList.matches(p, name));
    }
}
