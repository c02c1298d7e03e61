package io.customerinfo.query.web;

import java.io.IOException;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

import io.customerinfo.query.metrics.Endpoint;

/**
 * Answers the errors that reach Spring Boot's error page ({@code /error}) with the envelope instead of Boot's JSON:
 * a {@code TRACE} (refused by Tomcat itself, 405) or any error of the dispatcher's own paths. Errors Tomcat raises
 * before any request mapping (malformed request lines, oversized headers) go to {@link EnvelopeErrorReportValve}.
 */
@Controller
public class EnvelopeErrorController implements ErrorController {

    @RequestMapping("${server.error.path:${error.path:/error}}")
    public void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object attribute = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = attribute instanceof Integer code ? code : HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
        if (status < 400) {
            status = HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
        }
        ErrorCode code = EnvelopeErrorReportValve.forContainerStatus(status);
        if (code == ErrorCode.METHOD_NOT_ALLOWED && isApiPath(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI))) {
            response.setHeader("Allow", QueryServlet.ALLOWED_METHODS);
        }
        response.setStatus(status);
        byte[] body = Envelope.error(code.errCode(), code.message());
        response.setContentType(Envelope.CONTENT_TYPE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static boolean isApiPath(Object uri) {
        for (Endpoint endpoint : Endpoint.values()) {
            if (endpoint.path().equals(uri)) {
                return true;
            }
        }
        return false;
    }
}
