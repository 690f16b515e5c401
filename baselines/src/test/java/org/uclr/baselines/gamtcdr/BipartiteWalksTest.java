package org.uclr.baselines.gamtcdr;

import org.junit.jupiter.api.Test;
import org.uclr.data.UserItemMatrix;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BipartiteWalksTest {
    /** 3 users, 4 items: u0-{i0, i1, i2}, u1-{i1}, u2-{} ; nodes: users 0..2, items 3..6 (i3 has no edge). */
    private static final UserItemMatrix TOY = UserItemMatrix.fromRows(4, new int[][]{{0, 1, 2}, {1}, {}});

    @Test
    void graphHasUsersThenItemsAsNodesAndOneUndirectedEdgePerInteraction() {
        BipartiteWalks g = new BipartiteWalks(TOY, 1, 1);
        assertEquals(7, g.numNodes());
        assertArrayEquals(new int[]{3, 4, 5}, g.neighbours(0));
        assertArrayEquals(new int[]{4}, g.neighbours(1));
        assertArrayEquals(new int[]{}, g.neighbours(2));
        assertArrayEquals(new int[]{0}, g.neighbours(3));
        assertArrayEquals(new int[]{0, 1}, g.neighbours(4));
        assertArrayEquals(new int[]{0}, g.neighbours(5));
        assertArrayEquals(new int[]{}, g.neighbours(6));
    }

    @Test
    void returnProbabilityIsOneOverPAgainstOneOverQForEachOtherNeighbour() {
        // from u0 (3 neighbours) having come from i1: back with (1/p) / (1/p + 2/q)
        double p = 0.5;
        double q = 4;
        BipartiteWalks g = new BipartiteWalks(TOY, p, q);
        SplittableRandom rng = new SplittableRandom(5);
        int n = 200_000;
        int back = 0;
        int toI0 = 0;
        for (int k = 0; k < n; k++) {
            int next = g.step(4, 0, rng);
            assertTrue(next == 3 || next == 4 || next == 5, "left the neighbourhood: " + next);
            back += next == 4 ? 1 : 0;
            toI0 += next == 3 ? 1 : 0;
        }
        double expectedBack = (1 / p) / (1 / p + 2 / q);                 // 2 / 2.5 = 0.8
        // binomial standard error at n = 200k: ~0.001; 5 of them
        assertEquals(expectedBack, back / (double) n, 0.005);
        assertEquals((1 - expectedBack) / 2, toI0 / (double) n, 0.005);
    }

    @Test
    void walksFollowEdgesAndStopAtIsolatedNodes() {
        BipartiteWalks g = new BipartiteWalks(TOY, 1, 1);
        SplittableRandom rng = new SplittableRandom(9);
        int[] walk = new int[6];
        for (int start = 0; start < g.numNodes(); start++) {
            int len = g.walk(start, 6, rng, walk);
            assertEquals(g.degree(start) == 0 ? 1 : 6, len, "start " + start);
            for (int k = 1; k < len; k++) {
                int from = walk[k - 1];
                int to = walk[k];
                assertTrue(java.util.Arrays.stream(g.neighbours(from)).anyMatch(x -> x == to), from + " -> " + to);
            }
        }
    }

    @Test
    void nonPositiveParametersAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new BipartiteWalks(TOY, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new BipartiteWalks(TOY, 1, -2));
    }
}
