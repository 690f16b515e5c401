package org.uclr.data;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UserItemMatrixTest {

    @Test
    void rowsAreSortedAndDeduplicated() {
        UserItemMatrix m = UserItemMatrix.fromRows(10, new int[][]{{5, 1, 5, 3}, null, {9}});
        assertArrayEquals(new int[]{1, 3, 5}, m.row(0));
        assertArrayEquals(new int[0], m.row(1));
        assertEquals(4, m.nnz());
        assertTrue(m.contains(0, 3));
        assertFalse(m.contains(1, 3));
        assertArrayEquals(new int[]{0, 0, 0, 2}, m.entryUsers());
        assertArrayEquals(new int[]{1, 3, 5, 9}, m.entryItems());
    }

    @Test
    void withoutRemovesEveryGivenPairWhereverItSitsInTheRow() {
        UserItemMatrix m = UserItemMatrix.fromRows(200, new int[][]{{20, 57, 98, 124, 150}, {1, 2, 3}, {7}});
        // user 0 loses a middle item first, then the smallest: both must go
        UserItemMatrix t = m.without(new int[]{98, 3, -1}, new int[]{20, -1, 7});
        assertArrayEquals(new int[]{57, 124, 150}, t.row(0));
        assertArrayEquals(new int[]{1, 2}, t.row(1));
        assertArrayEquals(new int[0], t.row(2));
        assertEquals(5, t.nnz());
        assertEquals(200, t.numItems());
    }

    @Test
    void removingTheSamePairTwiceOrAnAbsentOneIsHarmless() {
        UserItemMatrix m = UserItemMatrix.fromRows(5, new int[][]{{0, 1, 2}});
        assertArrayEquals(new int[]{0, 2}, m.without(new int[]{1}, new int[]{1}, new int[]{4}).row(0));
    }

    @Test
    void itemOutsideTheItemRangeIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> UserItemMatrix.fromRows(3, new int[][]{{3}}));
    }
}
