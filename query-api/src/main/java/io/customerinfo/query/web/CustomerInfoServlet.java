package io.customerinfo.query.web;

import java.io.IOException;

import io.customerinfo.query.auth.ApiKeyAuthenticator;
import io.customerinfo.query.auth.Caller;
import io.customerinfo.query.metrics.Endpoint;
import io.customerinfo.query.metrics.Outcome;
import io.customerinfo.query.metrics.QueryMetrics;
import io.customerinfo.query.store.CustomerViews.Served;
import io.customerinfo.query.store.CustomerViews;
import io.customerinfo.readmodel.Cents;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** {@code GET|POST /crm/customer/info}: one customer's document, or 304 when the caller's copy is current. */
public final class CustomerInfoServlet extends QueryServlet {

    private final transient CustomerViews views;

    public CustomerInfoServlet(CustomerViews views, ApiKeyAuthenticator authenticator, QueryMetrics metrics,
            BodyLimits bodyLimits, boolean alwaysHttp200) {
        super(Endpoint.INFO, authenticator, metrics, bodyLimits, alwaysHttp200);
        this.views = views;
    }

    @Override
    Outcome serve(Caller caller, HttpServletRequest request, HttpServletResponse response, byte[] body)
            throws IOException {
        String cid = CustomerIds.single(ParameterReader.values(request, body, "cid"));
        Served served = views.find(cid);
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
}
