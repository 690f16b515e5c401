package org.uclr.baselines.crossdomain;

import org.uclr.data.Domain;
import org.uclr.data.MultiDomainDataset;
import org.uclr.data.UserItemMatrix;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Toy multi-domain data with planted structure and flat popularity: users fall into clusters shared by
 * every domain, and in each domain a user interacts with {@code perUser} random items of the cluster's
 * own block. A model that learns the clusters ranks a held-out positive among the few in-cluster
 * candidates (validation NDCG@10 near 0.5); popularity carries almost nothing (every item is about
 * equally popular, so MostPop is close to random, 0.045). The synthetic preset is no use for this:
 * its long-tailed popularity makes MostPop score 0.33 there, above every baseline.
 */
public final class PlantedClusters {
    private PlantedClusters() {
    }

    /**
     * @param clusters        number of clusters
     * @param usersPerCluster users in each
     * @param itemsPerCluster items of a cluster's block in each domain
     * @param perUser         interactions of a user in each domain
     * @param domains         number of domains
     */
    public static MultiDomainDataset generate(int clusters, int usersPerCluster, int itemsPerCluster, int perUser,
                                              int domains, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int users = clusters * usersPerCluster;
        int items = clusters * itemsPerCluster;
        String[] userIds = new String[users];
        for (int u = 0; u < users; u++) {
            userIds[u] = "u" + u;
        }
        List<Domain> out = new ArrayList<>();
        for (int d = 0; d < domains; d++) {
            int[][] rows = new int[users][];
            for (int u = 0; u < users; u++) {
                int block = (u / usersPerCluster) * itemsPerCluster;
                rows[u] = rng.ints(0, itemsPerCluster).distinct().limit(perUser).map(i -> block + i).toArray();
            }
            String[] itemIds = new String[items];
            for (int i = 0; i < items; i++) {
                itemIds[i] = "d" + d + "i" + i;
            }
            out.add(new Domain("domain" + d, itemIds, UserItemMatrix.fromRows(items, rows)));
        }
        return new MultiDomainDataset("planted-clusters", true, userIds, out);
    }
}
