package io.customerinfo.core.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The validator agrees with the JDK's strict decoder, whatever the mix of ASCII runs and multi-byte sequences. */
class Utf8Test {

    @Property(tries = 2000)
    void agreesWithTheJdkDecoder(@ForAll @Size(max = 64) List<@IntRange(min = 0, max = 9) Integer> pieces,
                                 @ForAll @Size(min = 1, max = 8) byte[] noise, @ForAll @IntRange(min = 0, max = 40) int asciiRun) {
        ByteBuffer buffer = ByteBuffer.allocate(64 * 50 + noise.length);
        for (int piece : pieces) {
            switch (piece) {
                case 0 -> buffer.put("x".repeat(asciiRun).getBytes(StandardCharsets.US_ASCII));
                case 1 -> buffer.put("中文".getBytes(StandardCharsets.UTF_8));
                case 2 -> buffer.put("é".getBytes(StandardCharsets.UTF_8));
                case 3 -> buffer.put("\uD83D\uDE00".getBytes(StandardCharsets.UTF_8));
                case 4 -> buffer.put(noise);
                case 5 -> buffer.put(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80});
                case 6 -> buffer.put(new byte[] {(byte) 0xC0, (byte) 0x80});
                case 7 -> buffer.put(new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80});
                case 8 -> buffer.put((byte) 0xE4);
                default -> buffer.put("{\"k\":\"v\"}".getBytes(StandardCharsets.US_ASCII));
            }
        }
        byte[] bytes = java.util.Arrays.copyOf(buffer.array(), buffer.position());

        assertThat(Utf8.isValid(bytes)).isEqualTo(jdkAccepts(bytes));
    }

    private static boolean jdkAccepts(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
