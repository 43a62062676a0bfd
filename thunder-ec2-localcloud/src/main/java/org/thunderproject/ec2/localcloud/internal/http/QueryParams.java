package org.thunderproject.ec2.localcloud.internal.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.thunderproject.ec2.localcloud.internal.model.Ec2Error;

/**
 * The parameters of one EC2 Query request ({@code Filter.1.Name=…&Filter.1.Value.1=…}), or a view
 * of the part under one prefix (the {@code Filter.1.} structure). Lists are numbered from 1 in
 * the wire format; they are returned in index order.
 */
public final class QueryParams {

    private final SortedMap<String, String> all;
    private final String prefix;

    private QueryParams(SortedMap<String, String> all, String prefix) {
        this.all = all;
        this.prefix = prefix;
    }

    /** The parameters of a request. */
    public static QueryParams of(Map<String, String> params) {
        return new QueryParams(Collections.unmodifiableSortedMap(new TreeMap<>(params)), "");
    }

    /** The value of {@code name}, if present (an empty value counts as present). */
    public Optional<String> optional(String name) {
        return Optional.ofNullable(all.get(prefix + name));
    }

    /** The value of {@code name}, or null. */
    public String string(String name) {
        return all.get(prefix + name);
    }

    /** The value of {@code name}; {@code MissingParameter} when absent or empty. */
    public String required(String name) {
        String value = string(name);
        if (value == null || value.isEmpty()) {
            throw Ec2Error.missing(prefix + name);
        }
        return value;
    }

    /** An integer parameter; {@code InvalidParameterValue} when not a number. */
    public Optional<Integer> integer(String name) {
        String value = string(name);
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            throw Ec2Error.invalidValue("Invalid value '" + value + "' for " + prefix + name + ": not an integer");
        }
    }

    /** A boolean parameter ({@code true}/{@code false}, any case). */
    public boolean bool(String name, boolean defaultValue) {
        String value = string(name);
        if (value == null || value.isEmpty()) {
            return defaultValue;
        }
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw Ec2Error.invalidValue("Invalid value '" + value + "' for " + prefix + name + ": expected true or false");
    }

    /** The list {@code name.1}, {@code name.2}, … of plain values. */
    public List<String> strings(String name) {
        List<String> values = new ArrayList<>();
        for (Map.Entry<Integer, String> e : indexed(name).entrySet()) {
            String v = all.get(prefix + name + "." + e.getKey());
            if (v != null) {
                values.add(v);
            }
        }
        return values;
    }

    /** The list {@code name.1.*}, {@code name.2.*}, … of structures. */
    public List<QueryParams> structs(String name) {
        List<QueryParams> values = new ArrayList<>();
        for (Integer index : indexed(name).keySet()) {
            values.add(new QueryParams(all, prefix + name + "." + index + "."));
        }
        return values;
    }

    /** The structure {@code name.*}. */
    public QueryParams struct(String name) {
        return new QueryParams(all, prefix + name + ".");
    }

    /** Whether anything is set under this view. */
    public boolean isEmpty() {
        return all.subMap(prefix, prefix + Character.MAX_VALUE).isEmpty();
    }

    /** Every parameter under this view (full names), sorted: for idempotency comparisons. */
    public SortedMap<String, String> asMap() {
        return Collections.unmodifiableSortedMap(all.subMap(prefix, prefix + Character.MAX_VALUE));
    }

    // index -> first key seen, for name.N and name.N.anything
    private SortedMap<Integer, String> indexed(String name) {
        String head = prefix + name + ".";
        SortedMap<Integer, String> indexes = new TreeMap<>();
        for (String key : all.subMap(head, head + Character.MAX_VALUE).keySet()) {
            String rest = key.substring(head.length());
            int dot = rest.indexOf('.');
            String digits = dot < 0 ? rest : rest.substring(0, dot);
            if (!digits.isEmpty() && digits.chars().allMatch(Character::isDigit) && digits.length() < 9) {
                indexes.putIfAbsent(Integer.parseInt(digits), key);
            }
        }
        return indexes;
    }

    @Override
    public String toString() {
        return "QueryParams[" + Objects.toString(prefix) + "]";
    }
}
