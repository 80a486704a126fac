package ssh.tools.cli;

/**
 * The destination operand: {@code [user@]host} or {@code ssh://[user@]host[:port]}; an IPv6
 * address may be bracketed.
 *
 * @param user the user, or null if not given
 * @param host the host name or address
 * @param port the port, or 0 if not given
 */
record Destination(String user, String host, int port) {
    static Destination parse(String text) throws Getopt.UsageException {
        String t = text;
        boolean uri = t.startsWith("ssh://");
        if (uri) {
            t = t.substring("ssh://".length());
            if (t.endsWith("/")) {
                t = t.substring(0, t.length() - 1);
            }
        }
        int at = t.lastIndexOf('@');
        String user = at < 0 ? null : t.substring(0, at);
        String rest = t.substring(at + 1);
        int port = 0;
        if (uri && rest.matches(".*:[0-9]+") && !(rest.startsWith("[") && !rest.contains("]:"))) {
            int colon = rest.lastIndexOf(':');
            port = Integer.parseInt(rest.substring(colon + 1));
            rest = rest.substring(0, colon);
        }
        if (rest.startsWith("[") && rest.endsWith("]")) {
            rest = rest.substring(1, rest.length() - 1);
        }
        if (rest.isEmpty() || (user != null && user.isEmpty())) {
            throw new Getopt.UsageException("bad destination \"" + text + "\"");
        }
        return new Destination(user, rest, port);
    }
}
