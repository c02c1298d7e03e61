package io.customerinfo.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RebuildCommandTest {

    @Test
    void byDefaultItStartsARebuildOnTheLocalProjectorAndFollowsIt() {
        RebuildOptions options = RebuildCommand.parse(List.of(), Map.of());

        assertThat(options).isEqualTo(new RebuildOptions("http://localhost:8081", RebuildCommand.LOCAL_ADMIN_KEY,
                RebuildOptions.Action.START, null, true));
    }

    @Test
    void theEnvironmentNamesTheProjectorAndItsKeyUnlessTheOptionsDo() {
        Map<String, String> env = Map.of("PROJECTOR_URL", "http://p:9", "PROJECTOR_ADMIN_KEY", "k1");

        assertThat(RebuildCommand.parse(List.of(), env))
                .isEqualTo(new RebuildOptions("http://p:9", "k1", RebuildOptions.Action.START, null, true));
        assertThat(RebuildCommand.parse(List.of("--projector", "http://q:1", "--key=k2", "--no-wait"), env))
                .isEqualTo(new RebuildOptions("http://q:1", "k2", RebuildOptions.Action.START, null, false));
    }

    @Test
    void oneActionAtATime() {
        assertThat(RebuildCommand.parse(List.of("--status"), Map.of()).action()).isEqualTo(RebuildOptions.Action.STATUS);
        assertThat(RebuildCommand.parse(List.of("--cancel"), Map.of()).action()).isEqualTo(RebuildOptions.Action.CANCEL);
        RebuildOptions render = RebuildCommand.parse(List.of("--customer", "10001"), Map.of());
        assertThat(render.action()).isEqualTo(RebuildOptions.Action.RENDER);
        assertThat(render.customer()).isEqualTo("10001");
        assertThatThrownBy(() -> RebuildCommand.parse(List.of("--cancel", "--customer", "1"), Map.of()))
                .hasMessageContaining("mutually exclusive");
    }
}
