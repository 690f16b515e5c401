package org.uclr.model.backbone;

import java.nio.FloatBuffer;

/** Item rows for {@link NormalizedAdjacency#usersFromItems}: a whole table, or the batch's rows only. */
final class ItemRowsSource implements NormalizedAdjacency.ItemRows {
    private final float[][] rows;
    private final FloatBuffer buffer;
    private final int m;
    private final int[] items;
    private final int count;

    private ItemRowsSource(float[][] rows, FloatBuffer buffer, int m, int[] items, int count) {
        this.rows = rows;
        this.buffer = buffer;
        this.m = m;
        this.items = items;
        this.count = count;
    }

    /** Every item's row, from a table. */
    static ItemRowsSource of(float[][] table) {
        return new ItemRowsSource(table, null, 0, null, table.length);
    }

    /** Every item's row, from a tensor's memory. */
    static ItemRowsSource of(FloatBuffer table, int m, int numItems) {
        return new ItemRowsSource(null, table, m, null, numItems);
    }

    /** rows[s] is items[s]'s row (items ascending); every other item's row is zero. */
    static ItemRowsSource of(float[][] rows, int[] items) {
        return new ItemRowsSource(rows, null, 0, items, items.length);
    }

    @Override
    public boolean everyItem() {
        return items == null;
    }

    @Override
    public void forEach(NormalizedAdjacency.RowVisitor visitor) {
        if (buffer != null) {
            float[] row = new float[m];
            for (int i = 0; i < count; i++) {
                buffer.get(i * m, row);
                visitor.visit(i, row);
            }
        } else if (items == null) {
            for (int i = 0; i < count; i++) {
                visitor.visit(i, rows[i]);
            }
        } else {
            for (int s = 0; s < count; s++) {
                visitor.visit(items[s], rows[s]);
            }
        }
    }
}
