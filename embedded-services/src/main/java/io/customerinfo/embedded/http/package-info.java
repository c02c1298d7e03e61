/**
 * Clients for the tests, the fault suite and the benchmarks: {@link io.customerinfo.embedded.http.RawHttp} (HTTP/1.1
 * byte for byte over a plain socket, for requests no well-behaved client sends) and
 * {@link io.customerinfo.embedded.http.Wrk} (load with {@code wrk}, its report read into numbers).
 */
package io.customerinfo.embedded.http;
