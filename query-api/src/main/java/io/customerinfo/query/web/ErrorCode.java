package io.customerinfo.query.web;

import io.customerinfo.query.metrics.Outcome;

/** The error rows of the contract: errCode, HTTP status, default message and metrics outcome. */
public enum ErrorCode {
    BAD_REQUEST(1001, 400, "参数错误", Outcome.BAD_REQUEST),
    NOT_FOUND(1004, 404, "客户不存在", Outcome.NOT_FOUND),
    UNAUTHORIZED(1401, 401, "未授权", Outcome.UNAUTHORIZED),
    METHOD_NOT_ALLOWED(1405, 405, "请求方法不支持", Outcome.BAD_REQUEST),
    BODY_TIMEOUT(1408, 408, "请求超时", Outcome.TIMEOUT),
    TOO_LARGE(1413, 413, "请求体过大", Outcome.TOO_LARGE),
    RATE_LIMITED(1429, 429, "请求过于频繁", Outcome.RATE_LIMITED),
    INTERNAL(1500, 500, "服务器内部错误", Outcome.ERROR),
    UNAVAILABLE(1503, 503, "服务暂不可用", Outcome.UNAVAILABLE);

    private final int errCode;
    private final int httpStatus;
    private final String message;
    private final Outcome outcome;

    ErrorCode(int errCode, int httpStatus, String message, Outcome outcome) {
        this.errCode = errCode;
        this.httpStatus = httpStatus;
        this.message = message;
        this.outcome = outcome;
    }

    public int errCode() {
        return errCode;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String message() {
        return message;
    }

    public Outcome outcome() {
        return outcome;
    }
}
