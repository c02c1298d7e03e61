package io.customerinfo.query.web;

import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.customerinfo.query.auth.ApiKeyAuthenticator;
import io.customerinfo.query.auth.Caller;
import io.customerinfo.query.metrics.DenialReason;
import io.customerinfo.query.metrics.Endpoint;
import io.customerinfo.query.metrics.Outcome;
import io.customerinfo.query.metrics.QueryMetrics;
import io.customerinfo.query.store.StoreUnavailableException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * What both endpoints share: GET and POST only, the caller's key and rate limit, the error
 * envelopes, and the request metrics. A plain servlet rather than a Spring MVC handler: the hot path
 * is worth the handful of microseconds the dispatcher would add.
 */
abstract class QueryServlet extends HttpServlet {

    /** The {@code Allow} header of a 405 on the API's endpoints. */
    static final String ALLOWED_METHODS = "GET, POST, OPTIONS";

    private static final Logger log = LoggerFactory.getLogger(QueryServlet.class);
    private static final String BEARER = "Bearer ";

    private final Endpoint endpoint;
    private final ApiKeyAuthenticator authenticator;
    private final QueryMetrics metrics;
    private final boolean alwaysHttp200;
    private final int maxBodyBytes;
    private final long bodyTimeoutMillis;
    private final ThrottledLog unavailableLog = new ThrottledLog(log);

    QueryServlet(Endpoint endpoint, ApiKeyAuthenticator authenticator, QueryMetrics metrics, BodyLimits bodyLimits,
            boolean alwaysHttp200) {
        this.endpoint = endpoint;
        this.maxBodyBytes = bodyLimits.maxBytes();
        this.bodyTimeoutMillis = bodyLimits.timeout().toMillis();
        this.authenticator = authenticator;
        this.metrics = metrics;
        this.alwaysHttp200 = alwaysHttp200;
    }

    /**
     * Answers the request of an authorized caller; returns how it ended. {@code body} is the whole
     * request body, or null when there was none.
     */
    abstract Outcome serve(Caller caller, HttpServletRequest request, HttpServletResponse response, byte[] body)
            throws IOException;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws jakarta.servlet.ServletException, IOException {
        String method = request.getMethod();
        long start = System.nanoTime();
        if (!"GET".equals(method) && !"POST".equals(method)) {
            if ("OPTIONS".equals(method)) {
                super.service(request, response);
                return;
            }
            // any other method, known or not, with the envelope (HttpServlet would send Spring's error page)
            metrics.request(endpoint, fail(response, ErrorCode.METHOD_NOT_ALLOWED, null, 0, null), System.nanoTime() - start);
            return;
        }
        if (!"POST".equals(method) || !RequestBody.present(request)) {
            metrics.request(endpoint, answer(request, response, null), System.nanoTime() - start);
            return;
        }
        if (request.getContentLengthLong() > maxBodyBytes) {
            Outcome outcome = fail(response, ErrorCode.TOO_LARGE, ErrorCode.TOO_LARGE.message() + ": 超过 "
                    + maxBodyBytes + " 字节", 0, null);
            metrics.request(endpoint, outcome, System.nanoTime() - start);
            return;
        }
        RequestBody.read(request, maxBodyBytes, bodyTimeoutMillis, new RequestBody.Callback() {
            @Override
            public void read(byte[] body) {
                metrics.request(endpoint, answerSafely(request, response, body), System.nanoTime() - start);
            }

            @Override
            public void failed(ErrorCode code, String message) {
                Outcome outcome;
                try {
                    outcome = fail(response, code, code.message() + ": " + message, 0, null);
                } catch (IOException e) {
                    log.debug("{}: client gone while refusing its body: {}", endpoint.path(), e.toString());
                    outcome = Outcome.ABORTED;
                }
                metrics.request(endpoint, outcome, System.nanoTime() - start);
            }

            @Override
            public void gone(Throwable cause) {
                log.debug("{}: client gone while sending its body: {}", endpoint.path(), String.valueOf(cause));
                metrics.request(endpoint, Outcome.ABORTED, System.nanoTime() - start);
            }
        });
    }

    /** {@link #answer} where no exception may escape: a container callback of the body reader. */
    private Outcome answerSafely(HttpServletRequest request, HttpServletResponse response, byte[] body) {
        try {
            return answer(request, response, body);
        } catch (IOException e) {
            log.debug("{}: client gone while answering: {}", endpoint.path(), e.toString());
            return Outcome.ABORTED;
        }
    }

    private Outcome answer(HttpServletRequest request, HttpServletResponse response, byte[] body) throws IOException {
        try {
            return serve(authorize(request), request, response, body);
        } catch (RequestRejected e) {
            return fail(response, e.code(), e.getMessage(), e.retryAfterSeconds(), null);
        } catch (StoreUnavailableException e) {
            unavailableLog.warn(endpoint.path(), e);
            return fail(response, ErrorCode.UNAVAILABLE, null, 0, null);
        } catch (IOException e) {
            if (response.isCommitted()) {
                // the client went away while the answer was being written: nothing more to say
                log.debug("{}: client gone while answering: {}", endpoint.path(), e.toString());
                return Outcome.ABORTED;
            }
            return internalError(response, e);
        } catch (RuntimeException e) {
            return internalError(response, e);
        }
    }

    private Outcome internalError(HttpServletResponse response, Exception e) throws IOException {
        String requestId = Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
        log.error("Request {} to {} failed", requestId, endpoint.path(), e);
        return fail(response, ErrorCode.INTERNAL, ErrorCode.INTERNAL.message() + ": request id " + requestId, 0,
                requestId);
    }

    private Caller authorize(HttpServletRequest request) {
        Caller caller;
        if (authenticator.enabled()) {
            String key = presentedKey(request);
            if (key == null) {
                metrics.denial(DenialReason.MISSING_KEY);
                throw new RequestRejected(ErrorCode.UNAUTHORIZED, "缺少 API key");
            }
            caller = authenticator.authenticate(key);
            if (caller == null) {
                metrics.denial(DenialReason.UNKNOWN_KEY);
                throw new RequestRejected(ErrorCode.UNAUTHORIZED, "API key 无效");
            }
        } else {
            caller = authenticator.authenticate(null);
        }
        long waitNanos = caller.rateLimiter().tryAcquire();
        if (waitNanos > 0) {
            throw new RequestRejected(ErrorCode.RATE_LIMITED, null, Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L));
        }
        return caller;
    }

    private static String presentedKey(HttpServletRequest request) {
        String key = request.getHeader("X-Api-Key");
        if (key != null && !key.isEmpty()) {
            return key;
        }
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            String token = authorization.substring(BEARER.length()).trim();
            return token.isEmpty() ? null : token;
        }
        return null;
    }

    /** Counts a tenancy denial: a document of an org the caller may not see, answered as missing. */
    void deniedByOrg() {
        metrics.denial(DenialReason.ORG);
    }

    private Outcome fail(HttpServletResponse response, ErrorCode code, String message, long retryAfterSeconds,
            String requestId) throws IOException {
        if (response.isCommitted()) {
            return code.outcome();
        }
        response.reset();
        response.setStatus(alwaysHttp200 ? 200 : code.httpStatus());
        if (requestId != null) {
            response.setHeader("X-Request-Id", requestId);
        }
        if (retryAfterSeconds > 0) {
            response.setHeader("Retry-After", Long.toString(retryAfterSeconds));
        }
        if (code == ErrorCode.TOO_LARGE || code == ErrorCode.BODY_TIMEOUT) {
            // the rest of the body is not worth reading: the connection ends with this answer
            response.setHeader("Connection", "close");
        }
        if (code == ErrorCode.METHOD_NOT_ALLOWED) {
            response.setHeader("Allow", ALLOWED_METHODS);
        }
        if (code == ErrorCode.UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", "Bearer");
        }
        byte[] body = Envelope.error(code.errCode(), message == null ? code.message() : message);
        writeJson(response, body.length).write(body);
        return code.outcome();
    }

    static ServletOutputStream writeJson(HttpServletResponse response, int length) throws IOException {
        response.setContentType(Envelope.CONTENT_TYPE);
        response.setContentLength(length);
        return response.getOutputStream();
    }
}
