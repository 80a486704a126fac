/**
 * secsh's tools: the demo (the original secsh's BBS on port 2200 and a client walking it), and the
 * command-line client, server and key generator. Only the public SDK API is used; no SDK module
 * depends on this one.
 */
module ssh.tools {
    requires ssh.connection;
    requires org.jline.terminal;

    provides java.lang.System.LoggerFinder with ssh.tools.cli.CliLoggerFinder;
}
