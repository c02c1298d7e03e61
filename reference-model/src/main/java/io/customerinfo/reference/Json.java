package io.customerinfo.reference;

import java.nio.charset.StandardCharsets;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one JSON mapper of the reference model, and the form in which tests compare documents: compact JSON,
 * member order kept (the contract: "compare parsed JSON, key order included").
 */
public final class Json {

    /** Decimals kept as written (no binary floating point), one JSON value per input. */
    static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private Json() {
    }

    /**
     * A document as compact JSON text without {@code _cache_at} (the projector's write time, the one member the
     * contract leaves to the test's time window). Two documents are equal, member order included, exactly when
     * their comparable forms are equal strings.
     */
    public static String comparable(JsonNode document) {
        ObjectNode copy = (ObjectNode) document.deepCopy();
        copy.remove("_cache_at");
        return MAPPER.writeValueAsString(copy);
    }

    /** {@link #comparable(JsonNode)} of a document given as JSON bytes (e.g. what Redis stores). */
    public static String comparable(byte[] documentJson) {
        return comparable(MAPPER.readTree(documentJson));
    }

    public static String comparable(String documentJson) {
        return comparable(documentJson.getBytes(StandardCharsets.UTF_8));
    }

    /** The document as compact JSON text, every member kept in order. */
    public static String compact(JsonNode document) {
        return MAPPER.writeValueAsString(document);
    }

    /** {@link #compact(JsonNode)} of JSON bytes: the same text for the same parsed JSON, member order included. */
    public static String compact(byte[] documentJson) {
        return compact(MAPPER.readTree(documentJson));
    }

    public static JsonNode parse(byte[] json) {
        return MAPPER.readTree(json);
    }
}
