package org.uclr.job;

import org.uclr.data.MultiDomainDataset;
import org.uclr.eval.FullRanking;
import org.uclr.eval.RankedUsers;
import org.uclr.util.AtomicFiles;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes {@code full-ranks.tsv} (with {@code rec.eval.dump=true} under the full protocol): per domain and
 * test user, where the held-out positive ranks among every item the user did not train or validate on.
 * Columns: domain, user, item (raw ids of the positive), score (its float32 score), greater (ranked items
 * scored above it), ties (other ranked items scored equal to it), ranked (items it was ranked among, itself
 * included). Instead of 87,670 scores per Douban Books user it keeps the counts every metric is computed from.
 */
public final class FullRankDump {
    public static final String FILE_NAME = "full-ranks.tsv";

    private FullRankDump() {
    }

    public static void write(Path dir, MultiDomainDataset data, List<FullRanking.Result> ranking) {
        AtomicFiles.write(dir.resolve(FILE_NAME), out -> {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            w.write("domain\tuser\titem\tscore\tgreater\tties\tranked\n");
            for (int d = 0; d < ranking.size(); d++) {
                FullRanking.Result result = ranking.get(d);
                RankedUsers ranked = result.ranked();
                String[] itemIds = data.domain(d).itemIds();
                for (int r = 0; r < ranked.size(); r++) {
                    int u = ranked.users()[r];
                    w.write(ranked.domain());
                    w.write('\t');
                    w.write(data.userIds()[u]);
                    w.write('\t');
                    w.write(itemIds[result.positives()[r]]);
                    w.write('\t');
                    w.write(Float.toString(result.positiveScores()[r]));
                    w.write('\t');
                    w.write(Integer.toString(ranked.counts().greater()[r]));
                    w.write('\t');
                    w.write(Integer.toString(ranked.counts().ties()[r]));
                    w.write('\t');
                    w.write(Integer.toString(result.rankedItems()[r]));
                    w.write('\n');
                }
            }
            w.flush();
        });
    }
}
