package io.customerinfo.query.config;

import io.customerinfo.query.web.EnvelopeErrorReportValve;
import org.apache.catalina.core.StandardHost;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tomcat beyond what {@code server.tomcat.*} sets (threads, keep-alive, relaxed characters): errors
 * raised by Tomcat itself are answered with the envelope, and answers go to the socket in writes of up to 64 KB.
 */
@Configuration(proxyBeanMethods = false)
public class TomcatConfiguration {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> envelopeErrors() {
        return factory -> {
            factory.addContextCustomizers(context -> {
                if (context.getParent() instanceof StandardHost host) {
                    host.setErrorReportValveClass(EnvelopeErrorReportValve.class.getName());
                }
            });
            // a batch answer runs to hundreds of KB: with the default 8 KB the socket gets it in as many writes
            factory.addConnectorCustomizers(connector -> connector.setProperty("socket.appWriteBufSize", "65536"));
        };
    }
}
