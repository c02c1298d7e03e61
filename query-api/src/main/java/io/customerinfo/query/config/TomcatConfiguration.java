package io.customerinfo.query.config;

import io.customerinfo.query.web.EnvelopeErrorReportValve;
import org.apache.catalina.core.StandardHost;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tomcat beyond what {@code server.tomcat.*} sets (threads, keep-alive, relaxed characters): errors
 * raised by Tomcat itself are answered with the envelope. The socket write buffer stays at its 8 KB: it is held per
 * open connection, and 64 KB (20% more batch_info documents/s) would cost 512 MiB at Tomcat's 8,192 connections
 * (docs/decisions/0007-http-server.md).
 */
@Configuration(proxyBeanMethods = false)
public class TomcatConfiguration {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> envelopeErrors() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(EnvelopeErrorReportValve.class.getName());
            }
        });
    }
}
