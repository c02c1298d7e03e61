package io.customerinfo.core.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import io.customerinfo.core.decode.DecodeResult;
import io.customerinfo.core.decode.EventDecoder;

/** Decoding the contract's sample records round-robin (1 customer row of 4 KB, 3 child rows, 3 orders). */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DecoderBenchmark {

    private final EventDecoder decoder = new EventDecoder();
    private final List<String> topics = new ArrayList<>();
    private final List<byte[]> keys = new ArrayList<>();
    private final List<byte[]> values = new ArrayList<>();
    private int next;

    @Setup
    public void setUp() {
        String text;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("schemas/examples/sample-events-62640.jsonl")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                int t = line.indexOf("\"topic\":\"") + 9;
                int k = line.indexOf("\"key\":\"") + 7;
                topics.add(line.substring(t, line.indexOf('"', t)));
                keys.add(line.substring(k, line.indexOf('"', k)).getBytes(StandardCharsets.UTF_8));
                values.add(line.substring(line.indexOf("\"value\":") + 8, line.length() - 1).getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    @Benchmark
    public DecodeResult decode() {
        int i = next;
        next = (i + 1) % values.size();
        return decoder.decode(topics.get(i), keys.get(i), values.get(i));
    }
}
