package io.customerinfo.simulator;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The command line of the {@code simulate} command, parsed and checked. */
public record SimulatorOptions(SimulationConfig config, String bootstrap, double rate, Path out, Path in,
                               int createTopicsPartitions, boolean help) {

    public static final String USAGE = """
            usage: simulate [options]
              Generates a CRM change stream (seeded, deterministic) and publishes it to Kafka and/or writes it to
              a JSONL file; or publishes a JSONL file (--in).

              --bootstrap HOST:PORT     Kafka to publish to (default: $KAFKA_BOOTSTRAP_SERVERS; none = no publish)
              --out FILE                write the generated stream to FILE (JSON Lines)
              --in FILE                 publish FILE instead of generating (needs --bootstrap)
              --rate N                  records per second; 0 = as fast as possible (default 0)
              --create-topics P         create missing topics (compacted, P partitions) before publishing
              --seed N                  random seed (default 1)
              --customers N             number of customers (default 100)
              --events N                change events, duplicates/tombstones/poison not counted (default 10000)
              --orders-per-customer K   history mode: each customer with contact, address, invoice and K orders
              --duplicates R            share of events emitted twice, 0..1 (default 0)
              --reorder R               share of records swapped with a later one, 0..1 (default 0)
              --reorder-window N        how far a record may move (default 20)
              --poison R                poison records per event, 0..1 (default 0)
              --poison-kinds K,K        subset of %s
              --tombstones R            share of deletes followed by a tombstone, 0..1 (default 0.5)
              --deletes R               share of changes that delete, 0..1 (default 0.05)
              --moves R                 share of child changes that move it to another customer (default 0.03)
              --start WHEN              source clock at the first event: 2025-06-01, an ISO instant, or now
                                        (default 2025-06-01T00:00+08:00)
              --span-days N             the events spread over N days (default 180)
              --topic-prefix P          topics P+customer, P+contact, ... (default crm.)
              --topic-customer T, --topic-contact T, --topic-address T, --topic-invoice T, --topic-order T
              --help
            """.formatted(EnumSet.allOf(PoisonKind.class));

    /** A command line that cannot be run; the message says why. */
    public static final class UsageException extends RuntimeException {
        public UsageException(String message) {
            super(message);
        }
    }

    public static SimulatorOptions parse(String[] args, Map<String, String> env) {
        Map<String, String> given = new LinkedHashMap<>();
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                help = true;
                continue;
            }
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new UsageException("unexpected argument '" + arg + "'");
            }
            String name;
            String value;
            int eq = arg.indexOf('=');
            if (eq > 0) {
                name = arg.substring(2, eq);
                value = arg.substring(eq + 1);
            } else {
                name = arg.substring(2);
                if (i + 1 >= args.length) {
                    throw new UsageException("--" + name + " needs a value");
                }
                value = args[++i];
            }
            if (given.put(name, value) != null) {
                throw new UsageException("--" + name + " given twice");
            }
        }
        if (help) {
            return new SimulatorOptions(SimulationConfig.builder().build(), null, 0, null, null, 0, true);
        }
        return new Parser(given, env).options();
    }

    private static final Set<String> GENERATOR_OPTIONS = Set.of("seed", "customers", "events", "orders-per-customer",
            "duplicates", "reorder", "reorder-window", "poison", "poison-kinds", "tombstones", "deletes", "moves",
            "start", "span-days");

    private static final class Parser {
        private final Map<String, String> given;
        private final Map<String, String> env;

        Parser(Map<String, String> given, Map<String, String> env) {
            this.given = given;
            this.env = env;
        }

        SimulatorOptions options() {
            if (given.containsKey("in")) {
                given.keySet().stream().filter(GENERATOR_OPTIONS::contains).findFirst().ifPresent(name -> {
                    throw new UsageException("--in publishes the file as it is; --" + name + " does not apply");
                });
            }
            SimulationConfig.Builder b = SimulationConfig.builder();
            b.seed(longOf("seed", 1, Long.MIN_VALUE, Long.MAX_VALUE));
            b.customers((int) longOf("customers", 100, 1, Integer.MAX_VALUE));
            b.events((int) longOf("events", 10_000, 0, Integer.MAX_VALUE));
            b.ordersPerCustomer((int) longOf("orders-per-customer", 0, 0, Integer.MAX_VALUE));
            b.duplicateRate(rate("duplicates", 0));
            b.reorderRate(rate("reorder", 0));
            b.reorderWindow((int) longOf("reorder-window", 20, 1, 1_000_000));
            b.poisonRate(rate("poison", 0));
            b.poisonKinds(poisonKinds());
            b.tombstoneRate(rate("tombstones", 0.5));
            b.deleteRate(rate("deletes", 0.05));
            b.moveRate(rate("moves", 0.03));
            b.start(start());
            b.span(Duration.ofDays(longOf("span-days", 180, 1, 36_500)));
            b.topics(topics());
            double rate = doubleOf("rate", 0);
            if (rate < 0) {
                throw new UsageException("--rate must not be negative: " + rate);
            }
            int partitions = (int) longOf("create-topics", 0, 0, 10_000);
            String bootstrap = given.containsKey("bootstrap") ? given.remove("bootstrap") : env.get("KAFKA_BOOTSTRAP_SERVERS");
            Path out = path("out");
            Path in = path("in");
            if (!given.isEmpty()) {
                throw new UsageException("unknown option --" + given.keySet().iterator().next());
            }
            if (in != null && out != null) {
                throw new UsageException("--in publishes a file; it cannot be combined with --out");
            }
            if (bootstrap != null && bootstrap.isBlank()) {
                bootstrap = null;
            }
            if (in != null && bootstrap == null) {
                throw new UsageException("--in needs --bootstrap (or KAFKA_BOOTSTRAP_SERVERS)");
            }
            if (out == null && bootstrap == null) {
                throw new UsageException("nothing to do: give --bootstrap (or KAFKA_BOOTSTRAP_SERVERS) and/or --out");
            }
            try {
                return new SimulatorOptions(b.build(), bootstrap, rate, out, in, partitions, false);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }

        private Topics topics() {
            Topics base = Topics.withPrefix(given.containsKey("topic-prefix") ? given.remove("topic-prefix") : "crm.");
            return new Topics(orElse("topic-customer", base.customer()), orElse("topic-contact", base.contact()),
                    orElse("topic-address", base.address()), orElse("topic-invoice", base.invoice()),
                    orElse("topic-order", base.order()));
        }

        private Set<PoisonKind> poisonKinds() {
            String list = given.remove("poison-kinds");
            if (list == null) {
                return EnumSet.allOf(PoisonKind.class);
            }
            Set<PoisonKind> kinds = EnumSet.noneOf(PoisonKind.class);
            for (String name : list.split(",")) {
                try {
                    kinds.add(PoisonKind.valueOf(name.trim().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new UsageException("--poison-kinds: unknown kind '" + name.trim() + "'; kinds are "
                            + EnumSet.allOf(PoisonKind.class));
                }
            }
            return kinds;
        }

        private Instant start() {
            String value = given.remove("start");
            if (value == null) {
                return SimulationConfig.DEFAULT_START;
            }
            if (value.equals("now")) {
                return Instant.now();
            }
            try {
                return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(CrmRows.ZONE).toInstant()
                        : Instant.parse(value);
            } catch (DateTimeParseException e) {
                throw new UsageException("--start: expected yyyy-MM-dd, an ISO instant or 'now': " + value);
            }
        }

        private String orElse(String name, String fallback) {
            String value = given.remove(name);
            return value == null ? fallback : value;
        }

        private Path path(String name) {
            String value = given.remove(name);
            return value == null ? null : Path.of(value);
        }

        private double rate(String name, double fallback) {
            double value = doubleOf(name, fallback);
            if (value < 0 || value > 1) {
                throw new UsageException("--" + name + " must be between 0 and 1: " + value);
            }
            return value;
        }

        private double doubleOf(String name, double fallback) {
            String value = given.remove(name);
            if (value == null) {
                return fallback;
            }
            try {
                double d = Double.parseDouble(value);
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    throw new NumberFormatException();
                }
                return d;
            } catch (NumberFormatException e) {
                throw new UsageException("--" + name + " must be a number: " + value);
            }
        }

        private long longOf(String name, long fallback, long min, long max) {
            String value = given.remove(name);
            if (value == null) {
                return fallback;
            }
            long n;
            try {
                n = Long.parseLong(value.replace("_", ""));
            } catch (NumberFormatException e) {
                throw new UsageException("--" + name + " must be a whole number: " + value);
            }
            if (n < min || n > max) {
                throw new UsageException("--" + name + " must be between " + min + " and " + max + ": " + n);
            }
            return n;
        }
    }
}
