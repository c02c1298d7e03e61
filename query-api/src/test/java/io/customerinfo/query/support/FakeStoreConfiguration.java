package io.customerinfo.query.support;

import java.time.Clock;

import io.customerinfo.query.store.CustomerDocumentStore;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Replaces Redis with {@link FakeDocumentStore} and the clock with a {@link MutableClock}. */
@TestConfiguration(proxyBeanMethods = false)
public class FakeStoreConfiguration {

    @Bean
    @Primary
    FakeDocumentStore fakeDocumentStore() {
        return new FakeDocumentStore();
    }

    @Bean
    @Primary
    MutableClock mutableClock() {
        return new MutableClock(Golden.SERVED_AT);
    }
}
