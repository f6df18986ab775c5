package dev.jrt.spec.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The members of one JSON object, read as the model's boxed types: absent or {@code null}
 * reads as {@code null}; a value of the wrong kind is a {@link BindException} naming its
 * JSON pointer. Unknown members are ignored, as the spec requires.
 */
public final class Fields {

    /** Reads one JSON value found at a JSON pointer. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(JsonNode node, String pointer);
    }

    public static final Reader<String> STRING = (n, at) -> {
        if (!n.isTextual()) {
            throw new BindException(at, "want a string, got " + kind(n));
        }
        return n.textValue();
    };
    public static final Reader<Boolean> BOOLEAN = (n, at) -> {
        if (!n.isBoolean()) {
            throw new BindException(at, "want a boolean, got " + kind(n));
        }
        return n.booleanValue();
    };
    public static final Reader<Integer> INT32 = (n, at) ->
            integer(n, at, BigInteger.valueOf(Integer.MIN_VALUE), BigInteger.valueOf(Integer.MAX_VALUE)).intValue();
    public static final Reader<Long> INT64 = (n, at) ->
            integer(n, at, BigInteger.valueOf(Long.MIN_VALUE), BigInteger.valueOf(Long.MAX_VALUE)).longValue();
    /** A uint64 in the 64 bits of a long (see {@link Uint64}). */
    public static final Reader<Long> UINT64 = (n, at) -> integer(n, at, BigInteger.ZERO, Uint64.MAX).longValue();

    private final ObjectNode node;
    private final String pointer;

    private Fields(ObjectNode node, String pointer) {
        this.node = node;
        this.pointer = pointer;
    }

    /** A reader of objects that builds a {@code T} from their fields. */
    public static <T> Reader<T> object(Function<Fields, T> build) {
        return (n, at) -> {
            if (!(n instanceof ObjectNode object)) {
                throw new BindException(at, "want an object, got " + kind(n));
            }
            return build.apply(new Fields(object, at));
        };
    }

    public <T> T get(String name, Reader<T> reader) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? null : reader.read(value, child(pointer, name));
    }

    public String string(String name) {
        return get(name, STRING);
    }

    public Boolean bool(String name) {
        return get(name, BOOLEAN);
    }

    public Integer int32(String name) {
        return get(name, INT32);
    }

    public Long int64(String name) {
        return get(name, INT64);
    }

    public Long uint64(String name) {
        return get(name, UINT64);
    }

    public List<String> strings(String name) {
        return list(name, STRING);
    }

    /** A JSON array as a list; {@code null} elements stay {@code null}. */
    public <T> List<T> list(String name, Reader<T> element) {
        return get(name, (n, at) -> {
            if (!n.isArray()) {
                throw new BindException(at, "want an array, got " + kind(n));
            }
            List<T> out = new ArrayList<>(n.size());
            for (int i = 0; i < n.size(); i++) {
                JsonNode e = n.get(i);
                out.add(e.isNull() ? null : element.read(e, at + "/" + i));
            }
            return out;
        });
    }

    /** A JSON object as a map in document order. */
    public <T> Map<String, T> map(String name, Reader<T> value) {
        return get(name, (n, at) -> {
            if (!(n instanceof ObjectNode object)) {
                throw new BindException(at, "want an object, got " + kind(n));
            }
            Map<String, T> out = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> member : object.properties()) {
                JsonNode v = member.getValue();
                out.put(member.getKey(), v.isNull() ? null : value.read(v, child(at, member.getKey())));
            }
            return out;
        });
    }

    private static String child(String pointer, String name) {
        return pointer + "/" + name.replace("~", "~0").replace("/", "~1");
    }

    /** An integral number (JSON Schema counts 1.0 as an integer) within [min, max]. */
    private static BigInteger integer(JsonNode n, String at, BigInteger min, BigInteger max) {
        BigInteger value;
        if (n.isIntegralNumber()) {
            value = n.bigIntegerValue();
        } else if (n.isNumber() && isIntegral(n.decimalValue())) {
            value = n.decimalValue().toBigIntegerExact();
        } else {
            throw new BindException(at, "want an integer, got " + kind(n));
        }
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new BindException(at, "must be an integer between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    private static boolean isIntegral(BigDecimal value) {
        return value.signum() == 0 || value.stripTrailingZeros().scale() <= 0;
    }

    private static String kind(JsonNode n) {
        return switch (n.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT, POJO -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            default -> "null";
        };
    }
}
