package io.customerinfo.readmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class StateFieldsTest {

    @Test
    void locatesEachEntityInItsHash() {
        assertThat(StateFields.locate("customer", 62640)).isEqualTo(new StateFields.Location(false, "customer"));
        assertThat(StateFields.locate("contact", 7)).isEqualTo(new StateFields.Location(false, "contact:7"));
        assertThat(StateFields.locate("address", 7)).isEqualTo(new StateFields.Location(false, "address:7"));
        assertThat(StateFields.locate("invoice", 7)).isEqualTo(new StateFields.Location(false, "invoice:7"));
        assertThat(StateFields.locate("order", 7)).isEqualTo(new StateFields.Location(true, "7"));
        assertThatThrownBy(() -> StateFields.locate("invoices", 7)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsTheVersionOfLiveRecordsAndTombstones() {
        assertThat(StateFields.version(ascii("T17"))).isEqualTo(17);
        assertThat(StateFields.version(ascii("L9223372036854775807|0{}"))).isEqualTo(Long.MAX_VALUE);
        assertThat(StateFields.version(ascii("R3|5:62640"))).isEqualTo(3);
        assertThat(StateFields.version(ascii("L1|1700000000|100|0|o"))).isEqualTo(1);
    }

    @Test
    void refusesWhatIsNotARecord() {
        for (String bad : new String[] {"", "T", "17", "L|x", "Lx|", "T12345678901234567890"}) {
            assertThatThrownBy(() -> StateFields.version(ascii(bad))).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void stateKeysAreTheWritersKeys() {
        RedisKeys keys = new RedisKeys(3, 16);
        assertThat(RedisKeys.stateBytes(3, "62640", StateFields.locate("contact", 1))).isEqualTo(keys.entsKey(62640));
        assertThat(RedisKeys.stateBytes(3, "62640", StateFields.locate("order", 1))).isEqualTo(keys.ordersKey(62640));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
