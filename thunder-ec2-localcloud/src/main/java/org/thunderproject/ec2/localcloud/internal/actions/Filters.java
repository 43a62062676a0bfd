package org.thunderproject.ec2.localcloud.internal.actions;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.thunderproject.ec2.localcloud.internal.http.QueryParams;
import org.thunderproject.ec2.localcloud.internal.model.Ec2Error;
import org.thunderproject.ec2.localcloud.internal.model.Tags;

/**
 * EC2's {@code Filter.N.Name} / {@code Filter.N.Value.M} filters for one resource kind: filters
 * are ANDed, the values of one filter ORed, values may use {@code *} and {@code ?} wildcards.
 * {@code tag:KEY}, {@code tag-key} and {@code tag-value} work for every taggable kind. An unknown
 * filter name is {@code InvalidParameterValue}, as in EC2.
 *
 * @param <T> the resource type
 */
public final class Filters<T> {

    private final Map<String, Function<T, Collection<String>>> fields = new LinkedHashMap<>();
    private Function<T, Tags> tags;

    /** Filters for a resource kind; add its fields. */
    public static <T> Filters<T> of() {
        return new Filters<>();
    }

    /** A filter {@code name} matching any of the values {@code field} yields. */
    public Filters<T> field(String name, Function<T, Collection<String>> field) {
        fields.put(name, field);
        return this;
    }

    /** A filter {@code name} matching one value (null never matches). */
    public Filters<T> single(String name, Function<T, Object> field) {
        return field(name, t -> {
            Object value = field.apply(t);
            return value == null ? List.of() : List.of(value.toString());
        });
    }

    /** Enables the tag filters. */
    public Filters<T> tags(Function<T, Tags> tags) {
        this.tags = tags;
        return this;
    }

    /** The matcher for the request's filters. */
    public Predicate<T> parse(QueryParams params) {
        Predicate<T> all = t -> true;
        for (QueryParams filter : params.structs("Filter")) {
            String name = filter.required("Name");
            List<String> values = filter.strings("Value");
            if (values.isEmpty()) {
                throw Ec2Error.invalidValue("The filter '" + name + "' requires at least one value");
            }
            List<Pattern> patterns = new ArrayList<>();
            for (String value : values) {
                patterns.add(glob(value));
            }
            Function<T, Collection<String>> field = field(name);
            all = all.and(t -> matches(field.apply(t), patterns));
        }
        return all;
    }

    private Function<T, Collection<String>> field(String name) {
        Function<T, Collection<String>> field = fields.get(name);
        if (field != null) {
            return field;
        }
        if (tags != null && name.startsWith("tag:") && name.length() > 4) {
            String key = name.substring(4);
            return t -> {
                String value = tags.apply(t).get(key);
                return value == null ? List.of() : List.of(value);
            };
        }
        if (tags != null && name.equals("tag-key")) {
            return t -> tags.apply(t).asMap().keySet();
        }
        if (tags != null && name.equals("tag-value")) {
            return t -> tags.apply(t).asMap().values();
        }
        throw Ec2Error.invalidValue("The filter '" + name + "' is invalid");
    }

    private static boolean matches(Collection<String> values, List<Pattern> patterns) {
        for (String value : values) {
            for (Pattern p : patterns) {
                if (p.matcher(value).matches()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** EC2 wildcards: {@code *} any run, {@code ?} one character, backslash escapes. */
    static Pattern glob(String value) {
        Objects.requireNonNull(value, "value");
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                literal.append(value.charAt(++i));
            } else if (c == '*' || c == '?') {
                if (literal.length() > 0) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (literal.length() > 0) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
