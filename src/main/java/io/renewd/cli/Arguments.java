package io.renewd.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads renewctl's command line: the command's words, its parameters and options ({@code --name value} or {@code --name=value}). */
final class Arguments {

    /** What the command line asks for. */
    sealed interface Parsed permits Run, Help {
    }

    /** Run {@code command} with these parameters and options (a flag's value is {@code "true"}). */
    record Run(Command command, List<String> parameters, Map<String, String> options) implements Parsed {

        Optional<String> option(String name) {
            return Optional.ofNullable(options.get(name));
        }

        boolean flag(String name) {
            return options.containsKey(name);
        }
    }

    /** Print the help: of everything ({@code topic} empty), of one group ("cert"), or of one command. */
    record Help(String topic, Optional<Command> command) implements Parsed {
    }

    private Arguments() {
    }

    static Parsed parse(List<String> args) {
        List<String> words = new ArrayList<>();
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--")) {
                words.addAll(args.subList(i + 1, args.size()));
                break;
            }
            if (arg.startsWith("-") && arg.length() > 1) {
                int equals = arg.indexOf('=');
                String name = canonical(equals > 0 ? arg.substring(0, equals) : arg);
                String value;
                if (Command.FLAGS.contains(name)) {
                    if (equals > 0) {
                        throw CliFailure.usage(name + " takes no value");
                    }
                    value = "true";
                } else if (equals > 0) {
                    value = arg.substring(equals + 1);
                } else if (i + 1 < args.size()) {
                    value = args.get(++i);
                } else {
                    throw CliFailure.usage(name + " needs a value");
                }
                if (options.put(name, value) != null) {
                    throw CliFailure.usage(name + " is given twice");
                }
            } else {
                words.add(arg);
            }
        }
        Optional<Command> command = longestMatch(words);
        if (options.containsKey("--help") || words.isEmpty() || words.equals(List.of("help"))) {
            return new Help(words.isEmpty() || words.equals(List.of("help")) ? "" : words.get(0), command);
        }
        if (command.isEmpty()) {
            boolean group = Arrays.stream(Command.values()).anyMatch(c -> c.group().equals(words.get(0)));
            throw CliFailure.usage(group
                    ? "unknown command '" + String.join(" ", words) + "': see renewctl " + words.get(0) + " --help"
                    : "unknown command '" + words.get(0) + "': see renewctl --help");
        }
        Command found = command.get();
        List<String> parameters = words.subList(found.words().size(), words.size());
        if (parameters.size() != found.parameters().size()) {
            throw CliFailure.usage((parameters.size() < found.parameters().size()
                    ? "missing " + String.join(" ", found.parameters().subList(parameters.size(), found.parameters().size()))
                    : "unexpected argument '" + parameters.get(found.parameters().size()) + "'")
                    + ": " + found.usage());
        }
        for (String option : options.keySet()) {
            if (!found.takes(option)) {
                throw CliFailure.usage("unknown option " + option + " for '" + String.join(" ", found.words()) + "': " + found.usage());
            }
        }
        if (options.containsKey("--wait") && options.containsKey("--no-wait")) {
            throw CliFailure.usage("--wait and --no-wait exclude each other");
        }
        String output = options.get("--output");
        if (output != null && !output.equals("json") && !output.equals("text")) {
            throw CliFailure.usage("--output must be json or text, not '" + output + "'");
        }
        return new Run(found, List.copyOf(parameters), Map.copyOf(options));
    }

    private static String canonical(String option) {
        return switch (option) {
            case "-o" -> "--output";
            case "-h" -> "--help";
            default -> {
                if (!option.startsWith("--")) {
                    throw CliFailure.usage("unknown option " + option + ": see renewctl --help");
                }
                yield option;
            }
        };
    }

    private static Optional<Command> longestMatch(List<String> words) {
        return Arrays.stream(Command.values())
                .filter(c -> words.size() >= c.words().size() && words.subList(0, c.words().size()).equals(c.words()))
                .max((a, b) -> Integer.compare(a.words().size(), b.words().size()));
    }
}
