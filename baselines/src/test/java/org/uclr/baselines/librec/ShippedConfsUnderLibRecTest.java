package org.uclr.baselines.librec;

import net.librec.conf.Configuration;
import net.librec.util.DriverClassUtil;
import org.junit.jupiter.api.Test;
import org.uclr.data.MultiDomainDataModel;
import org.uclr.job.JobPlan;
import org.uclr.job.LibRecJobHook;
import org.uclr.job.RecJob;
import org.uclr.librec.DriverAliases;
import org.uclr.model.MultiDomainRecommender;
import org.uclr.testing.Fixtures;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every job configuration in conf/ as LibRec's RecDriver reads it (java.util.Properties over LibRec's defaults):
 * LibRec's job must reach our data model and recommender, and the keys must pass the checks the plugin runs
 * before training under LibRec's job. Training itself is LibRecDriverTest's (two of them, scaled down).
 */
class ShippedConfsUnderLibRecTest {

    private static List<Path> jobConfs() throws Exception {
        try (Stream<Path> s = Files.list(Fixtures.projectRoot().resolve("conf"))) {
            return s.filter(p -> p.getFileName().toString().endsWith(".properties"))
                    .filter(p -> !p.getFileName().toString().startsWith("leaderboard-")
                            && !p.getFileName().toString().startsWith("bench-")).sorted().toList();
        }
    }

    /** What RecDriver does with -conf: Properties.load of the file's bytes (ISO 8859-1), each key set over LibRec's defaults. */
    private static Configuration asRecDriverReadsIt(Path file) throws Exception {
        Configuration conf = new Configuration();
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        }
        p.stringPropertyNames().forEach(k -> conf.set(k, p.getProperty(k)));
        return conf;
    }

    @Test
    void everyShippedJobConfReachesOurDataModelAndRecommenderAndPassesTheKeyChecks() throws Exception {
        List<Path> confs = jobConfs();
        assertTrue(confs.size() >= 18, confs.toString());
        DriverAliases.registerWithLibRec(); // what our data model does before LibRec resolves the recommender
        List<String> runs = new ArrayList<>();
        for (Path file : confs) {
            Configuration conf = asRecDriverReadsIt(file);
            String where = file.getFileName().toString();
            assertEquals(MultiDomainDataModel.class, DriverClassUtil.getClass(conf.get("data.model.format")), where);
            // RecommenderJob.runJob switches on the alias: a class name or another splitter would run nothing or ignore it
            assertEquals("testset", conf.get("data.model.splitter"), where);
            assertTrue(MultiDomainRecommender.class.isAssignableFrom(DriverClassUtil.getClass(conf.get("rec.recommender.class"))), where);
            JobPlan plan = new RecJob(new LibRecJobHook().source(conf)).plan(); // throws what the hook would throw
            runs.add(plan.runName());
        }
        assertTrue(runs.containsAll(List.of("uclr", "bprmf", "neumf", "lightgcn", "catart", "mostpop")), runs.toString());
    }

    /** RecDriver reads -conf as ISO 8859-1 (Properties.load of a stream), bin/librec as UTF-8: only ASCII means the same to both. */
    @Test
    void shippedConfsAreAsciiSoBothDriversReadTheSameValues() throws Exception {
        for (Path file : jobConfs()) {
            byte[] bytes = Files.readAllBytes(file);
            for (int i = 0; i < bytes.length; i++) {
                assertTrue(bytes[i] >= 0, file + ": byte " + i + " is not ASCII");
            }
        }
    }
}
