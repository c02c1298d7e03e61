package io.customerinfo.core.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.customerinfo.core.event.ChangeEvent;
import io.customerinfo.core.projection.Projection;
import io.customerinfo.core.support.Contract;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The contract's sample events, in every order and with duplicates, render exactly the golden document. */
class GoldenDocumentTest {

    private final DocumentRenderer renderer = new DocumentRenderer();
    private final List<ChangeEvent> events = Contract.sampleEvents();

    @Test
    void theSampleEventsInFileOrderRenderTheGoldenDocument() {
        byte[] document = render(events);

        JsonNode actual = Contract.JSON.readTree(document);
        JsonNode expected = Contract.goldenDocument();
        assertThat(actual.get("_cache_at").isInt()).isTrue();
        assertThat(actual.get("_cache_at").asLong()).isEqualTo(Contract.GOLDEN_NOW.getEpochSecond());
        ((ObjectNode) expected).set("_cache_at", actual.get("_cache_at"));
        assertThat(actual).isEqualTo(expected);
        assertThat(shape(actual)).isEqualTo(shape(expected));
        assertThat(new String(document, StandardCharsets.UTF_8))
                .isEqualTo(new String(Contract.JSON.writeValueAsBytes(expected), StandardCharsets.UTF_8));
    }

    @Test
    void everyPermutationWithDuplicatesRendersTheSameBytes() {
        byte[] expected = render(events);
        Random random = new Random(62640);
        List<List<ChangeEvent>> permutations = new ArrayList<>();
        permute(new ArrayList<>(events), 0, permutations);
        assertThat(permutations).hasSize(5040);
        for (List<ChangeEvent> order : permutations) {
            assertThat(render(order)).as("order %s", ids(order)).isEqualTo(expected);
            List<ChangeEvent> withDuplicates = new ArrayList<>(order);
            for (int i = 0; i < 4; i++) {
                withDuplicates.add(random.nextInt(withDuplicates.size() + 1), order.get(random.nextInt(order.size())));
            }
            assertThat(render(withDuplicates)).as("order %s", ids(withDuplicates)).isEqualTo(expected);
        }
    }

    private byte[] render(List<ChangeEvent> order) {
        Projection projection = new Projection();
        order.forEach(projection::apply);
        return renderer.render(projection.customer(Contract.GOLDEN_CUSTOMER).orElseThrow(), Contract.GOLDEN_NOW).orElseThrow();
    }

    private static void permute(List<ChangeEvent> list, int k, List<List<ChangeEvent>> out) {
        if (k == list.size()) {
            out.add(List.copyOf(list));
            return;
        }
        for (int i = k; i < list.size(); i++) {
            java.util.Collections.swap(list, k, i);
            permute(list, k + 1, out);
            java.util.Collections.swap(list, k, i);
        }
    }

    private static List<String> ids(List<ChangeEvent> order) {
        return order.stream().map(e -> e.kind().wireName() + ":" + e.id()).toList();
    }

    /** Member names and value types in document order, recursively: what JsonNode equality ignores. */
    static List<String> shape(JsonNode node) {
        List<String> out = new ArrayList<>();
        shape(node, "$", out);
        return out;
    }

    private static void shape(JsonNode node, String path, List<String> out) {
        out.add(path + ":" + node.getNodeType());
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> members = node.properties().iterator();
            while (members.hasNext()) {
                Map.Entry<String, JsonNode> member = members.next();
                shape(member.getValue(), path + "." + member.getKey(), out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                shape(node.get(i), path + "[" + i + "]", out);
            }
        }
    }
}
