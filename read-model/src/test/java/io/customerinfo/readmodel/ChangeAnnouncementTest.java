package io.customerinfo.readmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ChangeAnnouncementTest {

    @Test
    void encodesAsGenerationTimeAndCustomer() {
        ChangeAnnouncement a = new ChangeAnnouncement(2, 1_765_000_000_123L, 62640);
        assertThat(new String(a.encode(), StandardCharsets.US_ASCII)).isEqualTo("2|1765000000123|62640");
        assertThat(ChangeAnnouncement.parse(a.encode())).isEqualTo(a);
        assertThat(ChangeAnnouncement.CHANNEL).isEqualTo("cinfo:changes");
    }

    @Test
    void isTheAnnouncementPinnedBySchemasRedisLayout() throws Exception {
        JsonNode layout;
        try (InputStream in = ChangeAnnouncementTest.class.getResourceAsStream("/schemas/redis-layout.json")) {
            assertThat(in).as("schemas/redis-layout.json on the classpath").isNotNull();
            layout = JsonMapper.builder().build().readTree(in).get("announcement");
        }
        assertThat(ChangeAnnouncement.CHANNEL).isEqualTo(layout.get("channel").asString());
        assertThat(new String(new ChangeAnnouncement(1, 1_592_272_800_000L, 62640).encode(), StandardCharsets.US_ASCII))
                .isEqualTo(layout.get("message").asString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1|2", "1||3", "a|2|3", "1|2|3|4", "1|2|-3", "1|2|99999999999999999999"})
    void rejectsAnythingElse(String message) {
        assertThatThrownBy(() -> ChangeAnnouncement.parse(message.getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an announcement");
    }
}
