package io.customerinfo.core.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.customerinfo.core.event.CustomerData;
import io.customerinfo.core.json.CompactJson;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The decoder splits a customer row into its members while it re-encodes it; the split must be exactly what
 * scanning the re-encoded bytes finds (the renderer lays the document out from these members).
 */
class CustomerRowSplitTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final EventDecoder decoder = new EventDecoder();

    @Property(tries = 300)
    void membersAreTheSlicesOfTheReEncodedRow(@ForAll @Size(max = 12) List<String> names,
                                             @ForAll @Size(max = 12) List<String> texts,
                                             @ForAll @Size(max = 12) List<@IntRange(min = 0, max = 6) Integer> kinds) {
        ObjectNode data = JSON.createObjectNode();
        data.put("id", "77");
        data.put("name", texts.isEmpty() ? "客户" : texts.get(0));
        for (int i = 0; i < names.size(); i++) {
            String text = texts.isEmpty() ? "" : texts.get(i % texts.size());
            int kind = kinds.isEmpty() ? 0 : kinds.get(i % kinds.size());
            String name = names.get(i).equals("total_infos") ? "x_total_infos" : names.get(i);
            switch (kind) {
                case 0 -> data.put(name, text);
                case 1 -> data.put(name, i * 1_000_003L - 5);
                case 2 -> data.putNull(name);
                case 3 -> data.put(name, i % 2 == 0);
                case 4 -> data.putObject(name).put("k\"" + text, text).putArray("a").add(text).add(1.5);
                case 5 -> {
                    ArrayNode array = data.putArray(name);
                    array.add(text).addObject().put("n", text);
                }
                default -> data.put(name, "\\/\u0001\t" + text + "\u4e2d\ud83d\ude00");
            }
        }
        ObjectNode event = JSON.createObjectNode();
        event.put("event_id", "e1");
        event.put("op", "upsert");
        event.put("entity", "customer");
        event.put("id", "77");
        event.put("customer_id", "77");
        event.put("version", 1);
        event.put("occurred_at", 1);
        event.set("data", data);
        byte[] value = JSON.writeValueAsString(event).getBytes(StandardCharsets.UTF_8);

        DecodeResult result = decoder.decode("crm.customer", "77".getBytes(StandardCharsets.UTF_8), value);

        assertThat(result).isInstanceOf(DecodeResult.Decoded.class);
        CustomerData row = (CustomerData) ((DecodeResult.Decoded) result).event().data();
        assertThat(row.members()).containsExactlyEntriesOf(CompactJson.members(row.json()));
    }
}
