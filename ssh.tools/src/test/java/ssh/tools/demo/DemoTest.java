package ssh.tools.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The README's demo, run in the build: server, client, BBS walk, exit status 0. */
class DemoTest {
    @Test
    void demoRunsEndToEnd() throws Exception {
        assertEquals(0, Demo.run());
    }
}
