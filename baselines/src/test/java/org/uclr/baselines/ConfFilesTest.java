package org.uclr.baselines;

import org.junit.jupiter.api.Test;
import org.uclr.config.PropertiesSource;
import org.uclr.job.RecJob;
import org.uclr.leaderboard.LeaderboardConfig;
import org.uclr.testing.Fixtures;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every shipped configuration in conf/ is one a user can run as it is (the bench-*.properties files are
 * `librec bench` plans, tested by BenchTest): each job file plans (every key
 * known and in range, every rule between keys kept) with no warning of a key that has no effect, names
 * data files that exist, and each leaderboard plans every (model, seed) job it lists.
 */
class ConfFilesTest {
    private static final Path ROOT = Fixtures.projectRoot();

    private static List<Path> confs(boolean leaderboards) throws IOException {
        try (Stream<Path> files = Files.list(ROOT.resolve("conf"))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".properties"))
                    .filter(f -> !f.getFileName().toString().startsWith("bench-")) // benchmark plans, read by `librec bench`
                    .filter(f -> f.getFileName().toString().startsWith("leaderboard-") == leaderboards)
                    .sorted().toList();
        }
    }

    @Test
    void everyJobFilePlansWithoutWarningsAndItsDataFilesExist() throws IOException {
        List<String> problems = new ArrayList<>();
        List<Path> jobs = confs(false);
        assertTrue(jobs.size() >= 20, jobs.toString());
        for (Path conf : jobs) {
            try {
                PropertiesSource source = PropertiesSource.read(conf);
                RecJob job = new RecJob(source);
                job.plan();
                job.warnings().forEach(w -> problems.add(conf.getFileName() + ": warning " + w));
                source.values().forEach((key, value) -> {
                    if (key.startsWith("data.domain.") && key.endsWith(".path")
                            && !Files.isRegularFile(ROOT.resolve(value).normalize())) {
                        problems.add(conf.getFileName() + ": " + key + "=" + value + " does not exist");
                    }
                });
            } catch (RuntimeException e) {
                problems.add(conf.getFileName() + ": " + e.getMessage());
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void everyLeaderboardPlansEveryJobItLists() throws IOException {
        List<String> problems = new ArrayList<>();
        List<Path> boards = confs(true);
        assertTrue(boards.size() >= 3, boards.toString());
        for (Path board : boards) {
            try {
                LeaderboardConfig config = LeaderboardConfig.read(board, List.of());
                assertTrue(config.modelFiles().size() >= 5, board + ": " + config.modelFiles());
                for (Path model : config.modelFiles()) {
                    new RecJob(config.jobSource(model, config.seeds().get(0))).plan();
                }
            } catch (RuntimeException e) {
                problems.add(board.getFileName() + ": " + e.getMessage());
            }
        }
        assertEquals(List.of(), problems);
    }
}
