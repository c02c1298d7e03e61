package io.customerinfo.query.web;

import java.io.IOException;
import java.io.Writer;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Answers the errors that Tomcat raises before any servlet runs (a malformed request line, a
 * request target or header over the size limit, ...) with the envelope instead of an HTML page.
 */
public class EnvelopeErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        ErrorCode code = forContainerStatus(status);
        try {
            response.setContentType(Envelope.CONTENT_TYPE);
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(new String(Envelope.error(code.errCode(), code.message()), java.nio.charset.StandardCharsets.UTF_8));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response is already committed: nothing more to say
        }
    }

    /** The envelope's error for a status the container (not the API's servlets) answered with. */
    static ErrorCode forContainerStatus(int status) {
        // 501 (a transfer coding Tomcat does not implement) and 505 (an HTTP version it does not speak) are
        // the client's mistakes, whatever their class: 1001, not 1500
        return status == 413 ? ErrorCode.TOO_LARGE
                : status == 501 || status == 505 ? ErrorCode.BAD_REQUEST
                : status >= 500 ? ErrorCode.INTERNAL
                : status == 404 ? ErrorCode.NOT_FOUND
                : status == 405 ? ErrorCode.METHOD_NOT_ALLOWED
                : ErrorCode.BAD_REQUEST;
    }
}
