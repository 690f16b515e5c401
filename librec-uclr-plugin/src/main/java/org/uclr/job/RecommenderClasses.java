package org.uclr.job;

import org.uclr.config.ConfigException;
import org.uclr.config.Levenshtein;
import org.uclr.model.MultiDomainRecommender;

import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;

/**
 * Resolves {@code rec.recommender.class}: a fully qualified class name (LibRec's convention) or the
 * simple name of a recommender registered in {@code META-INF/services/org.uclr.model.MultiDomainRecommender}
 * (e.g. "BPRMFRecommender" or "bprmf"). An unknown name lists the registered ones, with the closest alias
 * when one is within a third of its length in edits.
 */
public final class RecommenderClasses {
    private RecommenderClasses() {
    }

    public static List<Class<? extends MultiDomainRecommender>> registered() {
        List<Class<? extends MultiDomainRecommender>> out = new ArrayList<>();
        ServiceLoader.load(MultiDomainRecommender.class).stream().forEach(p -> out.add(p.type()));
        return out;
    }

    public static Class<? extends MultiDomainRecommender> resolve(String name) {
        if (name.contains(".")) {
            Class<?> c;
            try {
                c = Class.forName(name);
            } catch (ClassNotFoundException e) {
                throw new ConfigException("rec.recommender.class=" + name + ": no such class on the classpath; known: "
                        + known());
            }
            if (!MultiDomainRecommender.class.isAssignableFrom(c)) {
                throw new ConfigException("rec.recommender.class=" + name + " is not a " + MultiDomainRecommender.class.getName()
                        + " (this project's recommenders score sampled candidates in batches); known: " + known());
            }
            if (Modifier.isAbstract(c.getModifiers())) {
                throw new ConfigException("rec.recommender.class=" + name + " is abstract; known: " + known());
            }
            return c.asSubclass(MultiDomainRecommender.class);
        }
        String wanted = name.toLowerCase(Locale.ROOT);
        for (Class<? extends MultiDomainRecommender> c : registered()) {
            String simple = c.getSimpleName().toLowerCase(Locale.ROOT);
            if (simple.equals(wanted) || simple.replace("recommender", "").equals(wanted)) {
                return c;
            }
        }
        List<String> aliases = registered().stream().map(RecommenderClasses::alias).toList();
        String guess = Levenshtein.closest(name, aliases).map(a -> "; did you mean '" + a + "'").orElse("");
        throw new ConfigException("rec.recommender.class=" + name + " is not a known recommender" + guess + "; known: "
                + String.join(", ", aliases) + " (or " + known() + ")");
    }

    /** A registered recommender's short name: its simple class name without "Recommender", in lower case. */
    private static String alias(Class<? extends MultiDomainRecommender> c) {
        return c.getSimpleName().toLowerCase(Locale.ROOT).replace("recommender", "");
    }

    private static String known() {
        return String.join(", ", registered().stream().map(Class::getName).toList());
    }
}
