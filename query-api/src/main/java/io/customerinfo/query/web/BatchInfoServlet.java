package io.customerinfo.query.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.customerinfo.query.auth.ApiKeyAuthenticator;
import io.customerinfo.query.auth.Caller;
import io.customerinfo.query.metrics.Endpoint;
import io.customerinfo.query.metrics.Outcome;
import io.customerinfo.query.metrics.QueryMetrics;
import io.customerinfo.query.store.CustomerViews.Batch;
import io.customerinfo.query.store.CustomerViews;
import io.customerinfo.readmodel.Cents;
import io.customerinfo.readmodel.StoredView;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code POST|GET /crm/customer/batch_info}: {@code data} maps each distinct requested cid, in request
 * order, to its document or null (missing, or of an org the caller may not see).
 */
public final class BatchInfoServlet extends QueryServlet {

    private static final int WRITE_BUFFER_BYTES = 64 * 1024;
    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);

    private final transient CustomerViews views;
    private final int maxBatchSize;

    public BatchInfoServlet(CustomerViews views, ApiKeyAuthenticator authenticator, QueryMetrics metrics,
            BodyLimits bodyLimits, int maxBatchSize, boolean alwaysHttp200) {
        super(Endpoint.BATCH_INFO, authenticator, metrics, bodyLimits, alwaysHttp200);
        this.views = views;
        this.maxBatchSize = maxBatchSize;
    }

    @Override
    Outcome serve(Caller caller, HttpServletRequest request, HttpServletResponse response, byte[] body,
            long startNanos) throws IOException {
        List<String> cids = CustomerIds.list(ParameterReader.values(request, body, "cids"), maxBatchSize);
        Batch batch = views.findAll(cids);
        int n = cids.size();
        byte[][] names = new byte[n][];
        byte[][] amounts = new byte[n][];
        StoredView[] visible = new StoredView[n];
        int length = Envelope.SUCCESS_PREFIX.length + 2 + Envelope.SUCCESS_SUFFIX.length + Math.max(0, n - 1);
        for (int i = 0; i < n; i++) {
            names[i] = ("\"" + cids.get(i) + "\":").getBytes(StandardCharsets.US_ASCII);
            StoredView view = batch.views().get(i);
            if (view != null && !caller.maySee(view.orgId())) {
                deniedByOrg();
                view = null;
            }
            visible[i] = view;
            if (view != null) {
                amounts[i] = Cents.ascii(view.purchaseCents(batch.month()));
                length += names[i].length + view.documentLength(amounts[i]);
            } else {
                length += names[i].length + NULL.length;
            }
        }
        // a batch runs to hundreds of KB: Tomcat's default 8 KB buffer would flush it to the socket in as many
        // writes; Tomcat keeps a buffer up to 128 KB for the next request, so this costs no allocation per request
        response.setBufferSize(Math.min(length, WRITE_BUFFER_BYTES));
        ServletOutputStream out = writeJson(response, length);
        out.write(Envelope.SUCCESS_PREFIX);
        out.write('{');
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(names[i]);
            if (visible[i] != null) {
                visible[i].writeDocument(out, amounts[i]);
            } else {
                out.write(NULL);
            }
        }
        out.write('}');
        out.write(Envelope.SUCCESS_SUFFIX);
        return Outcome.OK;
    }
}
