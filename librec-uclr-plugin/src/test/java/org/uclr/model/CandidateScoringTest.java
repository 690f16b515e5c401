package org.uclr.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.uclr.data.CandidateSet;
import org.uclr.model.backbone.DotProduct;
import org.uclr.testing.CpuTrainContext;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link MultiDomainRecommender#score} cuts the candidate rows into chunks of 2,048 per tensor call;
 * 2 x 2,048 + 5 rows cross two chunk boundaries and end in a partial chunk. Each score is compared
 * with a direct computation for its own (user, item).
 */
class CandidateScoringTest {
    private static final int ROWS = 2 * 2048 + 5;
    private static final int WIDTH = 3;
    private static final int ITEMS = 101;
    @RegisterExtension
    static final CpuTrainContext ctx = new CpuTrainContext();

    /** A model-less recommender scoring with a given function of the batch. */
    private static final class Scorer extends MultiDomainRecommender {
        private final ScoreFunction f;

        Scorer(ScoreFunction f) {
            this.f = f;
            this.engine = ctx.get();
        }

        @Override
        protected void trainModel() {
        }

        @Override
        protected NDArray scoreBatch(NDManager step, int domain, NDArray users, NDArray items) {
            return f.score(domain, users, items);
        }
    }

    @FunctionalInterface
    private interface ScoreFunction {
        NDArray score(int domain, NDArray users, NDArray items);
    }

    /** Users in descending order (each row another user), items a varying pattern. */
    private static CandidateSet candidates() {
        int[] users = new int[ROWS];
        int[] items = new int[ROWS * WIDTH];
        for (int r = 0; r < ROWS; r++) {
            users[r] = ROWS - 1 - r;
            for (int k = 0; k < WIDTH; k++) {
                items[r * WIDTH + k] = (r * 7 + k * 13) % ITEMS;
            }
        }
        return new CandidateSet(users, items, WIDTH);
    }

    @Test
    void everyRowIsScoredForItsOwnUserAndItemsAcrossChunkBoundaries() {
        // score = 1000 user + item + domain / 2: exact in float32 below 2^24
        Scorer scorer = new Scorer((d, u, i) -> u.toType(DataType.FLOAT32, false).mul(1000).expandDims(1)
                .add(i.toType(DataType.FLOAT32, false)).add(d * 0.5f));
        CandidateSet c = candidates();
        float[] got = scorer.score(1, c);
        assertEquals(ROWS * WIDTH, got.length);
        for (int r = 0; r < ROWS; r++) {
            for (int k = 0; k < WIDTH; k++) {
                assertEquals(1000f * c.users()[r] + c.candidate(r, k) + 0.5f, got[r * WIDTH + k], 0f,
                        "row " + r + " candidate " + k);
            }
        }
    }

    @Test
    void dotProductScoresEqualAFloat64DotProductAcrossChunkBoundaries() {
        int dim = 4;
        NDArray userTable = ctx.get().gaussian(ROWS, dim, 1, ctx.get().random("users"));
        NDArray itemTable = ctx.get().gaussian(ITEMS, dim, 1, ctx.get().random("items"));
        float[] u = userTable.toFloatArray();
        float[] it = itemTable.toFloatArray();
        Scorer scorer = new Scorer((d, users, items) -> DotProduct.score(userTable, users, itemTable, items));
        CandidateSet c = candidates();
        float[] got = scorer.score(0, c);
        for (int r = 0; r < ROWS; r++) {
            for (int k = 0; k < WIDTH; k++) {
                double dot = 0;
                for (int j = 0; j < dim; j++) {
                    dot += (double) u[c.users()[r] * dim + j] * it[c.candidate(r, k) * dim + j];
                }
                // float32 dot products of 4 terms of order 1
                assertEquals(dot, got[r * WIDTH + k], 1e-5, "row " + r + " candidate " + k);
            }
        }
    }
}
