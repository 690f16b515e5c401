package org.uclr.data;

import java.util.List;

/**
 * (user, item) pairs as read from one domain's file, raw ids, duplicates still in.
 *
 * @param source where they were read from, for messages
 * @param users  raw user id of every line
 * @param items  raw item id of every line (parallel to users)
 */
public record RawInteractions(String source, List<String> users, List<String> items) {
    public RawInteractions {
        if (users.size() != items.size()) {
            throw new IllegalArgumentException("users and items differ in length");
        }
        users = List.copyOf(users);
        items = List.copyOf(items);
    }

    public int size() {
        return users.size();
    }
}
