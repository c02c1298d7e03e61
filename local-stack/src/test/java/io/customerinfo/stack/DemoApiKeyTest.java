package io.customerinfo.stack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DemoApiKeyTest {

    @Test
    void theQueryApiIsGivenOnlyTheKeysSha256ForEveryOrg() {
        // printf demo-key | sha256sum
        assertThat(DemoApiKey.queryApiKeysSetting("demo-key"))
                .isEqualTo("demo:c48a01f49fd0f2cc404bc3cbbc80e91457a3d41bb429a695243de4c61794155c:*")
                .doesNotContain("demo-key");
    }
}
