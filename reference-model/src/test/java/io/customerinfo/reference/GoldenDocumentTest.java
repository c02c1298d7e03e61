package io.customerinfo.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The contract's sample events, in any order and with duplicates, give exactly the golden response's data. */
class GoldenDocumentTest {

    private final List<ContractFiles.Record> records = ContractFiles.sampleRecords();

    @Test
    void theSampleEventsGiveTheGoldenDocumentMemberOrderIncluded() {
        ObjectNode document = modelOf(records).document("62640", ContractFiles.GOLDEN_NOW).orElseThrow();

        JsonNode golden = ContractFiles.goldenDocument();
        assertEquals(Json.comparable(golden), Json.comparable(document));
        assertEquals(names(golden), names(document), "members and their order, _cache_at included");
        assertTrue(document.get("_cache_at").isIntegralNumber());
        assertEquals(ContractFiles.GOLDEN_NOW.getEpochSecond(), document.get("_cache_at").asLong());
    }

    @Test
    void anyOrderWithDuplicatesGivesTheSameDocument() {
        String expected = Json.comparable(modelOf(records).document("62640", ContractFiles.GOLDEN_NOW).orElseThrow());
        Random random = new Random(62640);
        for (int run = 0; run < 500; run++) {
            List<ContractFiles.Record> order = new ArrayList<>(records);
            for (int i = 0; i < 4; i++) {
                order.add(records.get(random.nextInt(records.size())));
            }
            Collections.shuffle(order, random);
            assertEquals(expected, Json.comparable(modelOf(order).document("62640", ContractFiles.GOLDEN_NOW).orElseThrow()));
        }
    }

    @Test
    void everySampleEventIsAcceptedAndTheCustomerIdsAreKnown() {
        ReferenceModel model = modelOf(records);
        assertTrue(model.rejected().isEmpty(), model.rejected().toString());
        assertEquals(List.of("62640"), model.liveCustomerIds());
    }

    private static ReferenceModel modelOf(List<ContractFiles.Record> records) {
        ReferenceModel model = new ReferenceModel();
        records.forEach(r -> model.accept(r.topic(), r.key(), r.value()));
        return model;
    }

    /** Every member name at every depth, in document order: what a JSON tree's equals does not check. */
    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        collect(node, "", names);
        return names;
    }

    private static void collect(JsonNode node, String path, List<String> names) {
        if (node.isObject()) {
            node.properties().forEach(e -> {
                names.add(path + "/" + e.getKey());
                collect(e.getValue(), path + "/" + e.getKey(), names);
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), path + "[" + i + "]", names);
            }
        }
    }
}
