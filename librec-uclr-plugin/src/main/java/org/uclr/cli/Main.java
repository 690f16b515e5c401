package org.uclr.cli;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.uclr.UclrException;
import org.uclr.bench.BenchConfig;
import org.uclr.bench.BenchRunner;
import org.uclr.config.KeyCatalog;
import org.uclr.config.KeyTable;
import org.uclr.config.PropertiesSource;
import org.uclr.job.RecJob;
import org.uclr.leaderboard.LeaderboardConfig;
import org.uclr.leaderboard.LeaderboardRunner;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code librec rec|leaderboard|bench -conf FILE [-D key=value ...]}: the command line. Errors the user can fix are one
 * line on stderr and exit code 2; anything else is a bug, logged with its stack trace, exit code 1.
 */
public final class Main {
    private static final Logger LOG = LogManager.getLogger(Main.class);

    static final String USAGE = String.join("\n",
            "usage: librec rec -conf FILE [-exec] [-D key=value ...]",
            "       librec keys",
            "       librec leaderboard -conf FILE [-D key=value ...]",
            "       librec bench -conf FILE [-D key=value ...]",
            "",
            "  rec             train and evaluate one model (one job)",
            "  leaderboard     run every model of a leaderboard file over its seeds (reusing finished runs)",
            "                  and write reports/<dataset>/leaderboard.{md,csv,html}",
            "  bench           time every model of a benchmark file (epochs, steps, validation, evaluation, peak memory)",
            "                  against LibRec's BPR and the PyTorch peer in the same run; write reports/bench/bench.{md,json}",
            "  -conf FILE      job or leaderboard configuration (.properties); looked up as given, then under conf/",
            "  -D key=value    override one key (repeatable)",
            "  -exec           accepted for LibRec compatibility (jobs always execute)",
            "  keys            print every configuration key (default, valid values, description) as Markdown");

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.err));
    }

    /** Runs a command; returns the process exit code. */
    public static int run(String[] args, PrintStream err) {
        if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help") || args[0].equals("help")) {
            err.println(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        try {
            switch (args[0]) {
                case "rec" -> new RecJob(parse(args)).run();
                case "keys" -> {
                    KeyCatalog catalog = KeyCatalog.discover();
                    System.out.print(KeyTable.markdown(catalog));
                    System.out.println();
                    System.out.println("Rules between keys, checked together before anything is loaded:");
                    System.out.println();
                    System.out.print(KeyTable.constraints(catalog));
                }
                case "leaderboard" -> {
                    Arguments a = arguments(args);
                    new LeaderboardRunner(LeaderboardConfig.read(a.conf(), a.overrides())).run().requireNoFailures();
                }
                case "bench" -> {
                    Arguments a = arguments(args);
                    new BenchRunner(BenchConfig.read(a.conf(), a.overrides())).run();
                }
                default -> throw new UclrException("unknown command '" + args[0] + "'\n" + USAGE);
            }
            return 0;
        } catch (UclrException e) {
            err.println("error: " + e.getMessage());
            LOG.debug("error details", e);
            return 2;
        } catch (RuntimeException | Error e) {
            LOG.error("unexpected failure", e);
            err.println("internal error: " + e + " (see the log above)");
            return 1;
        }
    }

    /** A command's {@code -conf} file and {@code -D} overrides. */
    record Arguments(Path conf, List<String> overrides) {
    }

    /** A job's properties: the -conf file with the -D overrides applied. */
    static PropertiesSource parse(String[] args) {
        Arguments a = arguments(args);
        PropertiesSource source = PropertiesSource.read(a.conf());
        a.overrides().forEach(source::putOverride);
        return source;
    }

    /** Parses {@code -conf FILE}, {@code -D k=v} (or {@code -Dk=v}) and {@code -exec}. */
    static Arguments arguments(String[] args) {
        Path conf = null;
        List<String> overrides = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "-conf", "--conf" -> conf = confFile(value(args, ++i, a));
                case "-D", "-jobconf" -> overrides.add(value(args, ++i, a));
                case "-exec", "-build" -> {
                    // LibRec's action flags: a job always builds and executes
                }
                default -> {
                    if (a.startsWith("-D") && a.length() > 2) {
                        overrides.add(a.substring(2));
                    } else {
                        throw new UclrException("unexpected argument '" + a + "'\n" + USAGE);
                    }
                }
            }
        }
        if (conf == null) {
            throw new UclrException("missing -conf FILE\n" + USAGE);
        }
        return new Arguments(conf, overrides);
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new UclrException(flag + " needs a value\n" + USAGE);
        }
        return args[i];
    }

    /** The file as given, else under conf/ of the working directory or of uclr.home. */
    static Path confFile(String name) {
        Path given = Path.of(name);
        if (Files.exists(given)) {
            return given;
        }
        Set<Path> tried = new LinkedHashSet<>(List.of(given, Path.of("conf").resolve(name)));
        String home = System.getProperty("uclr.home");
        if (home != null) {
            tried.add(Path.of(home, "conf").resolve(name));
        }
        for (Path p : tried) {
            if (Files.exists(p)) {
                return p;
            }
        }
        // absolute and normalized: conf/x and <uclr.home>/conf/x are one place when run from uclr.home
        throw new UclrException("configuration file not found: " + name + " (looked in: " + String.join(", ",
                tried.stream().map(p -> p.toAbsolutePath().normalize().toString()).distinct().toList()) + ")");
    }
}
