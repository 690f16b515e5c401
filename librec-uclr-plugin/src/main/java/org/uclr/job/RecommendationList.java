package org.uclr.job;

import org.uclr.data.MultiDomainDataset;
import org.uclr.eval.FullRanking;
import org.uclr.eval.TopItems;
import org.uclr.util.AtomicFiles;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes {@code recommendations.tsv}: per domain and user, the model's top items (K =
 * {@code rec.recommender.ranking.topn}), best first, never one of the user's training or validation items
 * (the held-out test item may appear: it is what HR counts). Columns: domain, user, rank (1-based), item
 * (raw ids), score (the model's float32 score, shortest exact text). Ties are listed by item index.
 */
public final class RecommendationList {
    public static final String FILE_NAME = "recommendations.tsv";

    private RecommendationList() {
    }

    public static void write(Path dir, MultiDomainDataset data, List<FullRanking.Result> ranking) {
        AtomicFiles.write(dir.resolve(FILE_NAME), out -> {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            w.write("domain\tuser\trank\titem\tscore\n");
            for (int d = 0; d < ranking.size(); d++) {
                TopItems top = ranking.get(d).top();
                String domain = data.domain(d).name();
                String[] itemIds = data.domain(d).itemIds();
                for (int u = 0; u < top.numUsers(); u++) {
                    String user = data.userIds()[u];
                    for (int r = 0; r < top.length(u); r++) {
                        w.write(domain);
                        w.write('\t');
                        w.write(user);
                        w.write('\t');
                        w.write(Integer.toString(r + 1));
                        w.write('\t');
                        w.write(itemIds[top.item(u, r)]);
                        w.write('\t');
                        w.write(Float.toString(top.score(u, r)));
                        w.write('\n');
                    }
                }
            }
            w.flush();
        });
    }
}
