package org.uclr.eval;

import net.librec.recommender.item.ItemEntry;
import net.librec.recommender.item.RecommendedList;
import net.librec.recommender.item.UserItemRatingEntry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.TreeSet;

/**
 * LibRec's {@link RecommendedList} over sampled candidates: for every evaluated (domain, user), the
 * 1 + N candidates with their scores, item indices in the global item space (domain offsets added).
 * Read-only: it is what a recommender hands to LibRec evaluators, and what ours read fast through
 * {@link #scores()}.
 */
public final class SampledRankingList implements RecommendedList {
    private final ScoredCandidates scores;
    private final int[] itemOffsets;
    private final int numUsers;
    private int[][] rowOfUser;

    /**
     * @param scores      per-domain scored candidates
     * @param itemOffsets global item offset of each domain
     * @param numUsers    number of users in the dataset
     */
    public SampledRankingList(ScoredCandidates scores, int[] itemOffsets, int numUsers) {
        this.scores = scores;
        this.itemOffsets = itemOffsets.clone();
        this.numUsers = numUsers;
    }

    public ScoredCandidates scores() {
        return scores;
    }

    private synchronized int[][] rowOfUser() {
        if (rowOfUser == null) {
            rowOfUser = new int[scores.domains().size()][numUsers];
            for (int d = 0; d < rowOfUser.length; d++) {
                Arrays.fill(rowOfUser[d], -1);
                int[] users = scores.domain(d).candidates().users();
                for (int r = 0; r < users.length; r++) {
                    rowOfUser[d][users[r]] = r;
                }
            }
        }
        return rowOfUser;
    }

    @Override
    public int size() {
        return scores.domains().stream().mapToInt(d -> d.scores().length).sum();
    }

    @Override
    public boolean addUserItemIdx(int userIdx, int itemIdx, double rating) {
        throw new UnsupportedOperationException("sampled candidate scores are read-only");
    }

    @Override
    public List<ItemEntry<Integer, Double>> getItemIdxListByUserIdx(int userIdx) {
        List<ItemEntry<Integer, Double>> out = new ArrayList<>();
        for (int d = 0; d < itemOffsets.length; d++) {
            int r = rowOfUser()[d][userIdx];
            if (r < 0) {
                continue;
            }
            ScoredDomain sd = scores.domain(d);
            int width = sd.candidates().width();
            for (int k = 0; k < width; k++) {
                out.add(new ItemEntry<>(itemOffsets[d] + sd.candidates().candidate(r, k), (double) sd.scores()[r * width + k]));
            }
        }
        return out;
    }

    @Override
    public List<ItemEntry<Integer, Double>> removeUserIdx(int userIdx) {
        throw new UnsupportedOperationException("sampled candidate scores are read-only");
    }

    @Override
    public boolean contains(int userIdx) {
        for (int[] rows : rowOfUser()) {
            if (userIdx >= 0 && userIdx < rows.length && rows[userIdx] >= 0) {
                return true;
            }
        }
        return false;
    }

    @Override
    @Deprecated
    public double getEntryValue(int userIdx, int itemIdx) {
        for (ItemEntry<Integer, Double> e : getItemIdxListByUserIdx(userIdx)) {
            if (e.getKey() == itemIdx) {
                return e.getValue();
            }
        }
        return Double.NaN;
    }

    @Override
    public Iterator<Integer> userIterator() {
        TreeSet<Integer> users = new TreeSet<>();
        for (ScoredDomain d : scores.domains()) {
            for (int u : d.candidates().users()) {
                users.add(u);
            }
        }
        return users.iterator();
    }

    @Override
    public Iterator<UserItemRatingEntry> entryIterator() {
        return new Iterator<>() {
            private int d;
            private int pos;

            @Override
            public boolean hasNext() {
                while (d < itemOffsets.length && pos >= scores.domain(d).scores().length) {
                    d++;
                    pos = 0;
                }
                return d < itemOffsets.length;
            }

            @Override
            public UserItemRatingEntry next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                ScoredDomain sd = scores.domain(d);
                int width = sd.candidates().width();
                int row = pos / width;
                UserItemRatingEntry e = new UserItemRatingEntry(sd.candidates().users()[row],
                        itemOffsets[d] + sd.candidates().candidates()[pos], sd.scores()[pos]);
                pos++;
                return e;
            }
        };
    }

    @Override
    public void topNRankItemsByUser(int userIdx, int topN) {
        throw new UnsupportedOperationException("sampled candidates are ranked by the evaluators, not truncated");
    }

    @Override
    public void topNRank(int itemTopN) {
        throw new UnsupportedOperationException("sampled candidates are ranked by the evaluators, not truncated");
    }
}
