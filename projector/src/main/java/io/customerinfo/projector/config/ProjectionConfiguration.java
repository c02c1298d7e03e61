package io.customerinfo.projector.config;

import java.time.Clock;
import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.customerinfo.core.decode.EventDecoder;
import io.customerinfo.core.event.EntityKind;
import io.customerinfo.core.render.DocumentRenderer;
import io.customerinfo.projector.kafka.ChangeRecordHandler;
import io.customerinfo.projector.kafka.ProjectorWorkers;
import io.customerinfo.projector.projection.BatchProjection;
import io.customerinfo.projector.projection.ViewRenderer;
import io.customerinfo.projector.store.CustomerStateStore;
import io.customerinfo.projector.store.OwnerIndexStore;
import redis.clients.jedis.UnifiedJedis;

/** The core (decoder, renderer) wired to the Redis stores for the generation being written. */
@Configuration(proxyBeanMethods = false)
public class ProjectionConfiguration {

    @Bean
    EventDecoder eventDecoder(ProjectorSettings settings) {
        ProjectorSettings.Topics t = settings.topics();
        return new EventDecoder(Map.of(
                t.customer(), EntityKind.CUSTOMER,
                t.contact(), EntityKind.CONTACT,
                t.address(), EntityKind.ADDRESS,
                t.invoice(), EntityKind.INVOICE,
                t.order(), EntityKind.ORDER), EventDecoder.DEFAULT_MAX_VALUE_BYTES);
    }

    @Bean
    ViewRenderer viewRenderer(ProjectorSettings settings) {
        DocumentRenderer renderer = new DocumentRenderer(settings.zone());
        return (state, now, rev) -> renderer.renderStoredView(state, now, rev);
    }

    @Bean
    ProjectorWorkers.HandlerFactory handlerFactory(ProjectorSettings settings, UnifiedJedis redis, EventDecoder decoder,
                                                   ViewRenderer renderer, Clock clock) {
        return (keys, metrics) -> new ChangeRecordHandler(decoder, new BatchProjection(
                new OwnerIndexStore(redis, keys),
                new CustomerStateStore(redis, keys, settings.zone(), settings.recentSlack()),
                renderer, clock, metrics, settings.casMaxAttempts()), metrics);
    }
}
