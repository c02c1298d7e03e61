package io.customerinfo.query.config;

import io.customerinfo.query.auth.ApiKeyAuthenticator;
import io.customerinfo.query.consistency.ReadYourWrites;
import io.customerinfo.query.metrics.Endpoint;
import io.customerinfo.query.metrics.QueryMetrics;
import io.customerinfo.query.store.CustomerViews;
import io.customerinfo.query.web.BatchInfoServlet;
import io.customerinfo.query.web.BodyLimits;
import io.customerinfo.query.web.CustomerInfoServlet;
import java.util.List;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.servlet.filter.OrderedRequestContextFilter;
import org.springframework.web.filter.RequestContextFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers the two endpoints as plain servlets beside Spring's dispatcher (which keeps serving
 * the actuator).
 */
@Configuration(proxyBeanMethods = false)
public class WebConfiguration {

    @Bean
    ServletRegistrationBean<CustomerInfoServlet> customerInfoServlet(CustomerViews views,
            ReadYourWrites readYourWrites, ApiKeyAuthenticator authenticator, QueryMetrics metrics,
            QueryApiProperties properties) {
        var servlet = new CustomerInfoServlet(views, readYourWrites, authenticator, metrics, bodyLimits(properties),
                properties.compat().alwaysHttp200());
        return register(servlet, Endpoint.INFO);
    }

    @Bean
    ServletRegistrationBean<BatchInfoServlet> batchInfoServlet(CustomerViews views,
            ApiKeyAuthenticator authenticator, QueryMetrics metrics, QueryApiProperties properties) {
        var servlet = new BatchInfoServlet(views, authenticator, metrics, bodyLimits(properties),
                properties.maxBatchSize(), properties.compat().alwaysHttp200());
        return register(servlet, Endpoint.BATCH_INFO);
    }

    /**
     * Spring's request-context filter, for the dispatcher (actuator) only: by default it is mapped to
     * every path and would run before the API's servlets too.
     */
    @Bean
    FilterRegistrationBean<RequestContextFilter> requestContextFilter() {
        FilterRegistrationBean<RequestContextFilter> registration = new FilterRegistrationBean<>(
                new OrderedRequestContextFilter());
        registration.setServletNames(List.of(DispatcherServletAutoConfiguration.DEFAULT_DISPATCHER_SERVLET_BEAN_NAME));
        return registration;
    }

    private static BodyLimits bodyLimits(QueryApiProperties properties) {
        return new BodyLimits((int) Math.min(Integer.MAX_VALUE, properties.maxBodySize().toBytes()),
                properties.bodyTimeout());
    }

    private static <S extends jakarta.servlet.Servlet> ServletRegistrationBean<S> register(S servlet,
            Endpoint endpoint) {
        ServletRegistrationBean<S> registration = new ServletRegistrationBean<>(servlet, endpoint.path());
        registration.setName(endpoint.tag());
        registration.setLoadOnStartup(1);
        // bodies are read with non-blocking I/O (RequestBody), which needs an async-capable servlet
        registration.setAsyncSupported(true);
        return registration;
    }
}
