package io.customerinfo.projector.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.ClusterCommandArguments;
import redis.clients.jedis.ClusterPipeline;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.Response;
import redis.clients.jedis.args.Rawable;
import redis.clients.jedis.commands.ProtocolCommand;

/**
 * A Lua script called by its SHA-1 ({@code EVALSHA}). The digest is computed here, so no {@code SCRIPT LOAD} is
 * needed on any node: a node that does not know the script (new cluster node, Redis restarted) answers
 * {@code NOSCRIPT}, nothing was executed, and {@link ScriptCalls} sends the body once with {@code EVAL}, which
 * also caches it there.
 */
public final class LuaScript {

    private final String name;
    private final byte[] body;
    private final byte[] sha1;

    private LuaScript(String name, byte[] body) {
        this.name = name;
        this.body = body;
        this.sha1 = sha1Hex(body).getBytes(StandardCharsets.US_ASCII);
    }

    public static LuaScript fromClasspath(String name) {
        String resource = "/lua/" + name + ".lua";
        try (InputStream in = LuaScript.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Lua script " + resource + " is not on the classpath");
            }
            return new LuaScript(name, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Lua script " + resource, e);
        }
    }

    public String name() {
        return name;
    }

    Response<Object> evalsha(AbstractPipeline pipeline, List<byte[]> keys, List<byte[]> args) {
        return pipeline.sendCommand(arguments(pipeline, Protocol.Command.EVALSHA, sha1, keys, args));
    }

    Response<Object> eval(AbstractPipeline pipeline, List<byte[]> keys, List<byte[]> args) {
        return pipeline.sendCommand(arguments(pipeline, Protocol.Command.EVAL, body, keys, args));
    }

    /**
     * The command with its byte arrays passed as they are: Jedis's own {@code evalsha(byte[], ...)} copies every
     * argument (a commit carries the whole stored view), which was a tenth of the projector's allocation. The
     * arrays must not change until the pipeline is synced. On a cluster the arguments compute the keys' slot.
     */
    private static CommandArguments arguments(AbstractPipeline pipeline, ProtocolCommand command, byte[] script,
                                              List<byte[]> keys, List<byte[]> args) {
        CommandArguments arguments = pipeline instanceof ClusterPipeline ? new ClusterCommandArguments(command)
                : new CommandArguments(command);
        arguments.add(new Uncopied(script)).add(keys.size());
        for (byte[] key : keys) {
            arguments.key(new Uncopied(key));
        }
        for (byte[] arg : args) {
            arguments.add(new Uncopied(arg));
        }
        return arguments;
    }

    /** A byte-array argument that Jedis writes without copying it first. */
    private record Uncopied(byte[] bytes) implements Rawable {
        @Override
        public byte[] getRaw() {
            return bytes;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Uncopied that && Arrays.equals(bytes, that.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }
    }

    private static String sha1Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every JVM", e);
        }
    }
}
