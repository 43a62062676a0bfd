package org.thunderproject.ec2.cli.options;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import org.thunderproject.ec2.cli.UsageException;

/**
 * The YAML config file ({@code ~/.thunder-ec2/config.yaml} unless {@code --config} names
 * another): keys are the long option names without dashes; the command line wins over it.
 *
 * <pre>
 * key-pair: mykey
 * identity-file: ~/mykey.pem
 * region: us-east-1
 * slaves: 2
 * additional-tags: {owner: me}
 * </pre>
 */
public final class ConfigFile {

    private static final ConfigFile NONE = new ConfigFile(null, Map.of());

    private final Path path;
    private final Map<String, JsonNode> values;

    private ConfigFile(Path path, Map<String, JsonNode> values) {
        this.path = path;
        this.values = values;
    }

    /** No config file: every lookup is empty. */
    public static ConfigFile none() {
        return NONE;
    }

    /**
     * Reads {@code file}, checking every key against {@code knownKeys}.
     *
     * @throws UsageException when the file cannot be read, is not YAML, or has unknown keys
     */
    public static ConfigFile load(Path file, Collection<String> knownKeys) {
        Objects.requireNonNull(file, "file");
        JsonNode root;
        try (Reader reader = Files.newBufferedReader(file)) {
            root = new YAMLMapper().readTree(reader);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new UsageException("config file " + file + (at == null ? "" : " line " + at.getLineNr())
                    + " is not valid YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UsageException("cannot read config file " + file + ": " + e, e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return new ConfigFile(file, Map.of());
        }
        if (!root.isObject()) {
            throw new UsageException(
                    "config file " + file + " must be a YAML mapping of option names" + " to values, like 'slaves: 2'");
        }
        Map<String, JsonNode> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!knownKeys.contains(entry.getKey())) {
                throw new UsageException("config file " + file + ": unknown key '" + entry.getKey()
                        + "'; keys are long option names without dashes: " + new TreeSet<>(knownKeys));
            }
            if (!entry.getValue().isNull()) {
                values.put(entry.getKey(), entry.getValue());
            }
        }
        return new ConfigFile(file, Map.copyOf(values));
    }

    /** The file read, if any. */
    Optional<Path> path() {
        return Optional.ofNullable(path);
    }

    /** The value of {@code key} converted to {@code type}. */
    public <T> Optional<T> value(String key, Class<T> type) {
        JsonNode node = values.get(key);
        if (node == null) {
            return Optional.empty();
        }
        if (node.isContainerNode()) {
            throw wrongType(key, type);
        }
        try {
            return Optional.of(Converter.MAPPER.convertValue(node, type));
        } catch (IllegalArgumentException e) {
            throw wrongType(key, type);
        }
    }

    /** A list given as a YAML sequence or as one comma-separated string. */
    List<String> strings(String key) {
        JsonNode node = values.get(key);
        List<String> result = new ArrayList<>();
        if (node == null) {
            return result;
        }
        if (node.isArray()) {
            node.forEach(element -> {
                if (element.isContainerNode()) {
                    throw new UsageException("config file " + path + ": '" + key + "' must be a list of strings");
                }
                result.add(element.asText());
            });
        } else if (node.isValueNode()) {
            for (String part : node.asText().split(",")) {
                if (!part.isBlank()) {
                    result.add(part.trim());
                }
            }
        } else {
            throw new UsageException(
                    "config file " + path + ": '" + key + "' must be a list or a comma-separated string");
        }
        return result;
    }

    /** Tags given as a YAML mapping, or as one string {@code k:v,k2:v2} like on the command line. */
    Map<String, String> tags(String key) {
        JsonNode node = values.get(key);
        Map<String, String> result = new LinkedHashMap<>();
        if (node == null) {
            return result;
        }
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if (e.getValue().isContainerNode()) {
                    throw new UsageException("config file " + path + ": tag '" + e.getKey() + "' needs a plain value");
                }
                result.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText());
            });
            return result;
        }
        return Tags.parse("config file " + path + ": " + key, strings(key));
    }

    private UsageException wrongType(String key, Class<?> type) {
        String expected = Number.class.isAssignableFrom(type)
                ? "a number"
                : type == Boolean.class
                        ? "true or false"
                        : type.isEnum()
                                ? "one of "
                                        + Arrays.toString(type.getEnumConstants())
                                                .toLowerCase(Locale.ROOT)
                                : "a plain value";
        return new UsageException(
                "config file " + path + ": '" + key + "' must be " + expected + ", not " + values.get(key));
    }

    // Made on first use: most runs have no config file, and Jackson's classes cost start time.
    private static final class Converter {
        static final ObjectMapper MAPPER = JsonMapper.builder()
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                .build();
    }
}
