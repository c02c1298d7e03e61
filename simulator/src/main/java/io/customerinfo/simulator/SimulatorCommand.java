package io.customerinfo.simulator;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * The {@code simulate} command line: its options, parsed (by picocli) and checked into a {@link SimulatorOptions},
 * which {@link SimulatorRun} carries out. Exit codes: 0 done, 1 failed (some records not acknowledged, I/O),
 * 2 bad command line.
 */
@Command(name = "simulate", sortOptions = false, usageHelpWidth = 100,
        description = "Generates a CRM change stream (seeded, deterministic) and publishes it to Kafka and/or writes"
                + " it to a JSONL file; or publishes a JSONL file (--in).",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:done", "1:failed (some records not acknowledged, I/O)", "2:bad command line"})
public final class SimulatorCommand implements Callable<Integer> {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    /** The options that shape the generated stream: they do not apply to {@code --in}. */
    private static final List<String> GENERATOR_OPTIONS = List.of("--seed", "--customers", "--events",
            "--orders-per-customer", "--duplicates", "--reorder", "--reorder-window", "--poison", "--poison-kinds",
            "--tombstones", "--deletes", "--moves", "--start", "--span-days");

    @Spec
    private CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
    private boolean help;

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT",
            description = "Kafka to publish to (default: $KAFKA_BOOTSTRAP_SERVERS; none = no publish)")
    private String bootstrap;

    @Option(names = "--out", paramLabel = "FILE", description = "write the generated stream to FILE (JSON Lines)")
    private Path out;

    @Option(names = "--in", paramLabel = "FILE", description = "publish FILE instead of generating (needs --bootstrap)")
    private Path in;

    @Option(names = "--rate", paramLabel = "N", defaultValue = "0",
            description = "records per second; 0 = as fast as possible (default ${DEFAULT-VALUE})")
    private double rate;

    @Option(names = "--create-topics", paramLabel = "P", defaultValue = "0", converter = WholeNumber.class,
            description = "create missing topics (compacted, P partitions) before publishing")
    private long createTopics;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", converter = WholeNumber.class,
            description = "random seed (default ${DEFAULT-VALUE})")
    private long seed;

    @Option(names = "--customers", paramLabel = "N", defaultValue = "100", converter = WholeNumber.class,
            description = "number of customers (default ${DEFAULT-VALUE})")
    private long customers;

    @Option(names = "--events", paramLabel = "N", defaultValue = "10000", converter = WholeNumber.class,
            description = "change events, duplicates/tombstones/poison not counted (default ${DEFAULT-VALUE})")
    private long events;

    @Option(names = "--orders-per-customer", paramLabel = "K", defaultValue = "0", converter = WholeNumber.class,
            description = "history mode: each customer with contact, address, invoice and K orders")
    private long ordersPerCustomer;

    @Option(names = "--duplicates", paramLabel = "R", defaultValue = "0",
            description = "share of events emitted twice, 0..1 (default ${DEFAULT-VALUE})")
    private double duplicates;

    @Option(names = "--reorder", paramLabel = "R", defaultValue = "0",
            description = "share of records swapped with a later one, 0..1 (default ${DEFAULT-VALUE})")
    private double reorder;

    @Option(names = "--reorder-window", paramLabel = "N", defaultValue = "20", converter = WholeNumber.class,
            description = "how far a record may move (default ${DEFAULT-VALUE})")
    private long reorderWindow;

    @Option(names = "--poison", paramLabel = "R", defaultValue = "0",
            description = "poison records per event, 0..1 (default ${DEFAULT-VALUE})")
    private double poison;

    @Option(names = "--poison-kinds", paramLabel = "KIND", split = ",", converter = PoisonKindName.class,
            description = "subset of ${COMPLETION-CANDIDATES} (default all)")
    private List<PoisonKind> poisonKinds;

    @Option(names = "--tombstones", paramLabel = "R", defaultValue = "0.5",
            description = "share of deletes followed by a tombstone, 0..1 (default ${DEFAULT-VALUE})")
    private double tombstones;

    @Option(names = "--deletes", paramLabel = "R", defaultValue = "0.05",
            description = "share of changes that delete, 0..1 (default ${DEFAULT-VALUE})")
    private double deletes;

    @Option(names = "--moves", paramLabel = "R", defaultValue = "0.03",
            description = "share of child changes that move it to another customer (default ${DEFAULT-VALUE})")
    private double moves;

    @Option(names = "--start", paramLabel = "WHEN", description = "source clock at the first event: 2025-06-01,"
            + " an ISO instant, or now (default 2025-06-01T00:00+08:00)")
    private String start;

    @Option(names = "--span-days", paramLabel = "N", defaultValue = "180", converter = WholeNumber.class,
            description = "the events spread over N days (default ${DEFAULT-VALUE})")
    private long spanDays;

    @Option(names = "--topic-prefix", paramLabel = "P", defaultValue = "crm.",
            description = "topics P+customer, P+contact, ... (default ${DEFAULT-VALUE})")
    private String topicPrefix;

    @Option(names = "--topic-customer", paramLabel = "T", description = "the customer topic (default P+customer)")
    private String topicCustomer;

    @Option(names = "--topic-contact", paramLabel = "T", description = "the contact topic (default P+contact)")
    private String topicContact;

    @Option(names = "--topic-address", paramLabel = "T", description = "the address topic (default P+address)")
    private String topicAddress;

    @Option(names = "--topic-invoice", paramLabel = "T", description = "the invoice topic (default P+invoice)")
    private String topicInvoice;

    @Option(names = "--topic-order", paramLabel = "T", description = "the order topic (default P+order)")
    private String topicOrder;

    private final Map<String, String> env;
    private final PrintStream stdout;

    private SimulatorCommand(Map<String, String> env, PrintStream stdout) {
        this.env = env;
        this.stdout = stdout;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        return commandLine(env, out, err).execute(args);
    }

    /** The command line, ready to execute (or to add as a subcommand: {@code ./stack simulate}). */
    public static CommandLine commandLine(Map<String, String> env, PrintStream out, PrintStream err) {
        return new CommandLine(new SimulatorCommand(env, out))
                .setOut(new PrintWriter(out, true, StandardCharsets.UTF_8))
                .setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
    }

    /** Parses {@code args} without running anything; a {@link ParameterException} says what is wrong. */
    static SimulatorOptions parse(String[] args, Map<String, String> env) {
        SimulatorCommand command = new SimulatorCommand(env, System.out);
        new CommandLine(command).parseArgs(args);
        return command.options();
    }

    @Override
    public Integer call() {
        SimulatorOptions options = options();
        try {
            return SimulatorRun.run(options, stdout);
        } catch (UncheckedIOException | IllegalArgumentException e) {
            spec.commandLine().getErr().println("simulate: " + e.getMessage());
            return FAILED;
        }
    }

    /** The parsed options, checked together. */
    SimulatorOptions options() {
        ParseResult given = spec.commandLine().getParseResult();
        if (in != null) {
            GENERATOR_OPTIONS.stream().filter(given::hasMatchedOption).findFirst().ifPresent(name -> {
                throw usage("--in publishes the file as it is; " + name + " does not apply");
            });
        }
        SimulationConfig.Builder config = SimulationConfig.builder()
                .seed(seed)
                .customers(within("--customers", customers, 1, Integer.MAX_VALUE))
                .events(within("--events", events, 0, Integer.MAX_VALUE))
                .ordersPerCustomer(within("--orders-per-customer", ordersPerCustomer, 0, Integer.MAX_VALUE))
                .duplicateRate(share("--duplicates", duplicates))
                .reorderRate(share("--reorder", reorder))
                .reorderWindow(within("--reorder-window", reorderWindow, 1, 1_000_000))
                .poisonRate(share("--poison", poison))
                .poisonKinds(poisonKinds == null ? EnumSet.allOf(PoisonKind.class) : EnumSet.copyOf(poisonKinds))
                .tombstoneRate(share("--tombstones", tombstones))
                .deleteRate(share("--deletes", deletes))
                .moveRate(share("--moves", moves))
                .start(start())
                .span(Duration.ofDays(within("--span-days", spanDays, 1, 36_500)))
                .topics(topics());
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw usage("--rate must be a number, not negative: " + rate);
        }
        int partitions = within("--create-topics", createTopics, 0, 10_000);
        String kafka = given.hasMatchedOption("--bootstrap") ? bootstrap : env.get("KAFKA_BOOTSTRAP_SERVERS");
        if (kafka != null && kafka.isBlank()) {
            kafka = null;
        }
        if (in != null && out != null) {
            throw usage("--in publishes a file; it cannot be combined with --out");
        }
        if (in != null && kafka == null) {
            throw usage("--in needs --bootstrap (or KAFKA_BOOTSTRAP_SERVERS)");
        }
        if (out == null && kafka == null) {
            throw usage("nothing to do: give --bootstrap (or KAFKA_BOOTSTRAP_SERVERS) and/or --out");
        }
        try {
            return new SimulatorOptions(config.build(), kafka, rate, out, in, partitions);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private Topics topics() {
        Topics base = Topics.withPrefix(topicPrefix);
        return new Topics(orElse(topicCustomer, base.customer()), orElse(topicContact, base.contact()),
                orElse(topicAddress, base.address()), orElse(topicInvoice, base.invoice()),
                orElse(topicOrder, base.order()));
    }

    private Instant start() {
        if (start == null) {
            return SimulationConfig.DEFAULT_START;
        }
        if (start.equals("now")) {
            return Instant.now();
        }
        try {
            return start.length() == 10 ? LocalDate.parse(start).atStartOfDay(CrmRows.ZONE).toInstant()
                    : Instant.parse(start);
        } catch (DateTimeParseException e) {
            throw usage("--start: expected yyyy-MM-dd, an ISO instant or 'now': " + start);
        }
    }

    private int within(String option, long value, long min, long max) {
        if (value < min || value > max) {
            throw usage(option + " must be between " + min + " and " + max + ": " + value);
        }
        return (int) value;
    }

    private double share(String option, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw usage(option + " must be between 0 and 1: " + value);
        }
        return value;
    }

    private static String orElse(String value, String fallback) {
        return value == null ? fallback : value;
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** A whole number, {@code _} allowed between digits ({@code 1_000_000}). */
    static final class WholeNumber implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return Long.parseLong(value.replace("_", ""));
            } catch (NumberFormatException e) {
                throw new TypeConversionException("must be a whole number: " + value);
            }
        }
    }

    /** A poison kind by name, in any case. */
    static final class PoisonKindName implements ITypeConverter<PoisonKind> {
        @Override
        public PoisonKind convert(String name) {
            try {
                return PoisonKind.valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("unknown kind '" + name.trim() + "'; kinds are "
                        + EnumSet.allOf(PoisonKind.class));
            }
        }
    }
}
