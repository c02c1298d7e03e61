package io.customerinfo.query.web;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import io.customerinfo.query.auth.ApiKeyAuthenticator;
import io.customerinfo.query.auth.Caller;
import io.customerinfo.query.consistency.ReadYourWrites;
import io.customerinfo.query.metrics.Endpoint;
import io.customerinfo.query.metrics.Outcome;
import io.customerinfo.query.metrics.QueryMetrics;
import io.customerinfo.query.store.CustomerViews.Change;
import io.customerinfo.query.store.CustomerViews.Served;
import io.customerinfo.query.store.CustomerViews;
import io.customerinfo.readmodel.Cents;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET|POST /crm/customer/info}: one customer's document, or 304 when the caller's copy is current. With
 * {@code X-Reflects} ({@link ReflectsHeader}), the document once it reflects the changes named, waited for
 * without a request thread.
 */
public final class CustomerInfoServlet extends QueryServlet {

    /** How much longer than its wait the container lets a waiting exchange live before it ends it itself. */
    private static final long CONTAINER_MARGIN_MILLIS = 5_000;

    private final transient CustomerViews views;
    private final transient ReadYourWrites readYourWrites;

    public CustomerInfoServlet(CustomerViews views, ReadYourWrites readYourWrites, ApiKeyAuthenticator authenticator,
            QueryMetrics metrics, BodyLimits bodyLimits, boolean alwaysHttp200) {
        super(Endpoint.INFO, authenticator, metrics, bodyLimits, alwaysHttp200);
        this.views = views;
        this.readYourWrites = readYourWrites;
    }

    @Override
    Outcome serve(Caller caller, HttpServletRequest request, HttpServletResponse response, byte[] body,
            long startNanos) throws IOException {
        String cid = CustomerIds.single(ParameterReader.values(request, body, "cid"));
        String reflects = request.getHeader(ReflectsHeader.REFLECTS);
        if (reflects != null) {
            return serveReflecting(caller, request, response, cid, reflects, startNanos);
        }
        return write(caller, request, response, views.find(cid));
    }

    private Outcome serveReflecting(Caller caller, HttpServletRequest request, HttpServletResponse response,
            String cid, String reflects, long startNanos) throws IOException {
        List<Change> changes = ReflectsHeader.parse(reflects, cid);
        Duration wait = ReflectsHeader.waitOf(request.getHeader(ReflectsHeader.WAIT), readYourWrites.maxWait());
        CompletableFuture<ReadYourWrites.Answer> answer = readYourWrites.await(cid, changes, wait);
        if (answer.isDone()) {
            return write(caller, request, response, join(answer));
        }
        Later later = later(request, response, startNanos, wait.toMillis() + CONTAINER_MARGIN_MILLIS);
        answer.whenComplete((a, failure) -> later.answer(() -> {
            if (failure != null) {
                throw unwrap(failure);
            }
            return write(caller, request, response, a);
        }));
        return null;
    }

    private Outcome write(Caller caller, HttpServletRequest request, HttpServletResponse response,
            ReadYourWrites.Answer answer) throws IOException {
        response.setHeader(ReflectsHeader.REFLECTED, Boolean.toString(answer.reflects()));
        return write(caller, request, response, answer.served());
    }

    private Outcome write(Caller caller, HttpServletRequest request, HttpServletResponse response, Served served)
            throws IOException {
        if (served == null) {
            throw new RequestRejected(ErrorCode.NOT_FOUND, null);
        }
        if (!caller.maySee(served.view().orgId())) {
            deniedByOrg();
            throw new RequestRejected(ErrorCode.NOT_FOUND, null);
        }
        String etag = EntityTags.of(served.generation(), served.view().rev(), served.month());
        response.setHeader("ETag", etag);
        response.setHeader("X-Cache-At", Long.toString(served.view().cacheAt()));
        if (EntityTags.matches(request.getHeader("If-None-Match"), etag)) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return Outcome.NOT_MODIFIED;
        }
        byte[] amount = Cents.ascii(served.view().purchaseCents(served.month()));
        int length = Envelope.SUCCESS_PREFIX.length + served.view().documentLength(amount)
                + Envelope.SUCCESS_SUFFIX.length;
        ServletOutputStream out = writeJson(response, length);
        out.write(Envelope.SUCCESS_PREFIX);
        served.view().writeDocument(out, amount);
        out.write(Envelope.SUCCESS_SUFFIX);
        return Outcome.OK;
    }

    private static ReadYourWrites.Answer join(CompletableFuture<ReadYourWrites.Answer> answer) {
        try {
            return answer.join();
        } catch (CompletionException e) {
            throw unwrap(e);
        }
    }

    private static RuntimeException unwrap(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
    }
}
