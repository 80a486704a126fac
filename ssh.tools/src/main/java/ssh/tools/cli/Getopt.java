package ssh.tools.cli;

import java.util.List;

/**
 * POSIX {@code getopt(3)}, which OpenSSH's tools use: single-letter options that may be grouped
 * ({@code -vvT}), arguments attached or separate ({@code -p2200}, {@code -p 2200}), {@code --} ends
 * options, and so does the first operand. Long options are not part of OpenSSH's grammar.
 */
final class Getopt {
    /** One parsed option; {@code argument} is null for a flag. */
    record Option(char letter, String argument) {
    }

    /** A command line that does not follow the option string. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    private final String[] args;
    private final String spec;
    private int index;
    private int within;

    /** {@code spec} lists the letters; a letter followed by {@code :} takes an argument. */
    Getopt(String[] args, String spec) {
        this.args = args;
        this.spec = spec;
    }

    /** The next option, or null when the options end. */
    Option next() throws UsageException {
        if (within == 0) {
            if (index >= args.length || !args[index].startsWith("-") || args[index].equals("-")) {
                return null;
            }
            if (args[index].equals("--")) {
                index++;
                return null;
            }
            within = 1;
        }
        String word = args[index];
        char letter = word.charAt(within++);
        int at = spec.indexOf(letter);
        if (at < 0 || letter == ':') {
            throw new UsageException("unknown option -- " + letter);
        }
        boolean takesArgument = at + 1 < spec.length() && spec.charAt(at + 1) == ':';
        String argument = null;
        if (takesArgument) {
            if (within < word.length()) {
                argument = word.substring(within);
            } else if (index + 1 < args.length) {
                argument = args[++index];
            } else {
                throw new UsageException("option requires an argument -- " + letter);
            }
            within = word.length();
        }
        if (within >= word.length()) {
            index++;
            within = 0;
        }
        return new Option(letter, argument);
    }

    /** The operands after the options. */
    List<String> operands() {
        return List.of(args).subList(Math.min(index, args.length), args.length);
    }
}
