package io.customerinfo.query.web;

import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.customerinfo.query.auth.ApiKeyAuthenticator;
import io.customerinfo.query.auth.Caller;
import io.customerinfo.query.metrics.DenialReason;
import io.customerinfo.query.metrics.Endpoint;
import io.customerinfo.query.metrics.Outcome;
import io.customerinfo.query.metrics.QueryMetrics;
import io.customerinfo.query.store.StoreUnavailableException;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
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
     * Answers the request of an authorized caller; returns how it ended, or null when it will be answered later
     * through {@link #later}. {@code body} is the whole request body, or null when there was none;
     * {@code startNanos} is when the request arrived.
     */
    abstract Outcome serve(Caller caller, HttpServletRequest request, HttpServletResponse response, byte[] body,
            long startNanos) throws IOException;

    /** Writes an answer; what it throws is answered with the error envelope it stands for. */
    @FunctionalInterface
    interface Answer {
        Outcome write() throws IOException;
    }

    /**
     * Takes the request out of the request thread, to be answered once through {@link Later#answer} from any
     * thread; meanwhile it holds a connection but no request thread. {@code timeoutMillis} bounds the exchange
     * in the container: set it past the time the answer is due.
     */
    final Later later(HttpServletRequest request, HttpServletResponse response, long startNanos, long timeoutMillis) {
        AsyncContext async = request.isAsyncStarted() ? request.getAsyncContext() : request.startAsync();
        async.setTimeout(timeoutMillis);
        Later later = new Later(async, response, startNanos);
        async.addListener(later);
        return later;
    }

    /** A request answered later (see {@link #later}). */
    final class Later implements AsyncListener {
        private final AsyncContext async;
        private final HttpServletResponse response;
        private final long startNanos;
        private final AtomicBoolean answered = new AtomicBoolean();

        private Later(AsyncContext async, HttpServletResponse response, long startNanos) {
            this.async = async;
            this.response = response;
            this.startNanos = startNanos;
        }

        /** Writes the answer, records the request and ends the exchange; only the first call counts. */
        void answer(Answer answer) {
            if (!answered.compareAndSet(false, true)) {
                return;
            }
            Outcome outcome;
            try {
                outcome = guarded(response, answer);
            } catch (IOException e) {
                log.debug("{}: client gone while answering: {}", endpoint.path(), e.toString());
                outcome = Outcome.ABORTED;
            } catch (RuntimeException e) {
                // the exchange is over already (the client went away or the container timed it out)
                log.debug("{}: could not answer: {}", endpoint.path(), e.toString());
                outcome = Outcome.ABORTED;
            }
            metrics.request(endpoint, outcome, System.nanoTime() - startNanos);
            try {
                async.complete();
            } catch (IllegalStateException e) {
                log.debug("{}: exchange already complete: {}", endpoint.path(), e.toString());
            }
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            // only when the answer is far later than due: end it rather than leave the container's error page
            answer(() -> fail(response, ErrorCode.UNAVAILABLE, null, 0, null));
        }

        @Override
        public void onError(AsyncEvent event) {
            if (answered.compareAndSet(false, true)) {
                log.debug("{}: client gone while waiting: {}", endpoint.path(), String.valueOf(event.getThrowable()));
                metrics.request(endpoint, Outcome.ABORTED, System.nanoTime() - startNanos);
            }
        }

        @Override
        public void onComplete(AsyncEvent event) {
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
        }
    }

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
            record(answer(request, response, null, start), start);
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
            public boolean read(byte[] body) {
                return record(answerSafely(request, response, body, start), start);
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

    /** Records an answered request; returns false for one answered later (recorded then). */
    private boolean record(Outcome outcome, long start) {
        if (outcome == null) {
            return false;
        }
        metrics.request(endpoint, outcome, System.nanoTime() - start);
        return true;
    }

    /** {@link #answer} where no exception may escape: a container callback of the body reader. */
    private Outcome answerSafely(HttpServletRequest request, HttpServletResponse response, byte[] body, long start) {
        try {
            return answer(request, response, body, start);
        } catch (IOException e) {
            log.debug("{}: client gone while answering: {}", endpoint.path(), e.toString());
            return Outcome.ABORTED;
        }
    }

    private Outcome answer(HttpServletRequest request, HttpServletResponse response, byte[] body, long start)
            throws IOException {
        return guarded(response, () -> serve(authorize(request), request, response, body, start));
    }

    /** Runs {@code answer}, answering what it throws with the error envelope it stands for. */
    private Outcome guarded(HttpServletResponse response, Answer answer) throws IOException {
        try {
            return answer.write();
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
        // whether a read-your-writes wait was met describes the answer, whatever it is: it outlives the reset
        String reflected = response.getHeader(ReflectsHeader.REFLECTED);
        response.reset();
        if (reflected != null) {
            response.setHeader(ReflectsHeader.REFLECTED, reflected);
        }
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
