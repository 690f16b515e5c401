package org.uclr.leaderboard;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.uclr.UclrException;
import org.uclr.job.RecJob;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The JVM {@link JobLauncher} starts: {@code LEADERBOARD_FILE RUN_NAME SEED [key=value ...]}. Plans the
 * leaderboard again from the file and overrides (planning reads the configuration files only, no data)
 * and runs its job (RUN_NAME, SEED) as the local runner would. Exit status 0 when the job wrote its
 * results.json, 2 with an "error: ..." line for an error the user can fix, 1 for anything else.
 */
public final class LeaderboardJobMain {
    private static final Logger LOG = LogManager.getLogger(LeaderboardJobMain.class);

    private LeaderboardJobMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        try {
            if (args.length < 3) {
                throw new UclrException("usage: LeaderboardJobMain LEADERBOARD_FILE RUN_NAME SEED [key=value ...]");
            }
            LeaderboardConfig config = LeaderboardConfig.read(Path.of(args[0]),
                    Arrays.asList(args).subList(3, args.length));
            LeaderboardJob job = find(LeaderboardPlan.of(config), args[1], Long.parseLong(args[2]));
            LOG.info("leaderboard: running {} ({}) in process {}", job.label(), job.modelFile(), ProcessHandle.current().pid());
            new RecJob(job.source()).run();
            return 0;
        } catch (UclrException e) {
            System.err.println("error: " + e.getMessage());
            LOG.debug("error details", e);
            return 2;
        } catch (RuntimeException | Error e) {
            LOG.error("unexpected failure", e);
            System.err.println("internal error: " + e);
            return 1;
        }
    }

    static LeaderboardJob find(LeaderboardPlan plan, String runName, long seed) {
        List<LeaderboardJob> found = plan.jobs().stream()
                .filter(j -> j.plan().runName().equals(runName) && j.seed() == seed).toList();
        if (found.size() != 1) {
            throw new UclrException("the leaderboard has no job " + runName + " seed " + seed + " (its jobs: "
                    + String.join(", ", plan.jobs().stream().map(LeaderboardJob::label).toList())
                    + "); did its files change after the leaderboard was planned?");
        }
        return found.get(0);
    }
}
