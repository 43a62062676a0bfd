package org.thunderproject.ec2.cli;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/** Picocli's command line errors in the user's words: values by what they should be, commands by name. */
final class UsageWords {

    private UsageWords() {}

    /** "unknown command 'lanch' (did you mean 'launch'?)" when the first word is no command. */
    static Optional<String> unknownCommand(ParameterException e) {
        if (!(e instanceof UnmatchedArgumentException unmatched)
                || e.getCommandLine().getParent() != null
                || unmatched.getUnmatched().isEmpty()) {
            return Optional.empty();
        }
        String word = unmatched.getUnmatched().get(0);
        if (word.startsWith("-")
                || e.getCommandLine().getParseResult() != null
                        && e.getCommandLine().getParseResult().hasSubcommand()) {
            return Optional.empty();
        }
        // picocli lists the closest first.
        Optional<String> suggestion = unmatched.getSuggestions().stream()
                .filter(s -> e.getCommandLine().getSubcommands().containsKey(s))
                .findFirst();
        return Optional.of("unknown command '" + word + "'"
                + suggestion.map(s -> " (did you mean '" + s + "'?)").orElse(""));
    }

    /** The error, with a bad value said as what it should be: "--spot-price: 'abc' is not a price …". */
    static String message(ParameterException e) {
        ArgSpec arg = e.getArgSpec();
        String value = e.getValue();
        if (arg != null
                && value != null
                && e.getMessage() != null
                && e.getMessage().startsWith("Invalid value for ")) {
            String name = arg instanceof OptionSpec option ? option.longestName() : arg.paramLabel();
            // Our own converters already say what the value should be.
            if (arg.converters().length > 0
                    && e.getCause() != null
                    && e.getCause().getMessage() != null) {
                return name + ": " + e.getCause().getMessage();
            }
            return name + ": '" + value + "' is not " + expected(arg);
        }
        return e.getMessage();
    }

    private static String expected(ArgSpec arg) {
        Class<?> type = arg.type();
        if (List.class.isAssignableFrom(type) && arg.auxiliaryTypes().length > 0) {
            type = arg.auxiliaryTypes()[0];
        }
        if (type == BigDecimal.class) {
            return "a price in USD per hour, like 0.05";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number, like 2";
        }
        if (type == Duration.class) {
            return "a duration, like 500ms, 90s or 15m";
        }
        if (type.isEnum()) {
            return "one of "
                    + Arrays.stream(type.getEnumConstants())
                            .map(c -> c.toString().toLowerCase(Locale.ROOT))
                            .collect(Collectors.joining(", "));
        }
        return "valid here";
    }
}
