package org.uclr.job;

import org.uclr.data.MultiDomainDataset;
import org.uclr.eval.ScoredCandidates;
import org.uclr.eval.ScoredDomain;
import org.uclr.util.AtomicFiles;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Writes {@code candidates.tsv}: per domain and user, every test candidate with its score, the
 * positive first. Columns: domain, user, item (raw ids), score (shortest exact float text),
 * positive (1 or 0). Anyone can recompute every metric from it.
 */
public final class CandidateDump {
    public static final String FILE_NAME = "candidates.tsv";

    private CandidateDump() {
    }

    public static void write(Path dir, MultiDomainDataset data, ScoredCandidates scores) {
        AtomicFiles.write(dir.resolve(FILE_NAME), out -> {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            w.write("domain\tuser\titem\tscore\tpositive\n");
            for (int d = 0; d < scores.domains().size(); d++) {
                ScoredDomain sd = scores.domain(d);
                String[] itemIds = data.domain(d).itemIds();
                int width = sd.candidates().width();
                for (int r = 0; r < sd.size(); r++) {
                    String user = data.userIds()[sd.candidates().users()[r]];
                    for (int k = 0; k < width; k++) {
                        w.write(sd.domain());
                        w.write('\t');
                        w.write(user);
                        w.write('\t');
                        w.write(itemIds[sd.candidates().candidate(r, k)]);
                        w.write('\t');
                        w.write(Float.toString(sd.scores()[r * width + k]));
                        w.write(k == 0 ? "\t1\n" : "\t0\n");
                    }
                }
            }
            w.flush();
        });
    }
}
