package io.customerinfo.projector.rebuild;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Guards {@code /admin/**}: the request must carry the configured key ({@code PROJECTOR_ADMIN_KEY}) as
 * {@code X-Admin-Key: <key>} or {@code Authorization: Bearer <key>}, compared in constant time. Without a configured
 * key every admin request is refused.
 */
final class AdminKeyFilter extends OncePerRequestFilter {

    static final String HEADER = "X-Admin-Key";

    private final byte[] key;

    AdminKeyFilter(String key) {
        this.key = key.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !(path.equals("/admin") || path.startsWith("/admin/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String given = request.getHeader(HEADER);
        String authorization = request.getHeader("Authorization");
        if (given == null && authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            given = authorization.substring(7).trim();
        }
        if (key.length == 0 || given == null
                || !MessageDigest.isEqual(key, given.getBytes(StandardCharsets.UTF_8))) {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setHeader("WWW-Authenticate", "Bearer realm=\"projector-admin\"");
            response.setContentType("application/json");
            response.getWriter().write(key.length == 0
                    ? "{\"error\":\"admin endpoints are disabled: PROJECTOR_ADMIN_KEY is not set\"}"
                    : "{\"error\":\"missing or wrong admin key (X-Admin-Key or Authorization: Bearer)\"}");
            return;
        }
        chain.doFilter(request, response);
    }
}
