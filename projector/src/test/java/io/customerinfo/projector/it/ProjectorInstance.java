package io.customerinfo.projector.it;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.customerinfo.projector.ProjectorApplication;
import io.customerinfo.projector.metrics.ProjectorMetrics;

/** One projector application in this JVM, as a test starts it: real Kafka, real Redis, random HTTP port. */
final class ProjectorInstance implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private ProjectorInstance(ConfigurableApplicationContext context) {
        this.context = context;
    }

    static Builder builder(String bootstrapServers, String groupId) {
        return new Builder(bootstrapServers, groupId);
    }

    ProjectorMetrics metrics() {
        return context.getBean(ProjectorMetrics.class);
    }

    io.micrometer.core.instrument.MeterRegistry registry() {
        return context.getBean(io.micrometer.core.instrument.MeterRegistry.class);
    }

    int port() {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port", "0"));
    }

    @Override
    public void close() {
        context.close();
    }

    static final class Builder {
        private final Map<String, Object> props = new HashMap<>();
        private Clock clock;

        private Builder(String bootstrapServers, String groupId) {
            props.put("projector.bootstrap-servers", bootstrapServers);
            props.put("projector.group-id", groupId);
            props.put("server.port", "0");
            props.put("projector.backoff-initial", "100ms");
            props.put("projector.backoff-max", "1s");
            props.put("projector.poll-timeout", "200ms");
            props.put("projector.position-audit-interval", "300ms");
            // a restarted or crashed member leaves the group quickly
            props.put("projector.consumer[session.timeout.ms]", "6000");
            props.put("projector.consumer[heartbeat.interval.ms]", "1000");
        }

        /** No HTTP server (actuator endpoints are tested elsewhere): a faster start. */
        Builder withoutWebServer() {
            props.put("spring.main.web-application-type", "none");
            return this;
        }

        Builder redisUrl(String url) {
            props.put("projector.redis-url", url);
            return this;
        }

        Builder redisClusterNodes(String nodes) {
            props.put("projector.redis-cluster-nodes", nodes);
            return this;
        }

        Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        Builder properties(java.util.Map<String, Object> more) {
            props.putAll(more);
            return this;
        }

        Builder property(String name, Object value) {
            props.put(name, value);
            return this;
        }

        /** The settings as command-line properties (for a child JVM). */
        java.util.Map<String, Object> properties() {
            return java.util.Map.copyOf(props);
        }

        ProjectorInstance start() {
            SpringApplicationBuilder app = new SpringApplicationBuilder(ProjectorApplication.class);
            if (clock != null) {
                Clock fixed = clock;
                app.initializers(ctx -> ctx.getBeanFactory().registerSingleton("clock", fixed));
            }
            // command-line arguments: they win over application.yml (default properties would not)
            String[] args = props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                    .toArray(String[]::new);
            return new ProjectorInstance(app.run(args));
        }
    }
}
