package io.customerinfo.projector.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class AdminKeyFilterTest {

    @Test
    void theRightKeyInEitherHeaderPasses() throws Exception {
        AdminKeyFilter filter = new AdminKeyFilter("s3cret");
        assertThat(status(filter, "/admin/rebuild", "X-Admin-Key", "s3cret")).isEqualTo(200);
        assertThat(status(filter, "/admin/rebuild", "Authorization", "Bearer s3cret")).isEqualTo(200);
        assertThat(status(filter, "/admin/rebuild", "Authorization", "bearer s3cret")).isEqualTo(200);
    }

    @Test
    void aMissingWrongOrPrefixedKeyIs401() throws Exception {
        AdminKeyFilter filter = new AdminKeyFilter("s3cret");
        assertThat(status(filter, "/admin/rebuild", null, null)).isEqualTo(401);
        assertThat(status(filter, "/admin/rebuild", "X-Admin-Key", "s3cre")).isEqualTo(401);
        assertThat(status(filter, "/admin/rebuild", "X-Admin-Key", "s3cretX")).isEqualTo(401);
        assertThat(status(filter, "/admin/customers/1/render", "Authorization", "Basic s3cret")).isEqualTo(401);
    }

    @Test
    void withoutAConfiguredKeyEveryAdminRequestIsRefusedEvenAnEmptyKey() throws Exception {
        AdminKeyFilter filter = new AdminKeyFilter("");
        assertThat(status(filter, "/admin/rebuild", "X-Admin-Key", "")).isEqualTo(401);
        assertThat(status(filter, "/admin/rebuild", null, null)).isEqualTo(401);
    }

    @Test
    void otherPathsAreNotGuarded() throws Exception {
        AdminKeyFilter filter = new AdminKeyFilter("s3cret");
        assertThat(status(filter, "/actuator/health", null, null)).isEqualTo(200);
        assertThat(status(filter, "/administration", null, null)).isEqualTo(200);
    }

    private static int status(AdminKeyFilter filter, String path, String header, String value) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
        if (header != null) {
            request.addHeader(header, value);
        }
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        filter.doFilter(request, response, chain);
        return chain.getRequest() == null ? response.getStatus() : 200;
    }
}
