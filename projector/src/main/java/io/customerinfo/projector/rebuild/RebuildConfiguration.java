package io.customerinfo.projector.rebuild;

import java.time.Clock;

import org.apache.kafka.clients.admin.Admin;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.customerinfo.projector.config.ProjectorSettings;
import io.customerinfo.projector.kafka.ProjectorWorkers;
import io.customerinfo.projector.projection.ViewRenderer;
import io.micrometer.core.instrument.MeterRegistry;
import redis.clients.jedis.UnifiedJedis;

/** The rebuild coordinator, the single-customer re-render and the admin endpoint's key check. */
@Configuration(proxyBeanMethods = false)
public class RebuildConfiguration {

    @Bean
    RebuildCoordinator rebuildCoordinator(ProjectorSettings settings, RebuildSettings rebuild, UnifiedJedis redis,
                                          ProjectorWorkers workers, Admin projectorKafkaAdmin,
                                          MeterRegistry registry) {
        return new RebuildCoordinator(settings, rebuild, redis, workers,
                new KafkaOffsets(projectorKafkaAdmin, settings.topics().all()), new RebuildMetrics(registry));
    }

    @Bean
    CustomerRerender customerRerender(UnifiedJedis redis, ProjectorSettings settings, ViewRenderer renderer,
                                      Clock clock) {
        return new CustomerRerender(redis, settings, renderer, clock);
    }

    @Bean
    FilterRegistrationBean<AdminKeyFilter> adminKeyFilter(RebuildSettings rebuild) {
        if (rebuild.adminKey().isEmpty()) {
            LoggerFactory.getLogger(RebuildConfiguration.class)
                    .warn("PROJECTOR_ADMIN_KEY is not set: the admin endpoint (/admin/...) refuses every request");
        }
        FilterRegistrationBean<AdminKeyFilter> registration = new FilterRegistrationBean<>(
                new AdminKeyFilter(rebuild.adminKey()));
        registration.addUrlPatterns("/admin/*");
        return registration;
    }
}
