package io.customerinfo.core.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.customerinfo.core.event.CustomerData;
import io.customerinfo.core.event.EntityKind;
import io.customerinfo.core.json.CompactJson;
import io.customerinfo.core.support.Contract;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Rows taken from the event as they are decode exactly as rows re-encoded member by member: same data bytes, same
 * violations, whatever the row (compact or not, escapes, repeated or dropped members, wrong types).
 */
class PlainRowTest {

    private static final String[] TOPICS = {"crm.customer", "crm.contact", "crm.invoice", "crm.address"};
    private static final String[] ENTITIES = {"customer", "contact", "invoice", "address"};

    private final EventDecoder slicing = new EventDecoder();
    private final EventDecoder reEncoding = new EventDecoder(EventDecoder.DEFAULT_TOPICS,
            EventDecoder.DEFAULT_MAX_VALUE_BYTES, false);

    @Property(tries = 3000)
    void decodesLikeTheReEncodingPath(@ForAll @IntRange(min = 0, max = 3) int kind,
                                     @ForAll @Size(max = 6) List<@IntRange(min = 0, max = 30) Integer> extras,
                                     @ForAll @IntRange(min = 0, max = 6) int spacing,
                                     @ForAll @IntRange(min = 0, max = 8) int insertAt) {
        // mostly valid rows (the fields the decoder checks, then extras anywhere), so that most take the fast path
        List<Integer> members = new java.util.ArrayList<>(kind == 0 ? List.of(0, 4) : List.of(0, 2, 16 - 10 * (insertAt % 2)));
        for (int extra : extras) {
            members.add(Math.min(insertAt, members.size()), extra);
        }
        StringBuilder data = new StringBuilder("{");
        String sep = spacing == 1 ? ", " : ",";
        String colon = spacing == 2 ? ": " : ":";
        boolean first = true;
        for (int m : members) {
            if (!first) {
                data.append(sep);
            }
            first = false;
            data.append(member(m, colon));
        }
        data.append("}");
        String value = "{\"event_id\":\"e\",\"op\":\"upsert\",\"entity\":\"" + ENTITIES[kind] + "\",\"id\":\"5\","
                + "\"customer_id\":\"" + (kind == 0 ? "5" : "9") + "\",\"version\":3,\"occurred_at\":1,\"data\":"
                + (spacing == 3 ? data.toString().replace("\",\"", "\" ,\"") : data) + "}";
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        byte[] key = "5".getBytes(StandardCharsets.US_ASCII);

        DecodeResult sliced = slicing.decode(TOPICS[kind], key, bytes);
        assertThat(sliced).isEqualTo(reEncoding.decode(TOPICS[kind], key, bytes));
        if (sliced instanceof DecodeResult.Decoded decoded && decoded.event().data() instanceof CustomerData row) {
            // the renderer lays the row out from its members: the split must be what scanning its bytes finds
            assertThat(row.members()).containsExactlyEntriesOf(CompactJson.members(row.json()));
        }
    }

    @Test
    void theContractsSampleEventsDecodeAlikeAndTheirRowsAreTakenAsTheyAre() {
        for (Contract.Record record : Contract.sampleRecords()) {
            assertThat(slicing.decode(record.topic(), record.key(), record.value()))
                    .isEqualTo(reEncoding.decode(record.topic(), record.key(), record.value()));
        }
        String row = "{\"id\":\"5\",\"customer_id\":\"9\",\"is_default\":\"1\",\"name\":\"王/1\",\"n\":[1,{\"a\":null}]}";
        byte[] bytes = ("{\"data\":" + row + "}").getBytes(StandardCharsets.UTF_8);
        assertThat(PlainRow.read(bytes, 8, bytes.length - 1, EntityKind.CONTACT)).isNotNull();
        assertThat(PlainRow.read(bytes, 8, bytes.length - 1, EntityKind.CONTACT).data())
                .isEqualTo(new io.customerinfo.core.event.ChildData(row.getBytes(StandardCharsets.UTF_8), true));
    }

    private static String member(int m, String colon) {
        return switch (m) {
            case 0 -> "\"id\"" + colon + "\"5\"";
            case 1 -> "\"id\"" + colon + "5";
            case 2 -> "\"customer_id\"" + colon + "\"9\"";
            case 3 -> "\"customer_id\"" + colon + "\"5\"";
            case 4 -> "\"name\"" + colon + "\"张三/Zhang\"";
            case 5 -> "\"name\"" + colon + "null";
            case 6 -> "\"is_default\"" + colon + "\"1\"";
            case 7 -> "\"is_default\"" + colon + "\"2\"";
            case 8 -> "\"total_infos\"" + colon + "{\"service\":\"3\",\"orders\":\"9\"}";
            case 9 -> "\"total_infos\"" + colon + "[]";
            case 10 -> "\"contacts\"" + colon + "[{\"id\":\"1\"}]";
            case 11 -> "\"customer_name\"" + colon + "\"x\"";
            case 12 -> "\"remark\"" + colon + "\"a\\\"b\\u4e2d\\/c\"";
            case 13 -> "\"amount\"" + colon + "1.50";
            case 14 -> "\"flag\"" + colon + "true";
            case 15 -> "\"nested\"" + colon + "{\"a\"" + colon + "[1,2,{\"b\":\"c,d\"}]}";
            case 16 -> "\"is_default\"" + colon + "\"0\"";
            case 17 -> "\"w\\u0069rd\"" + colon + "\"x\"";
            case 18 -> "\"_cache_at\"" + colon + "1";
            case 19 -> "\"text\"" + colon + "\"{[,:]}\"";
            case 20 -> "\"e\"" + colon + "-1.5e10";
            case 22 -> "\"checking_info\"" + colon + "\"{\\\"major\\\":\\\"a\\\\b\\\",\\n\\t\\r\\b\\f}\"";
            case 23 -> "\"u\"" + colon + "\"\\u00e9\\u001f\\u001F\\u000a\\u0022\"";
            case 24 -> "\"slash\"" + colon + "\"http:\\/\\/x\"";
            case 25 -> "\"n\"" + colon + "[0.0000001,-0,100,-7,12345678901234567890123,0,1E5,2e-3]";
            case 26 -> "\"f\"" + colon + "false";
            case 27 -> "\"ints\"" + colon + "[100,-7,0,12345678901234567890123]";
            case 28 -> "\"neg0\"" + colon + "-0";
            case 29 -> "\"small\"" + colon + "0.0000001";
            case 30 -> "\"q\\\"name\"" + colon + "\"x\"";
            default -> "\"org_id\"" + colon + "\"62640\"";
        };
    }
}
