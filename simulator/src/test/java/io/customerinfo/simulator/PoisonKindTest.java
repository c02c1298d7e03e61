package io.customerinfo.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** Each poison kind is damaged in exactly its own way, and is otherwise a plausible event. */
class PoisonKindTest {

    static Map<PoisonKind, List<SimRecord>> byKind;

    @BeforeAll
    static void generate() {
        Simulation sim = Simulation.generate(SimulationConfig.builder().seed(3).customers(20).events(400)
                .poisonRate(1.0).maxOversized(2).build());
        byKind = sim.poison().stream().collect(Collectors.groupingBy(SimRecord::poison));
    }

    @Test
    void everyKindIsProducedAndOversizedIsCapped() {
        assertThat(byKind.keySet()).isEqualTo(EnumSet.allOf(PoisonKind.class));
        assertThat(byKind.get(PoisonKind.OVERSIZED)).hasSize(2);
        assertThat(byKind.get(PoisonKind.BAD_AMOUNT)).hasSizeGreaterThan(40);
    }

    @Test
    void malformedJsonIsUtf8ButNotJson() {
        each(PoisonKind.MALFORMED_JSON, r -> {
            assertThat(utf8(r.value())).isTrue();
            assertThatThrownBy(() -> EventEncoder.JSON.readTree(r.value())).isInstanceOf(JacksonException.class);
        });
    }

    @Test
    void nonUtf8IsNotUtf8() {
        each(PoisonKind.NON_UTF8, r -> assertThat(utf8(r.value())).isFalse());
    }

    @Test
    void schemaInvalidLacksTheId() {
        each(PoisonKind.SCHEMA_INVALID, r -> {
            JsonNode e = EventEncoder.JSON.readTree(r.value());
            assertThat(e.has("id")).isFalse();
            assertThat(e.has("event_id") && e.has("version") && e.has("data")).isTrue();
        });
    }

    @Test
    void wrongEntityIsAContactOnTheOrderTopic() {
        each(PoisonKind.WRONG_ENTITY_FOR_TOPIC, r -> {
            assertThat(r.topic()).isEqualTo("crm.order");
            assertThat(event(r).get("entity").asString()).isEqualTo("contact");
            assertThat(event(r).get("id").asString()).isEqualTo(r.keyString());
        });
    }

    @Test
    void negativeVersionIsMinusOne() {
        each(PoisonKind.NEGATIVE_VERSION, r -> assertThat(event(r).get("version").asLong()).isEqualTo(-1));
    }

    @Test
    void oversizedIsAValidContactOfAtLeastTwoMebibytes() {
        each(PoisonKind.OVERSIZED, r -> {
            assertThat(r.value().length).isGreaterThanOrEqualTo(2 * 1024 * 1024);
            assertThat(r.topic()).isEqualTo("crm.contact");
            assertThat(event(r).get("id").asString()).isEqualTo(r.keyString());
            assertThat(event(r).get("version").asLong()).isPositive();
        });
    }

    @Test
    void keyIdMismatchCarriesAValidOrderUnderAnotherKey() {
        each(PoisonKind.KEY_ID_MISMATCH, r -> {
            assertThat(r.topic()).isEqualTo("crm.order");
            assertThat(event(r).get("id").asString()).isNotEqualTo(r.keyString());
            assertThat(event(r).get("data").get("amount").asString()).matches("\\d+\\.\\d{2}");
        });
    }

    @Test
    void badAmountHasThreeDecimals() {
        each(PoisonKind.BAD_AMOUNT, r -> {
            assertThat(r.topic()).isEqualTo("crm.order");
            assertThat(event(r).get("data").get("amount").asString()).isEqualTo("12.345");
        });
    }

    private static void each(PoisonKind kind, Consumer<SimRecord> check) {
        assertThat(byKind.get(kind)).isNotEmpty().allSatisfy(check::accept);
    }

    private static JsonNode event(SimRecord r) {
        return EventEncoder.JSON.readTree(r.value());
    }

    private static boolean utf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
