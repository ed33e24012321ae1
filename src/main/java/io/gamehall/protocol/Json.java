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
import java.util.function.Consumer;

/** The shared JSON-P provider and the typed field readers every decoder uses. */
final class Json {
  /** Looked up once: {@code JsonProvider.provider()} runs a ServiceLoader scan on every call. Thread-safe. */
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
        throw new ProtocolException(ErrorCode.MALFORMED_JSON, "trailing content after the JSON value");
      }
    } catch (RuntimeException e) {
      // Providers differ in what they throw on hostile input (Parsson: a bare RuntimeException for nesting deeper
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

  /** Writes {@code name: value} unless value is null: absent and null mean the same on this wire. */
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

  /** The message id, or null when absent; an id of the wrong shape is an error like any other field. */
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

  static String optionalString(JsonObject obj, String name, int maxLength) throws ProtocolException {
    JsonValue value = obj.get(name);
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    if (!(value instanceof JsonString string)) {
      throw new ProtocolException(ErrorCode.WRONG_FIELD_TYPE, "field '" + name + "' must be a string");
    }
    String text = string.getString();
    if (text.length() > maxLength) {
      throw new ProtocolException(
          ErrorCode.INVALID_FIELD, "field '" + name + "' is longer than " + maxLength + " characters");
    }
    return text;
  }

  static Long optionalLong(JsonObject obj, String name) throws ProtocolException {
    JsonValue value = obj.get(name);
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    if (!(value instanceof JsonNumber number)) {
      throw new ProtocolException(ErrorCode.WRONG_FIELD_TYPE, "field '" + name + "' must be a number");
    }
    // longValueExact rejects fractions and values beyond 64 bits instead of silently truncating them.
    try {
      return number.bigDecimalValue().longValueExact();
    } catch (ArithmeticException e) {
      throw new ProtocolException(
          ErrorCode.INVALID_FIELD, "field '" + name + "' must be a whole number within 64 bits");
    }
  }

  static int optionalInt(JsonObject obj, String name, int absent, int min, int max) throws ProtocolException {
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
