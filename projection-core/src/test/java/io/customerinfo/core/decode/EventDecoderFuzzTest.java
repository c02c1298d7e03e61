package io.customerinfo.core.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.customerinfo.core.support.Contract;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The decoder never throws: whatever the bytes, it decodes or names a reason. */
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
}
