package io.gamehall.protocol;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonParser;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** The shared JSON-P provider and the typed field readers every decoder uses. */
final class Json {
  /**
   * Looked up once: {@code JsonProvider.provider()} runs a ServiceLoader scan on every call.
   * Thread-safe.
   */
  private static final JsonProvider PROVIDER = JsonProvider.provider();

  private Json() {}

  static JsonObject parseObject(String text) throws ProtocolException {
    JsonValue value;
    // A parser rather than a reader: the reader accepts trailing garbage after the first value.
    try (JsonParser parser = PROVIDER.createParser(new StringReader(text))) {
      if (!parser.hasNext()) {
        throw new ProtocolException(ErrorCode.MALFORMED_JSON, "empty message");
      }
      parser.next();
      value = parser.getValue();
      if (parser.hasNext()) {
        throw new ProtocolException(
            ErrorCode.MALFORMED_JSON, "trailing content after the JSON value");
      }
    } catch (RuntimeException e) {
      // Providers differ in what they throw on hostile input (Parsson: a bare RuntimeException for
      // nesting deeper
      // than 1000); all of it means the same thing here.
      throw new ProtocolException(ErrorCode.MALFORMED_JSON, "not valid JSON");
    }
    if (value.getValueType() != JsonValue.ValueType.OBJECT) {
      throw new ProtocolException(ErrorCode.MALFORMED_MESSAGE, "a message must be a JSON object");
    }
    return value.asJsonObject();
  }

  static String write(Consumer<JsonGenerator> body) {
    var out = new StringWriter(96);
    try (JsonGenerator generator = PROVIDER.createGenerator(out)) {
      generator.writeStartObject();
      body.accept(generator);
      generator.writeEnd();
    }
    return out.toString();
  }

  /**
   * Writes a plain tree (String, Number, Boolean, List, Map with string keys, null) as the value of
   * {@code name}: how game views and event data, which know nothing of JSON, reach the wire.
   */
  static void writeTree(JsonGenerator g, String name, Object value) {
    g.writeKey(name);
    writeTree(g, value);
  }

  static void writeTree(JsonGenerator g, Object value) {
    if (value == null) {
      g.writeNull();
    } else if (value instanceof String s) {
      g.write(s);
    } else if (value instanceof Boolean b) {
      g.write(b);
    } else if (value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof Byte) {
      g.write(((Number) value).longValue());
    } else if (value instanceof Number n) {
      g.write(new java.math.BigDecimal(n.toString()));
    } else if (value instanceof Map<?, ?> map) {
      g.writeStartObject();
      map.forEach((k, v) -> writeTree(g, String.valueOf(k), v));
      g.writeEnd();
    } else if (value instanceof Iterable<?> list) {
      g.writeStartArray();
      list.forEach(item -> writeTree(g, item));
      g.writeEnd();
    } else {
      throw new IllegalArgumentException("not a plain tree value: " + value.getClass().getName());
    }
  }

  /** Reads a plain tree back (objects to maps, arrays to lists, integral numbers to Long). */
  static Object readTree(JsonValue value) {
    switch (value.getValueType()) {
      case NULL:
        return null;
      case TRUE:
        return Boolean.TRUE;
      case FALSE:
        return Boolean.FALSE;
      case STRING:
        return ((JsonString) value).getString();
      case NUMBER:
        JsonNumber number = (JsonNumber) value;
        return number.isIntegral() ? (Object) number.longValue() : (Object) number.doubleValue();
      case ARRAY:
        List<Object> list = new ArrayList<>();
        value.asJsonArray().forEach(item -> list.add(readTree(item)));
        return list;
      case OBJECT:
      default:
        Map<String, Object> map = new LinkedHashMap<>();
        value.asJsonObject().forEach((k, v) -> map.put(k, readTree(v)));
        return map;
    }
  }

  /**
   * Writes {@code name: value} unless value is null: absent and null mean the same on this wire.
   */
  static void writeOptional(JsonGenerator g, String name, String value) {
    if (value != null) {
      g.write(name, value);
    }
  }

  static void writeOptional(JsonGenerator g, String name, Long value) {
    if (value != null) {
      g.write(name, value);
    }
  }

  /**
   * The message id, or null when absent; an id of the wrong shape is an error like any other field.
   */
  static String optionalId(JsonObject obj) throws ProtocolException {
    return optionalString(obj, "id", Limits.MAX_ID_LENGTH);
  }

  static String requireString(JsonObject obj, String name, int maxLength) throws ProtocolException {
    String value = optionalString(obj, name, maxLength);
    if (value == null) {
      throw new ProtocolException(ErrorCode.MISSING_FIELD, "missing field '" + name + "'");
    }
    return value;
  }

  static String optionalString(JsonObject obj, String name, int maxLength)
      throws ProtocolException {
    JsonValue value = obj.get(name);
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    if (!(value instanceof JsonString string)) {
      throw new ProtocolException(
          ErrorCode.WRONG_FIELD_TYPE, "field '" + name + "' must be a string");
    }
    String text = string.getString();
    if (text.length() > maxLength) {
      throw new ProtocolException(
          ErrorCode.INVALID_FIELD,
          "field '" + name + "' is longer than " + maxLength + " characters");
    }
    return text;
  }

  static Long optionalLong(JsonObject obj, String name) throws ProtocolException {
    JsonValue value = obj.get(name);
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    if (!(value instanceof JsonNumber number)) {
      throw new ProtocolException(
          ErrorCode.WRONG_FIELD_TYPE, "field '" + name + "' must be a number");
    }
    // longValueExact rejects fractions and values beyond 64 bits instead of silently truncating
    // them.
    try {
      return number.bigDecimalValue().longValueExact();
    } catch (ArithmeticException e) {
      throw new ProtocolException(
          ErrorCode.INVALID_FIELD, "field '" + name + "' must be a whole number within 64 bits");
    }
  }

  static int optionalInt(JsonObject obj, String name, int absent, int min, int max)
      throws ProtocolException {
    Long value = optionalLong(obj, name);
    if (value == null) {
      return absent;
    }
    if (value < min || value > max) {
      throw new ProtocolException(
          ErrorCode.INVALID_FIELD, "field '" + name + "' must be between " + min + " and " + max);
    }
    return value.intValue();
  }

  static boolean optionalBoolean(JsonObject obj, String name, boolean absent)
      throws ProtocolException {
    JsonValue value = obj.get(name);
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return absent;
    }
    if (value.getValueType() == JsonValue.ValueType.TRUE) {
      return true;
    }
    if (value.getValueType() == JsonValue.ValueType.FALSE) {
      return false;
    }
    throw new ProtocolException(
        ErrorCode.WRONG_FIELD_TYPE, "field '" + name + "' must be true or false");
  }

  static boolean requireBoolean(JsonObject obj, String name) throws ProtocolException {
    if (obj.get(name) == null || obj.get(name).getValueType() == JsonValue.ValueType.NULL) {
      throw new ProtocolException(ErrorCode.MISSING_FIELD, "missing field '" + name + "'");
    }
    return optionalBoolean(obj, name, false);
  }

  static Long optionalLongIn(JsonObject obj, String name, Long absent, long min, long max)
      throws ProtocolException {
    Long value = optionalLong(obj, name);
    if (value == null) {
      return absent;
    }
    if (value < min || value > max) {
      throw new ProtocolException(
          ErrorCode.INVALID_FIELD, "field '" + name + "' must be between " + min + " and " + max);
    }
    return value;
  }

  /**
   * The {@code options} object: at most a few short string values, e.g. {@code
   * {"variant":"renju"}}.
   */
  static Map<String, String> options(JsonObject obj) throws ProtocolException {
    JsonValue value = obj.get("options");
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return Map.of();
    }
    if (value.getValueType() != JsonValue.ValueType.OBJECT) {
      throw new ProtocolException(ErrorCode.WRONG_FIELD_TYPE, "field 'options' must be an object");
    }
    JsonObject options = value.asJsonObject();
    if (options.size() > Limits.MAX_OPTIONS) {
      throw new ProtocolException(
          ErrorCode.INVALID_FIELD, "at most " + Limits.MAX_OPTIONS + " options");
    }
    Map<String, String> result = new LinkedHashMap<>();
    for (String key : options.keySet()) {
      if (key.length() > 32) {
        throw new ProtocolException(
            ErrorCode.INVALID_FIELD, "option names are at most 32 characters");
      }
      JsonValue option = options.get(key);
      String text;
      if (option instanceof JsonString string) {
        text = string.getString();
      } else if (option.getValueType() == JsonValue.ValueType.NUMBER
          || option.getValueType() == JsonValue.ValueType.TRUE
          || option.getValueType() == JsonValue.ValueType.FALSE) {
        text = option.toString();
      } else {
        throw new ProtocolException(
            ErrorCode.WRONG_FIELD_TYPE, "option '" + key + "' must be a string");
      }
      if (text.length() > 32) {
        throw new ProtocolException(
            ErrorCode.INVALID_FIELD, "option values are at most 32 characters");
      }
      result.put(key, text);
    }
    return Map.copyOf(result);
  }

  static String requireType(JsonObject obj) throws ProtocolException {
    JsonValue type = obj.get("type");
    if (type == null) {
      throw new ProtocolException(ErrorCode.MALFORMED_MESSAGE, "missing field 'type'");
    }
    if (!(type instanceof JsonString string)) {
      throw new ProtocolException(ErrorCode.MALFORMED_MESSAGE, "field 'type' must be a string");
    }
    return string.getString();
  }
}
