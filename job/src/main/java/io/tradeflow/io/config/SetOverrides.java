package io.tradeflow.io.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Applies {@code key=value} overrides to a YAML tree: dotted paths, list indexes, {@code *} for
 * every element of a list or every entry of a map, the value parsed as YAML (a scalar, or a flow
 * list or map when it starts with {@code [} or <code>{</code>). Under a free-form map such as
 * {@code kafka.properties}, the rest of the path is one key ({@code kafka.properties.linger.ms}).
 */
final class SetOverrides {
    /** Maps whose keys contain dots. */
    private static final Set<String> FREE_KEY_MAPS = Set.of("kafka.properties");

    private final ObjectMapper yaml;
    private final List<String> errors;
    private boolean matchedAny;

    SetOverrides(ObjectMapper yaml, List<String> errors) {
        this.yaml = yaml;
        this.errors = errors;
    }

    void apply(ObjectNode root, String set) {
        int eq = set.indexOf('=');
        if (eq < 0) {
            errors.add("--set " + set + ": expected key=value");
            return;
        }
        String key = set.substring(0, eq).strip();
        List<String> segments = Arrays.asList(key.split("\\.", -1));
        if (key.isEmpty() || segments.stream().anyMatch(s -> s.strip().isEmpty())) {
            errors.add("--set " + set + ": the key has an empty path segment");
            return;
        }
        JsonNode value = value(set.substring(eq + 1).strip());
        String where = "--set " + key;
        int before = errors.size();
        descend(root, segments.stream().map(String::strip).toList(), 0, "", value, where);
        if (errors.size() == before && key.contains("*") && !matchedAny) {
            errors.add(where + ": the wildcard matches nothing");
        }
        matchedAny = false;
    }

    private JsonNode value(String raw) {
        if (raw.isEmpty()) {
            return NullNode.instance;
        }
        try {
            JsonNode parsed = yaml.readTree(raw);
            if (parsed == null || parsed.isMissingNode()) {
                return NullNode.instance;
            }
            if (parsed.isContainerNode() && !(raw.startsWith("[") || raw.startsWith("{"))) {
                return TextNode.valueOf(raw);
            }
            return parsed;
        } catch (Exception e) {
            return TextNode.valueOf(raw);
        }
    }

    private void descend(
            JsonNode node, List<String> segs, int i, String path, JsonNode value, String where) {
        String seg = segs.get(i);
        boolean last = i == segs.size() - 1;
        if (node instanceof ObjectNode obj) {
            if (FREE_KEY_MAPS.contains(path)) {
                obj.set(String.join(".", segs.subList(i, segs.size())), value.deepCopy());
                matchedAny = true;
                return;
            }
            if (seg.equals("*")) {
                List<String> names = new ArrayList<>();
                obj.fieldNames().forEachRemaining(names::add);
                for (String name : names) {
                    step(obj, name, segs, i, last, path, value, where);
                }
                return;
            }
            step(obj, seg, segs, i, last, path, value, where);
        } else if (node instanceof ArrayNode arr) {
            if (seg.equals("*")) {
                for (int k = 0; k < arr.size(); k++) {
                    stepArray(arr, k, segs, i, last, path, value, where);
                }
                return;
            }
            int index;
            try {
                index = Integer.parseInt(seg);
            } catch (NumberFormatException e) {
                errors.add(
                        where
                                + ": '"
                                + path
                                + "' is a list; expected an index or *, got '"
                                + seg
                                + "'");
                return;
            }
            if (index < 0 || index > arr.size()) {
                errors.add(
                        where
                                + ": index "
                                + index
                                + " is out of range ('"
                                + path
                                + "' has "
                                + arr.size()
                                + " entries; "
                                + arr.size()
                                + " appends one)");
                return;
            }
            if (index == arr.size()) {
                arr.add(last ? value.deepCopy() : container(segs.get(i + 1)));
                if (last) {
                    matchedAny = true;
                    return;
                }
            }
            stepArray(arr, index, segs, i, last, path, value, where);
        } else {
            errors.add(where + ": '" + path + "' is a single value, not a map or a list");
        }
    }

    private void step(
            ObjectNode obj,
            String name,
            List<String> segs,
            int i,
            boolean last,
            String path,
            JsonNode value,
            String where) {
        String childPath = path.isEmpty() ? name : path + "." + name;
        if (last) {
            obj.set(name, value.deepCopy());
            matchedAny = true;
            return;
        }
        JsonNode child = obj.get(name);
        if (child == null || child.isNull()) {
            if (segs.get(i + 1).equals("*")) {
                return; // a wildcard under nothing matches nothing
            }
            child = container(segs.get(i + 1));
            obj.set(name, child);
        }
        descend(child, segs, i + 1, childPath, value, where);
    }

    private void stepArray(
            ArrayNode arr,
            int index,
            List<String> segs,
            int i,
            boolean last,
            String path,
            JsonNode value,
            String where) {
        if (last) {
            arr.set(index, value.deepCopy());
            matchedAny = true;
            return;
        }
        JsonNode child = arr.get(index);
        if (child == null || child.isNull()) {
            if (segs.get(i + 1).equals("*")) {
                return; // a wildcard under nothing matches nothing
            }
            child = container(segs.get(i + 1));
            arr.set(index, child);
        }
        descend(child, segs, i + 1, path + "." + index, value, where);
    }

    /** Returns a new list when the next segment is an index, else a new map. */
    private static JsonNode container(String nextSegment) {
        return nextSegment.chars().allMatch(Character::isDigit)
                ? JsonNodeFactory.instance.arrayNode()
                : JsonNodeFactory.instance.objectNode();
    }
}
