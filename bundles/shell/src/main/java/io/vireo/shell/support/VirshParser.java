package io.vireo.shell.support;

import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Command;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Parser;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.parsing.DefaultParser;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Lets {@code virt:*} commands take their options anywhere on the line, as virsh does
 * ({@code virt:dumpxml vm1 --inactive}): Karaf's own preparation stops reading options at the first
 * argument, so this parser moves every option (with its value, for options that take one) in front of the
 * arguments before Karaf sees the line. Tokens are moved as typed, quotes and all. A word with one dash
 * that is not an option of the command stays an argument ({@code setmem vm -5}).
 *
 * <p>The options are read from the command's {@code @Option} fields; the command's class comes from
 * Karaf's action command ({@code getActionClass}). Where that is not available the line is left as it is.
 */
@Service
public class VirshParser implements Parser {
    private final DefaultParser parser = new DefaultParser();

    @Override
    public CommandLine parse(Session session, String command, int cursor) {
        return parser.parse(session, command, cursor);
    }

    @Override
    public String preprocess(Session session, CommandLine commandLine) {
        String[] tokens = commandLine.getArguments();
        Map<String, Boolean> options = tokens.length == 0 ? Map.of() : options(session, tokens[0]);
        return String.join(" ", reorder(tokens, options));
    }

    /**
     * The tokens with the options first: {@code tokens[0]} is the command, {@code options} maps every
     * option name and alias to whether it takes a value.
     */
    static List<String> reorder(String[] tokens, Map<String, Boolean> options) {
        List<String> out = new ArrayList<>();
        List<String> arguments = new ArrayList<>();
        if (tokens.length > 0) {
            out.add(tokens[0]);
        }
        for (int i = 1; i < tokens.length; i++) {
            String token = tokens[i];
            int eq = token.indexOf('=');
            String name = eq > 0 ? token.substring(0, eq) : token;
            Boolean takesValue = token.startsWith("-") ? options.get(name) : null;
            if (takesValue == null && token.startsWith("--") && token.length() > 2) {
                // An option the command does not have: in front, Karaf names it ("undefined option").
                takesValue = false;
            }
            if (takesValue == null) {
                arguments.add(token);
                continue;
            }
            out.add(token);
            if (takesValue && eq < 0 && i + 1 < tokens.length) {
                out.add(tokens[++i]);
            }
        }
        out.addAll(arguments);
        return out;
    }

    /** The options of the command named {@code name} ({@code virt:dumpxml}), or none when it cannot tell. */
    private static Map<String, Boolean> options(Session session, String name) {
        String resolved = session.resolveCommand(name);
        int colon = resolved.indexOf(':');
        Command command = colon < 0 ? null
                : session.getRegistry().getCommand(resolved.substring(0, colon), resolved.substring(colon + 1));
        if (command == null) {
            return Map.of();
        }
        try {
            Object type = command.getClass().getMethod("getActionClass").invoke(command);
            return type instanceof Class<?> c ? options(c) : Map.of();
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Map.of();
        }
    }

    /** Every {@code @Option} name and alias of {@code type} and its superclasses: whether it takes a value. */
    static Map<String, Boolean> options(Class<?> type) {
        Map<String, Boolean> options = new HashMap<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                Option option = f.getAnnotation(Option.class);
                if (option == null) {
                    continue;
                }
                boolean takesValue = f.getType() != boolean.class && f.getType() != Boolean.class;
                options.put(option.name(), takesValue);
                for (String alias : option.aliases()) {
                    options.put(alias, takesValue);
                }
            }
        }
        return options;
    }
}
