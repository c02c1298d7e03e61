package io.customerinfo.projector.store;

import java.util.ArrayList;
import java.util.List;

import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Runs many script calls in one pipelined round trip (on a cluster: one per node touched). Calls that met
 * {@code NOSCRIPT} did not run and are resent with their body in a second round trip; any other error reply is a
 * bug in a script or its arguments and is thrown with the script name.
 */
public final class ScriptCalls {

    public record Call(LuaScript script, List<byte[]> keys, List<byte[]> args) {}

    private ScriptCalls() {}

    public static List<Object> run(UnifiedJedis redis, List<Call> calls) {
        List<Object> results = new ArrayList<>(calls.size());
        if (calls.isEmpty()) {
            return results;
        }
        List<Response<Object>> responses = new ArrayList<>(calls.size());
        try (AbstractPipeline pipeline = redis.pipelined()) {
            for (Call call : calls) {
                responses.add(call.script().evalsha(pipeline, call.keys(), call.args()));
            }
            pipeline.sync();
        }
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            try {
                results.add(responses.get(i).get());
            } catch (JedisDataException e) {
                if (e.getMessage() != null && e.getMessage().startsWith("NOSCRIPT")) {
                    missing.add(i);
                    results.add(null);
                } else {
                    throw new IllegalStateException("script " + calls.get(i).script().name() + " failed: "
                            + e.getMessage(), e);
                }
            }
        }
        if (!missing.isEmpty()) {
            List<Response<Object>> retried = new ArrayList<>(missing.size());
            try (AbstractPipeline pipeline = redis.pipelined()) {
                for (int i : missing) {
                    Call call = calls.get(i);
                    retried.add(call.script().eval(pipeline, call.keys(), call.args()));
                }
                pipeline.sync();
            }
            for (int j = 0; j < missing.size(); j++) {
                results.set(missing.get(j), retried.get(j).get());
            }
        }
        return results;
    }
}
