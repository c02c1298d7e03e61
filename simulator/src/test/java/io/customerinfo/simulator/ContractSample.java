package io.customerinfo.simulator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The contract's sample events (the copy in the schemas module), read with {@link JsonlFile}. */
final class ContractSample {

    static final Path FILE = Path.of("../schemas/src/main/resources/schemas/examples/sample-events-62640.jsonl");

    private ContractSample() {
    }

    static List<SimRecord> records() {
        if (!Files.exists(FILE)) {
            throw new IllegalStateException("contract sample not found at " + FILE.toAbsolutePath());
        }
        return JsonlFile.read(FILE);
    }
}
