package io.customerinfo.query.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class ApiKeyAuthenticatorTest {

    private static final String SETTING = "app:" + ApiKeyAuthenticator.sha256Hex("app-secret") + ":*;"
            + " dms : " + ApiKeyAuthenticator.sha256Hex("dms-secret").toUpperCase() + " : 2,3 :5";

    private final List<ApiKeySpec> specs = ApiKeySpec.parseAll(SETTING,
            rate -> rate == null ? RateLimiter.unlimited() : RateLimiter.of(rate, 1, System::nanoTime));

    @Test
    void findsTheCallerOfAKnownKey() {
        ApiKeyAuthenticator auth = new ApiKeyAuthenticator(true, specs, RateLimiter.unlimited());
        Caller app = auth.authenticate("app-secret");
        assertThat(app.name()).isEqualTo("app");
        assertThat(app.maySee("1")).isTrue();
        Caller dms = auth.authenticate("dms-secret");
        assertThat(dms.name()).isEqualTo("dms");
        assertThat(dms.maySee("2")).isTrue();
        assertThat(dms.maySee("1")).isFalse();
        assertThat(dms.rateLimiter()).isNotSameAs(app.rateLimiter());
        assertThat(auth.authenticate("dms-secret")).isSameAs(dms);
        assertThat(auth.authenticate("nope")).isNull();
        assertThat(auth.authenticate(ApiKeyAuthenticator.sha256Hex("app-secret"))).isNull();
    }

    @Test
    void disabledAuthLetsEveryoneSeeEverything() {
        ApiKeyAuthenticator auth = new ApiKeyAuthenticator(false, List.of(), RateLimiter.unlimited());
        assertThat(auth.authenticate(null).maySee("42")).isTrue();
    }

    @Test
    void callersWithoutOwnRateGetTheirOwnBucket() {
        List<ApiKeySpec> two = ApiKeySpec.parseAll("a:" + ApiKeyAuthenticator.sha256Hex("a") + ":*;b:"
                + ApiKeyAuthenticator.sha256Hex("b") + ":*", rate -> RateLimiter.of(1, 1, System::nanoTime));
        assertThat(two.get(0).caller().rateLimiter()).isNotSameAs(two.get(1).caller().rateLimiter());
    }

    @Test
    void rejectsMalformedSettings() {
        assertThatThrownBy(() -> ApiKeySpec.parseAll("app:abc:*", r -> RateLimiter.unlimited()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("app");
        assertThatThrownBy(() -> ApiKeySpec.parseAll("app:" + ApiKeyAuthenticator.sha256Hex("x") + ":",
                r -> RateLimiter.unlimited())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ApiKeySpec.parseAll("justaname", r -> RateLimiter.unlimited()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(ApiKeySpec.parseAll("", r -> RateLimiter.unlimited())).isEmpty();
    }
}
