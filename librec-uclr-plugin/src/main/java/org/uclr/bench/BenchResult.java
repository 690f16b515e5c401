package org.uclr.bench;

import ai.djl.engine.Engine;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.uclr.engine.DjlRuntime;
import org.uclr.job.MachineInfo;
import org.uclr.util.AtomicFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A benchmark's measurements and their report ({@code bench.md}, {@code bench.json}): the machine, the
 * settings it ran with and its load average sampled during the run, the reference comparison round by round
 * with its ratios, and every model's epoch, step, validation and evaluation times and peak resident memory,
 * as its own results.json gives them (seconds per epoch are means over the epochs run, the first included).
 */
final class BenchResult {
    static final String MARKDOWN = "bench.md";
    static final String JSON = "bench.json";
    /** Models whose epoch is one pass over the training interactions in batches of {@code <model>.batch.size} triples. */
    private static final List<String> TRIPLE_MODELS = List.of("bprmf", "lightgcn");
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create();

    private final String command;
    private final String note;
    private final String reference;
    private final String domain;
    private final Instant started = Instant.now();
    private final List<double[]> load = new ArrayList<>();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bench-load");
        t.setDaemon(true);
        return t;
    });
    private final List<Round> rounds = new ArrayList<>();
    private final Map<String, BenchRunner.Child> models = new LinkedHashMap<>();
    private Map<String, Integer> trainInteractions = Map.of();

    /** One round of the reference comparison; each figure is seconds of training only (no validation). */
    record Round(double oursEpoch, long oursStepsPerEpoch, double oursWall, double libRecIteration,
                 long libRecTriples, double peerEpoch, String peerReason, long trainInteractions,
                 long libRecPeakMb, long peerPeakMb, String torch, int torchThreads) {
        double oursStep() {
            return oursEpoch / oursStepsPerEpoch;
        }

        double oursPerTriple() {
            return oursEpoch / trainInteractions;
        }

        double libRecPerTriple() {
            return libRecIteration / libRecTriples;
        }

        double oursOverPeer() {
            return Double.isNaN(peerEpoch) ? Double.NaN : oursEpoch / peerEpoch;
        }

        double oursOverLibRec() {
            return oursPerTriple() / libRecPerTriple();
        }
    }

    BenchResult(String command, String note, String reference, String domain) {
        this.command = command;
        this.note = note;
        this.reference = reference;
        this.domain = domain;
        sampler.scheduleAtFixedRate(() -> {
            double[] l = loadAverage();
            if (l != null) {
                synchronized (load) {
                    load.add(l);
                }
            }
        }, 0, 10, TimeUnit.SECONDS);
    }

    void addRound(BenchRunner.Child ours, BenchRunner.Child libRec, TorchPeer.Run peer) {
        JsonObject lr = libRec.results();
        trainInteractions = new LinkedHashMap<>();
        lr.getAsJsonObject("train_interactions_by_domain").entrySet()
                .forEach(e -> trainInteractions.put(e.getKey(), e.getValue().getAsInt()));
        JsonObject stage = stage(ours.results(), reference + "/" + domain);
        double oursEpoch = stage.get("train_seconds_per_epoch").getAsDouble();
        long nnz = lr.get("train_interactions").getAsLong();
        double libRecIteration = median(numbers(lr.getAsJsonArray("iteration_seconds")));
        double peerEpoch = Double.NaN;
        if (peer.ran()) {
            List<Double> e = peer.epochSeconds().entrySet().stream()
                    .filter(x -> x.getKey().equalsIgnoreCase(domain)).map(Map.Entry::getValue).findFirst().orElse(List.of());
            peerEpoch = e.isEmpty() ? Double.NaN : median(e.stream().mapToDouble(Double::doubleValue).toArray());
        }
        rounds.add(new Round(oursEpoch, steps(ours.results(), reference, nnz), ours.wallSeconds(), libRecIteration,
                lr.get("triples_per_iteration").getAsLong(), peerEpoch,
                peer.ran() ? (Double.isNaN(peerEpoch) ? "no " + domain + " epochs in its output" : null) : peer.reason(),
                nnz, lr.get("peak_rss_mb").getAsLong(), peer.peakRssMb(), peer.torch(), peer.threads()));
    }

    /** The training stage of a run named label, e.g. bprmf/books. */
    private static JsonObject stage(JsonObject results, String label) {
        for (JsonElement e : results.getAsJsonArray("training")) {
            if (e.getAsJsonObject().get("stage").getAsString().equals(label)) {
                return e.getAsJsonObject();
            }
        }
        throw new IllegalStateException("the reference run has no training stage " + label);
    }

    /** Steps per epoch of a BPR-triple model's stage on a domain with nnz training interactions, else -1. */
    private static long steps(JsonObject results, String model, long nnz) {
        JsonElement batch = results.getAsJsonObject("configuration").get(model + ".batch.size");
        if (!TRIPLE_MODELS.contains(model) || batch == null || nnz <= 0) {
            return -1;
        }
        long b = Long.parseLong(batch.getAsString().trim());
        return (nnz + b - 1) / b;
    }

    void addModel(String name, BenchRunner.Child run) {
        models.put(name, run);
    }

    void finish() {
        sampler.shutdownNow();
        double[] l = loadAverage();
        if (l != null) {
            synchronized (load) {
                load.add(l);
            }
        }
    }

    void write(Path dir) {
        try {
            Files.createDirectories(dir);
            AtomicFiles.writeString(dir.resolve(JSON), GSON.toJson(json()) + "\n");
            AtomicFiles.writeString(dir.resolve(MARKDOWN), markdown());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The 1-minute load average over the run: min, median, max of the samples (every 10 s). */
    private double[] loadSummary() {
        double[] one;
        synchronized (load) {
            one = load.stream().mapToDouble(l -> l[0]).sorted().toArray();
        }
        return one.length == 0 ? new double[]{Double.NaN, Double.NaN, Double.NaN}
                : new double[]{one[0], median(one), one[one.length - 1]};
    }

    private Map<String, Object> environment() {
        Map<String, Object> env = new LinkedHashMap<>(MachineInfo.describe());
        double[] l = loadSummary();
        env.put("load_average_1min_min_median_max", l);
        env.put("jvm_options", ManagementFactory.getRuntimeMXBean().getInputArguments());
        env.put("glibc_tunables", System.getenv().getOrDefault("GLIBC_TUNABLES", "(unset)"));
        env.put("djl", Engine.getDjlVersion());
        env.put("engine", "PyTorch " + DjlRuntime.engine().getVersion());
        env.put("code_version", System.getProperty("uclr.code.version", "unknown"));
        return env;
    }

    private Map<String, Object> json() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("format_version", 1);
        out.put("command", command);
        out.put("note", note);
        out.put("started_at", started.truncatedTo(ChronoUnit.SECONDS).toString());
        out.put("finished_at", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        out.put("environment", environment());
        out.put("train_interactions", trainInteractions);
        Map<String, Object> ref = new LinkedHashMap<>();
        ref.put("model", reference);
        ref.put("domain", domain);
        List<Map<String, Object>> roundList = new ArrayList<>();
        for (Round r : rounds) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ours_train_seconds_per_epoch", r.oursEpoch());
            m.put("ours_ms_per_step", r.oursStep() * 1e3);
            m.put("ours_steps_per_epoch", r.oursStepsPerEpoch());
            m.put("ours_us_per_triple", r.oursPerTriple() * 1e6);
            m.put("ours_whole_process_seconds", r.oursWall());
            m.put("train_interactions", r.trainInteractions());
            m.put("librec_seconds_per_iteration", r.libRecIteration());
            m.put("librec_triples_per_iteration", r.libRecTriples());
            m.put("librec_us_per_triple", r.libRecPerTriple() * 1e6);
            m.put("librec_peak_rss_mb", r.libRecPeakMb());
            m.put("peer_train_seconds_per_epoch", r.peerEpoch());
            m.put("peer_not_run", r.peerReason());
            m.put("peer_torch", r.torch());
            m.put("peer_threads", r.torchThreads());
            m.put("peer_peak_rss_mib", r.peerPeakMb());
            m.put("ours_over_peer_epoch", r.oursOverPeer());
            m.put("ours_over_librec_per_triple", r.oursOverLibRec());
            roundList.add(m);
        }
        ref.put("rounds", roundList);
        ref.put("median_ours_over_peer_epoch", median(rounds.stream().mapToDouble(Round::oursOverPeer).toArray()));
        ref.put("median_ours_over_librec_per_triple", median(rounds.stream().mapToDouble(Round::oursOverLibRec).toArray()));
        out.put("reference", ref);
        Map<String, Object> runs = new LinkedHashMap<>();
        models.forEach((name, run) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            JsonObject r = run.results();
            m.put("whole_process_seconds", run.wallSeconds());
            m.put("train_seconds", r.get("train_seconds"));
            m.put("eval_seconds", r.get("eval_seconds"));
            m.put("protocol_seconds", r.get("protocol_seconds"));
            m.put("stage_seconds", r.get("stage_seconds"));
            m.put("training", r.get("training"));
            m.put("peak_rss_mb", r.getAsJsonObject("runtime").get("peak_rss_mb"));
            m.put("threads", r.getAsJsonObject("configuration").get("rec.threads"));
            m.put("code_version", r.getAsJsonObject("runtime").get("code_version"));
            runs.put(name, m);
        });
        out.put("models", runs);
        return out;
    }

    private String markdown() {
        Map<String, Object> env = environment();
        double[] l = loadSummary();
        StringBuilder md = new StringBuilder();
        md.append("# Speed and memory benchmark\n\n");
        if (!note.isBlank()) {
            md.append("**").append(note).append("**\n\n");
        }
        md.append("Command: `").append(command).append("` (").append(started.truncatedTo(ChronoUnit.SECONDS))
                .append(", code ").append(env.get("code_version")).append(").\n\n");
        md.append("Machine: ").append(env.get("cpu")).append(", ").append(env.get("cores")).append(" cores, ")
                .append(env.get("memory_mb")).append(" MB; ").append(env.get("os")).append("; ").append(env.get("jvm"))
                .append("; DJL ").append(env.get("djl")).append(" with ").append(env.get("engine")).append(".\n");
        md.append(String.format(Locale.ROOT, "Load average (1 min) during the run, sampled every 10 s: min %.1f, "
                + "median %.1f, max %.1f. ", l[0], l[1], l[2]));
        if (l[1] > Runtime.getRuntime().availableProcessors()) {
            md.append("**The machine was busy: absolute times are inflated and noisy; the ratios, measured in turn "
                    + "within each round, are the figures to compare.**");
        }
        md.append("\n\nJVM options: `").append(String.join(" ", (List<String>) env.get("jvm_options")))
                .append("`; GLIBC_TUNABLES: `").append(env.get("glibc_tunables")).append("`.\n\n");

        md.append("## BPR-MF on ").append(domain).append(": ours, LibRec 2.0's BPRRecommender and the PyTorch peer\n\n");
        md.append("Training time only (validation excluded): ours, the mean over the epochs of the run (the first, with ")
                .append("the JIT's warm-up, included); LibRec and the peer, the median over theirs. LibRec's BPR runs SGD ")
                .append("on 100 triples per user per iteration, so it is compared per triple; the peer (`torch_bprmf.py`, ")
                .append("SparseAdam) trains the same epoch as ours. Each round runs the three in turn.\n\n");
        md.append("| round | ours s/epoch | ours ms/step | ours us/triple | LibRec s/iteration | LibRec us/triple "
                + "| PyTorch s/epoch | ours / PyTorch (epoch) | ours / LibRec (per triple) |\n");
        md.append("|---|---|---|---|---|---|---|---|---|\n");
        for (int r = 0; r < rounds.size(); r++) {
            Round x = rounds.get(r);
            md.append(String.format(Locale.ROOT, "| %d | %.3f | %.2f | %.2f | %.3f | %.2f | %s | %s | %.2f |\n", r + 1,
                    x.oursEpoch(), x.oursStep() * 1e3, x.oursPerTriple() * 1e6, x.libRecIteration(),
                    x.libRecPerTriple() * 1e6, fmt(x.peerEpoch(), "%.3f"), fmt(x.oursOverPeer(), "%.2f"),
                    x.oursOverLibRec()));
        }
        md.append(String.format(Locale.ROOT, "| **median** | | | | | | | **%s** | **%.2f** |\n\n",
                fmt(median(rounds.stream().mapToDouble(Round::oursOverPeer).toArray()), "%.2f"),
                median(rounds.stream().mapToDouble(Round::oursOverLibRec).toArray())));
        if (!rounds.isEmpty()) {
            Round first = rounds.get(0);
            md.append(String.format(Locale.ROOT, "%,d training interactions; ours: %d steps per epoch. LibRec: %,d triples "
                            + "per iteration, peak RSS %d MB. PyTorch peer: %s.\n\n", first.trainInteractions(),
                    first.oursStepsPerEpoch(), first.libRecTriples(), first.libRecPeakMb(),
                    first.peerReason() != null ? "not run (" + first.peerReason() + ")"
                            : "torch " + first.torch() + ", " + first.torchThreads() + " thread(s), peak RSS "
                            + first.peerPeakMb() + " MiB"));
        }

        md.append("## Every model\n\n");
        md.append("One run per model (the reference: its first round), each an ordinary `librec rec` job in its own ")
                .append("JVM with the options above; its figures come from its results.json. Whole process: from the ")
                .append("JVM's start to its exit (data loading, training, evaluation, writing). Evaluation: test scoring ")
                .append("and metrics under the sampled protocol (1 positive, 99 sampled negatives) and full ranking, both ")
                .append("run by every job. Peak RSS: the process's VmHWM.\n\n");
        md.append("| model | whole process s | training s | evaluation s (sampled) | evaluation s (full) | peak RSS MB |\n")
                .append("|---|---|---|---|---|---|\n");
        models.forEach((name, run) -> {
            JsonObject r = run.results();
            JsonObject protocol = r.getAsJsonObject("protocol_seconds");
            md.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %s | %s | %d |\n", name, run.wallSeconds(),
                    r.get("train_seconds").getAsDouble(), protocolSeconds(protocol, "sampled"),
                    protocolSeconds(protocol, "full"), r.getAsJsonObject("runtime").get("peak_rss_mb").getAsLong()));
        });
        md.append("\n| model | stage | epochs | train s/epoch | ms/step | validation s/epoch |\n")
                .append("|---|---|---|---|---|---|\n");
        models.forEach((name, run) -> {
            for (JsonElement e : run.results().getAsJsonArray("training")) {
                JsonObject s = e.getAsJsonObject();
                String label = s.get("stage").getAsString();
                String[] parts = label.split("/", 2);
                double perEpoch = s.get("train_seconds_per_epoch").getAsDouble();
                long steps = parts.length == 2 ? steps(run.results(), parts[0], trainInteractions.getOrDefault(parts[1], 0))
                        : -1;
                md.append(String.format(Locale.ROOT, "| %s | %s | %d | %.3f | %s | %.3f |\n", name, label,
                        s.get("epochs").getAsInt(), perEpoch, steps > 0 ? String.format(Locale.ROOT, "%.1f", perEpoch / steps * 1e3)
                                : "n/a", s.get("validation_seconds_per_epoch").getAsDouble()));
            }
        });
        md.append("\nms/step is given for the models whose epoch is one pass over the training interactions in batches ")
                .append("of their batch size (").append(String.join(", ", TRIPLE_MODELS)).append("). The full ")
                .append("measurements are in `").append(JSON).append("`.\n");
        return md.toString();
    }

    private static String protocolSeconds(JsonObject protocol, String name) {
        return protocol != null && protocol.has(name)
                ? String.format(Locale.ROOT, "%.2f", protocol.get(name).getAsDouble()) : "n/a";
    }

    private static double[] loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return new double[]{Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2])};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String fmt(double x, String format) {
        return Double.isNaN(x) ? "n/a" : String.format(Locale.ROOT, format, x);
    }

    private static double[] numbers(JsonArray a) {
        double[] out = new double[a.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = a.get(k).getAsDouble();
        }
        return out;
    }

    /** The median, NaN values ignored; NaN when there are none. */
    static double median(double[] values) {
        double[] v = Arrays.stream(values).filter(x -> !Double.isNaN(x)).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
