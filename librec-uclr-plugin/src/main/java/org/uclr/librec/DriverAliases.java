package org.uclr.librec;

import com.google.common.collect.BiMap;
import net.librec.util.DriverClassUtil;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The short names of this project's recommenders ({@code uclr}, {@code bprmf}, {@code neumf}, {@code lightgcn},
 * {@code catart}, {@code mostpop}, and any recommender a jar registers later) and of the two metrics LibRec has
 * no alias for ({@code mrr}, {@code hr}), for {@code rec.recommender.class} and {@code rec.eval.classes}.
 *
 * <p>A recommender's alias is its class's simple name without "Recommender", in lower case, the name its
 * runs are filed under. The recommenders are the ones every jar on the classpath lists in
 * {@code META-INF/services/org.uclr.model.MultiDomainRecommender} (read as text, so this class depends on no
 * model).
 *
 * <p>Why {@link #registerWithLibRec()} exists: LibRec 2.0's {@code DriverClassUtil} resolves a name without a dot
 * through {@code driver.classes.props}, but reads only the first file of that name on the classpath, once;
 * a plugin's own file would hide LibRec's aliases or be hidden by them, depending on the classpath order.
 * So the aliases are added to the table it has loaded instead, without replacing any of LibRec's.
 */
public final class DriverAliases {
    private static final Logger LOG = LogManager.getLogger(DriverAliases.class);

    /** The registry of this project's recommenders (ServiceLoader's file for MultiDomainRecommender). */
    static final String RECOMMENDER_SERVICES = "META-INF/services/org.uclr.model.MultiDomainRecommender";

    /** LibRec has {@code rr} and {@code hitrate}; these are the names the field uses. */
    private static final Map<String, String> EVALUATORS = Map.of(
            "mrr", "org.uclr.eval.MRREvaluator",
            "hr", "org.uclr.eval.HitRatioEvaluator");

    private DriverAliases() {
    }

    /** Alias to class name of every registered recommender, in classpath order. */
    public static Map<String, String> recommenders() {
        Map<String, String> out = new LinkedHashMap<>();
        ClassLoader loader = loader();
        try {
            Enumeration<URL> files = loader.getResources(RECOMMENDER_SERVICES);
            for (URL file : Collections.list(files)) {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(file.openStream(), StandardCharsets.UTF_8))) {
                    r.lines().map(l -> l.replaceFirst("#.*", "").strip()).filter(l -> !l.isEmpty())
                            .forEach(c -> out.putIfAbsent(alias(c), c));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RECOMMENDER_SERVICES + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** "org.uclr.model.bprmf.BPRMFRecommender" -> "bprmf". */
    public static String alias(String className) {
        String simple = className.substring(className.lastIndexOf('.') + 1);
        return simple.replace("Recommender", "").toLowerCase(Locale.ROOT);
    }

    /** Every alias this project offers: the recommenders', then the metrics'. */
    public static Map<String, String> all() {
        Map<String, String> out = new LinkedHashMap<>(recommenders());
        out.putAll(EVALUATORS);
        return out;
    }

    /**
     * Adds {@link #all()} to LibRec's alias table, so that LibRec's own job resolves them. An alias LibRec
     * already defines keeps LibRec's meaning (a warning names it); a class LibRec already has under another
     * alias (a user's own {@code driver.classes.props}) keeps that alias. Idempotent.
     *
     * @throws IllegalStateException if this LibRec has no alias table where 2.0.0 has it
     */
    public static void registerWithLibRec() {
        registerWithLibRec(all());
    }

    /** As {@link #registerWithLibRec()}, for the given alias to class name pairs. */
    public static synchronized void registerWithLibRec(Map<String, String> aliases) {
        BiMap<String, String> table = libRecTable();
        for (Map.Entry<String, String> e : aliases.entrySet()) {
            String existing = table.get(e.getKey());
            if (existing != null) {
                if (!existing.equals(e.getValue())) {
                    LOG.warn("LibRec already has the alias '{}' for {}: {} keeps its full class name", e.getKey(), existing,
                            e.getValue());
                }
            } else if (!table.containsValue(e.getValue())) {
                table.put(e.getKey(), e.getValue());
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static BiMap<String, String> libRecTable() {
        try {
            Field f = DriverClassUtil.class.getDeclaredField("driverClassBiMap");
            f.setAccessible(true);
            return (BiMap<String, String>) f.get(null);
        } catch (ReflectiveOperationException | ClassCastException | SecurityException e) {
            throw new IllegalStateException("this LibRec's DriverClassUtil has no alias table driverClassBiMap (LibRec 2.0.0 "
                    + "has one); write rec.recommender.class as a full class name", e);
        }
    }

    private static ClassLoader loader() {
        ClassLoader l = Thread.currentThread().getContextClassLoader();
        return l != null ? l : DriverAliases.class.getClassLoader();
    }
}
