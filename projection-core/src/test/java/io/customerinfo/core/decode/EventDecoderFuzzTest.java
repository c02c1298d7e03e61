package io.customerinfo.core.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.customerinfo.core.support.Contract;
import io.customerinfo.core.support.Schemas;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The decoder never throws: whatever the bytes, it decodes or names a reason (an exception escaping
 * {@code decode} is a decoder bug, and fails these properties). And whatever a valid event carries in its
 * members, within the schema, it decodes.
 */
class EventDecoderFuzzTest {

    private final EventDecoder decoder = new EventDecoder();

    @Property(tries = 500)
    void arbitraryBytesAreRejectedNotThrown(@ForAll @Size(max = 200) byte[] value, @ForAll byte[] key) {
        DecodeResult result = decoder.decode("crm.order", key, value);
        assertThat(result).isNotNull();
    }

    @Property(tries = 1000)
    void corruptedSampleEventsAreRejectedNotThrown(@ForAll @IntRange(min = 0, max = 6) int sample,
                                                   @ForAll @Size(min = 1, max = 4) List<@IntRange(min = 0, max = 100_000) Integer> positions,
                                                   @ForAll @Size(min = 1, max = 4) List<Byte> replacements,
                                                   @ForAll boolean truncate) {
        Contract.Record record = Contract.sampleRecords().get(sample);
        byte[] value = record.value().clone();
        for (int i = 0; i < positions.size(); i++) {
            value[positions.get(i) % value.length] = replacements.get(i % replacements.size());
        }
        if (truncate) {
            value = java.util.Arrays.copyOf(value, positions.get(0) % value.length);
        }
        DecodeResult result = decoder.decode(record.topic(), record.key(), value);
        assertThat(result).isNotNull();
        if (result instanceof DecodeResult.Rejected rejected) {
            assertThat(rejected.detail()).isNotNull();
        }
    }

    @Property(tries = 200)
    void arbitraryJsonTextsAreRejectedNotThrown(@ForAll @Size(max = 300) String text) {
        DecodeResult result = decoder.decode("crm.customer", "1".getBytes(StandardCharsets.UTF_8), text.getBytes(StandardCharsets.UTF_8));
        assertThat(result).isNotNull();
    }

    /**
     * Sample events whose row members (any of them, or a new one) hold arbitrary text, numbers or nested values;
     * those the event schema accepts must decode, to the same entity.
     */
    @Property(tries = 300)
    void schemaValidVariationsOfTheSamplesDecode(@ForAll @IntRange(min = 0, max = 6) int sample,
                                                 @ForAll @Size(min = 1, max = 4) List<@IntRange(min = 0, max = 200) Integer> members,
                                                 @ForAll @Size(min = 1, max = 4) List<@From("memberValues") JsonNode> values) {
        Contract.Record record = Contract.sampleRecords().get(sample);
        ObjectNode event = (ObjectNode) Contract.JSON.readTree(record.value());
        ObjectNode data = (ObjectNode) event.get("data");
        int membersBefore = data.size();
        // data.id and data.customer_id mirror the envelope (a rule the schema cannot state), so they are kept
        List<String> names = new java.util.ArrayList<>(data.propertyNames());
        names.removeAll(List.of("id", "customer_id"));
        for (int i = 0; i < members.size(); i++) {
            int m = members.get(i);
            String name = m < names.size() ? names.get(m) : "new_column_" + m;
            data.set(name, values.get(i % values.size()));
        }
        Assume.that(Schemas.EVENT.validate(event).isEmpty());

        DecodeResult result = decoder.decode(record.topic(), record.key(), Contract.JSON.writeValueAsBytes(event));

        assertThat(result).as("%s for schema-valid %s", result, event).isInstanceOf(DecodeResult.Decoded.class);
        assertThat(((DecodeResult.Decoded) result).event().id()).isEqualTo(Long.parseLong(event.get("id").asString()));
        Statistics.collect(data.size() > membersBefore ? "new member" : "replaced members");
    }

    @Provide
    Arbitrary<JsonNode> memberValues() {
        // unpaired surrogates excluded: RFC 8259 leaves their meaning open, and the parser rejects them as malformed
        Arbitrary<JsonNode> text = Arbitraries.strings().all().ofMaxLength(40)
                .filter(t -> t.codePoints().noneMatch(c -> c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE)).map(JsonNodeFactory.instance::stringNode);
        Arbitrary<JsonNode> digits = Arbitraries.longs().between(0, 99_999_999_999L)
                .map(n -> JsonNodeFactory.instance.stringNode(Long.toString(n)));
        Arbitrary<JsonNode> amount = Arbitraries.longs().between(0, 99_999_999_999L)
                .map(c -> JsonNodeFactory.instance.stringNode(c / 100 + "." + String.format("%02d", c % 100)));
        Arbitrary<JsonNode> number = Arbitraries.doubles().map(JsonNodeFactory.instance::numberNode);
        Arbitrary<JsonNode> nested = Arbitraries.strings().alpha().numeric().ofMaxLength(10).map(t -> {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            o.putArray("list").add(t).add(1).addNull().addObject().put(t, true);
            return o;
        });
        return Arbitraries.oneOf(text, digits, amount, number, nested, Arbitraries.just(JsonNodeFactory.instance.nullNode()),
                Arbitraries.of("0", "1", "\"", "\\u0000", "中文").map(JsonNodeFactory.instance::stringNode));
    }
}
