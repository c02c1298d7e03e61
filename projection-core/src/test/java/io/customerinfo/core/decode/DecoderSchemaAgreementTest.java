package io.customerinfo.core.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import io.customerinfo.core.decode.DecodeResult.Decoded;
import io.customerinfo.core.decode.DecodeResult.Rejected;
import io.customerinfo.core.event.EntityKind;
import io.customerinfo.core.support.Contract;
import io.customerinfo.core.support.Schemas;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The decoder (hand-written, on the hot path) and the JSON Schemas (for other teams) accept the same
 * events: over sample events with random members replaced or removed, the schema rejects exactly when
 * the decoder rejects for a schema-level reason. Rules only the decoder can check (key, topic, data
 * vs envelope) are kept satisfied by mirroring ids, or are the only way the two may differ. The decoder
 * never throws here: every value is well-formed JSON, and an exception is a decoder bug.
 */
class DecoderSchemaAgreementTest {

    /** Reasons that correspond to the schema; the others are rules a schema cannot state. */
    private static final Set<RejectReason> SCHEMA_LEVEL = Set.of(RejectReason.SCHEMA_VIOLATION, RejectReason.INVALID_VERSION,
            RejectReason.INVALID_AMOUNT, RejectReason.UPSERT_WITHOUT_DATA, RejectReason.DELETE_WITH_DATA);

    /** The rules a schema cannot state (topic, key, data vs envelope): the only other reasons this test may see. */
    private static final Set<RejectReason> DECODER_ONLY = Set.of(RejectReason.ENTITY_TOPIC_MISMATCH,
            RejectReason.KEY_ID_MISMATCH, RejectReason.DATA_MISMATCH);

    private static final List<String> PATHS = List.of(
            "event_id", "op", "entity", "id", "customer_id", "version", "occurred_at", "data", "extra",
            "data.name", "data.is_default", "data.total_infos", "data.amount", "data.paid_amount", "data.created_at",
            "data.status", "data.sales_order_sn", "data.customer_name", "data.new_column", "data.visit_plan");

    private static final List<String> VALUES = List.of(
            "\"\"", "\"0\"", "\"1\"", "\"2\"", "\"01\"", "\"12.3\"", "\"1.005\"", "\"1592210000\"", "\"62640\"", "\"45973\"",
            "\"upsert\"", "\"delete\"", "\"customer\"", "\"contact\"", "\"order\"", "\"invoice\"", "\"supplier\"", "\"cancelled\"",
            "0", "1", "-1", "1.5", "1592205870000", "null", "true", "{}", "[]", "{\"service3d\":\"1\"}", "\"中文\"",
            "REMOVE");

    private final EventDecoder decoder = new EventDecoder();

    record Mutation(int path, int value) {
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        return Combinators.combine(Arbitraries.integers().between(0, PATHS.size() - 1),
                        Arbitraries.integers().between(0, VALUES.size() - 1))
                .as(Mutation::new).list().ofMinSize(0).ofMaxSize(3);
    }

    @Property(tries = 1000)
    void theDecoderAcceptsExactlyWhatTheSchemaAccepts(@ForAll @IntRange(min = 0, max = 6) int sample,
                                                      @ForAll("mutations") @Size(max = 3) List<Mutation> mutations,
                                                      @ForAll boolean asDelete) {
        ObjectNode event = (ObjectNode) Contract.JSON.readTree(Contract.sampleRecords().get(sample).value());
        if (asDelete) {
            event.put("op", "delete");
            event.remove("data");
        }
        for (Mutation m : mutations) {
            apply(event, PATHS.get(m.path()), VALUES.get(m.value()));
        }
        String entity = event.path("entity").isString() ? event.get("entity").asString() : "customer";
        EntityKind kind = EntityKind.fromWireName(entity);
        String topic = "crm." + (kind == null ? "customer" : kind.wireName());
        byte[] key = event.path("id").isString() ? event.get("id").asString().getBytes(StandardCharsets.UTF_8) : new byte[0];

        boolean schemaValid = Schemas.EVENT.validate(event).isEmpty();
        DecodeResult result = decoder.decode(topic, key, Contract.JSON.writeValueAsBytes(event));

        if (result instanceof Decoded) {
            assertThat(schemaValid).as("decoded but the schema rejects %s", event).isTrue();
            Statistics.collect("both accept");
        } else {
            Rejected rejected = (Rejected) result;
            if (SCHEMA_LEVEL.contains(rejected.reason())) {
                assertThat(schemaValid).as("decoder: %s, schema accepts %s", rejected, event).isFalse();
                Statistics.collect("both reject");
            } else {
                // a schema-valid event may fail only a rule the schema cannot state; any other reason is a
                // decoder bug filed under a reason that blames the input
                assertThat(rejected.reason()).as("decoder: %s for %s", rejected, event).isIn(DECODER_ONLY);
                Statistics.collect("decoder-only rule");
            }
        }
        Statistics.coverage(coverage -> {
            coverage.check("both accept").percentage(p -> p > 10);
            coverage.check("both reject").percentage(p -> p > 30);
        });
    }

    /** Sets or removes a member; ids are mirrored (envelope, data, customer) so decoder-only rules still hold. */
    private static void apply(ObjectNode event, String path, String valueJson) {
        JsonNode value = valueJson.equals("REMOVE") ? null : Contract.JSON.readTree(valueJson);
        boolean customer = "customer".equals(event.path("entity").asString(""));
        switch (path) {
            case "id" -> {
                set(event, "id", value);
                if (event.get("data") instanceof ObjectNode data) {
                    set(data, "id", value);
                }
                if (customer) {
                    set(event, "customer_id", value);
                }
            }
            case "customer_id" -> {
                set(event, "customer_id", value);
                if (event.get("data") instanceof ObjectNode data && !customer) {
                    set(data, "customer_id", value);
                }
                if (customer) {
                    set(event, "id", value);
                    if (event.get("data") instanceof ObjectNode data) {
                        set(data, "id", value);
                    }
                }
            }
            default -> {
                if (path.startsWith("data.")) {
                    if (event.get("data") instanceof ObjectNode data) {
                        set(data, path.substring(5), value);
                    }
                } else {
                    set(event, path, value);
                }
            }
        }
    }

    private static void set(ObjectNode node, String name, JsonNode value) {
        if (value == null) {
            node.remove(name);
        } else {
            node.set(name, value.deepCopy());
        }
    }
}
