package io.customerinfo.stack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProgressLineTest {

    @Test
    void showsABarProportionalToTheRecordsDoneAndTheTimeLeft() {
        assertThat(ProgressLine.render("RUNNING", 250, 1000, 1234, 75, 750))
                .isEqualTo("[########......................]  25% running  250/1,000 records, 1,234/s,"
                        + " about 1 min 15 s left, 750 behind");
    }

    @Test
    void unknownTotalAndTimeLeftAreSaidSo() {
        assertThat(ProgressLine.render("HANDOFF", 0, 0, 0, -1, 0))
                .isEqualTo("handoff  0/0 records, 0/s, time left unknown, 0 behind");
    }

    @Test
    void longDurationsInHours() {
        assertThat(ProgressLine.duration(7325)).isEqualTo("2 h 2 min");
        assertThat(ProgressLine.duration(59)).isEqualTo("59 s");
    }

    @Test
    void theAdminKeyComesFromTheEnvironmentElseTheLocalDefault() {
        assertThat(RebuildCommand.adminKey(java.util.Map.of("PROJECTOR_ADMIN_KEY", "k1"))).isEqualTo("k1");
        assertThat(RebuildCommand.adminKey(java.util.Map.of())).isEqualTo(RebuildCommand.LOCAL_ADMIN_KEY);
    }
}
