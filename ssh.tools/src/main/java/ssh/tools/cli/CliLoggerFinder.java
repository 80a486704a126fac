package ssh.tools.cli;

import java.text.MessageFormat;
import java.util.ResourceBundle;

/**
 * Routes the SDK's {@code System.Logger} messages to stderr the way OpenSSH prints its own: with
 * {@code -v} its debug messages as {@code debug1:} lines, with {@code -vv} and more its trace
 * messages as {@code debug2:}; otherwise only errors. The tools set the level in the system
 * property {@code secsh.log.level} (QUIET, ERROR, INFO, VERBOSE, DEBUG1, DEBUG2, DEBUG3).
 */
public final class CliLoggerFinder extends System.LoggerFinder {
    /** The system property the tools set from {@code -v}, {@code -q} and {@code LogLevel}. */
    static final String LEVEL_PROPERTY = "secsh.log.level";

    @Override
    public System.Logger getLogger(String name, Module module) {
        return new System.Logger() {
            @Override
            public String getName() {
                return name;
            }

            @Override
            public boolean isLoggable(Level level) {
                // The JDK's own loggers (process starts, exits) stay quiet below errors.
                Level floor = name.startsWith("ssh.") ? threshold() : Level.ERROR;
                return level.getSeverity() >= floor.getSeverity();
            }

            @Override
            public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
                if (isLoggable(level)) {
                    System.err.println(prefix(level) + msg + (thrown == null ? "" : ": " + thrown));
                }
            }

            @Override
            public void log(Level level, ResourceBundle bundle, String format, Object... params) {
                if (isLoggable(level)) {
                    String text = params == null || params.length == 0 ? format : MessageFormat.format(format, params);
                    System.err.println(prefix(level) + text);
                }
            }
        };
    }

    private static System.Logger.Level threshold() {
        return switch (System.getProperty(LEVEL_PROPERTY, "ERROR")) {
            case "QUIET" -> System.Logger.Level.OFF;
            case "INFO", "VERBOSE" -> System.Logger.Level.INFO;
            case "DEBUG", "DEBUG1" -> System.Logger.Level.DEBUG;
            case "DEBUG2", "DEBUG3" -> System.Logger.Level.TRACE;
            default -> System.Logger.Level.ERROR;
        };
    }

    private static String prefix(System.Logger.Level level) {
        return switch (level) {
            case DEBUG -> "debug1: ";
            case TRACE, ALL -> "debug2: ";
            default -> "";
        };
    }
}
