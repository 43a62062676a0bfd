package org.thunderproject.ec2.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.thunderproject.ec2.cli.options.ClusterName;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * Commands a message tells the user to run, as they can paste them: {@code thunder-ec2} with the
 * options of this invocation that say where the cluster is and how to reach it ({@code --local},
 * {@code --endpoint-url}, {@code --region}, {@code --profile}, {@code -k}, {@code -i}, ...), as typed.
 * Also turns the API's hints ({@code resume()}, {@code destroy()}) into such commands.
 */
public final class Hints {

    // Where the cluster is and how its nodes are reached: what a follow-up command needs again.
    private static final List<String> CARRIED = List.of(
            "--local",
            "--endpoint-url",
            "--region",
            "--profile",
            "--config",
            "--key-pair",
            "--identity-file",
            "--user",
            "--ssh-port");
    private static final Pattern API_CALL = Pattern.compile("\\b(resume|destroy|start|describe|launch)\\(\\)");
    private static final Pattern API_VERB =
            Pattern.compile("\\b(resume|destroy|start)\\(\\) (it|the cluster)( first| again)?");
    private static final Pattern SAFE = Pattern.compile("[\\w@%+=:,./~-]+");

    private final List<String> options;
    private final Optional<String> cluster;

    private Hints(List<String> options, Optional<String> cluster) {
        this.options = List.copyOf(options);
        this.cluster = cluster;
    }

    /** No options carried (before the command line is parsed). */
    static Hints none() {
        return new Hints(List.of(), Optional.empty());
    }

    /** The options and cluster name of a parsed command line; after the subcommand wins over before it. */
    static Hints of(ParseResult root) {
        ParseResult sub = root.hasSubcommand() ? root.subcommand() : null;
        List<String> options = new ArrayList<>();
        for (String name : CARRIED) {
            OptionSpec option =
                    sub != null && sub.hasMatchedOption(name) ? sub.matchedOption(name) : root.matchedOption(name);
            if (option == null) {
                continue;
            }
            String shortest = option.shortestName();
            if (option.typeInfo().isBoolean()) {
                // A negatable flag (--local/--no-local) given as its negation carries nothing.
                if (Boolean.TRUE.equals(option.getValue())) {
                    options.add(name);
                }
            } else if (!option.originalStringValues().isEmpty()) {
                String value = option.originalStringValues()
                        .get(option.originalStringValues().size() - 1);
                options.add(shortest);
                options.add(quote(value));
            }
        }
        Optional<String> cluster = Optional.ofNullable(sub)
                .map(s -> s.commandSpec().mixins().get("target"))
                .map(spec -> spec.userObject())
                .filter(ClusterName.class::isInstance)
                .map(o -> ((ClusterName) o).name());
        return new Hints(options, cluster);
    }

    /** {@code thunder-ec2 OPTIONS ARGS}, ready to paste. */
    public String command(String... args) {
        List<String> words = new ArrayList<>();
        words.add("thunder-ec2");
        words.addAll(options);
        for (String arg : args) {
            words.add(quote(arg));
        }
        return String.join(" ", words);
    }

    /** {@code 'thunder-ec2 OPTIONS launch NAME --resume'}, quoted for a sentence. */
    public String resume(String name) {
        return "'" + command("launch", name, "--resume") + "'";
    }

    /** {@code 'thunder-ec2 OPTIONS destroy NAME'}, quoted for a sentence. */
    public String destroy(String name) {
        return "'" + command("destroy", name) + "'";
    }

    /**
     * {@code message} with the API's hints as commands: "resume() completes it" becomes
     * "'thunder-ec2 … launch NAME --resume' completes it". Unchanged without a cluster name.
     */
    public String apiToCli(String message) {
        if (message == null) {
            return null;
        }
        message = message.replace("(thunder-ec2 list shows", "('" + command("list") + "' shows");
        if (cluster.isEmpty()) {
            return message;
        }
        String name = cluster.get();
        // "start() the cluster first" -> "start the cluster first ('thunder-ec2 … start NAME')"
        Matcher verb = API_VERB.matcher(message);
        StringBuilder out = new StringBuilder();
        while (verb.find()) {
            String rest = verb.group(3) == null ? "" : verb.group(3);
            verb.appendReplacement(
                    out,
                    Matcher.quoteReplacement(
                            verb.group(1) + " " + verb.group(2) + rest + " (" + call(verb.group(1), name) + ")"));
        }
        verb.appendTail(out);
        Matcher call = API_CALL.matcher(out.toString());
        StringBuilder done = new StringBuilder();
        while (call.find()) {
            call.appendReplacement(done, Matcher.quoteReplacement(call(call.group(1), name)));
        }
        call.appendTail(done);
        return done.toString();
    }

    private String call(String method, String name) {
        switch (method) {
            case "resume":
                return resume(name);
            case "launch":
                return "'" + command("launch", name) + "'";
            default:
                return "'" + command(method, name) + "'";
        }
    }

    private static String quote(String word) {
        return SAFE.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'";
    }
}
