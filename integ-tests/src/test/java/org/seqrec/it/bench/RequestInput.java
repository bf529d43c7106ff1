package org.seqrec.it.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * What one benchmark request is about: a user (id and history), the text query and the built-in
 * rescorer's word. Request {@code i} of every kind gets the same input, so kinds are compared on
 * the same users and queries.
 *
 * @param userId the user's id in the events index
 * @param history the user's latest items, oldest first
 * @param query the {@code match} text on {@code title}
 * @param rescoreWord the word the built-in {@code query} rescorer matches on {@code title}
 */
record RequestInput(String userId, List<String> history, String query, String rescoreWord) {

    /** The same query and rescore word for another user: that user's id and latest {@value BenchUsers#HISTORY_LENGTH} items. */
    RequestInput withUser(BenchUsers.User user) {
        return new RequestInput(user.id(), user.history(BenchUsers.HISTORY_LENGTH), query, rescoreWord);
    }

    /**
     * {@code count} inputs drawn uniformly, with replacement, from the users, queries and rescore
     * words, reproducibly for one seed.
     */
    static List<RequestInput> draw(
            List<BenchUsers.User> users, List<String> queries, List<String> rescoreWords, int count, long seed) {
        Random random = new Random(seed);
        List<RequestInput> inputs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            BenchUsers.User user = users.get(random.nextInt(users.size()));
            inputs.add(new RequestInput(
                    user.id(),
                    user.history(BenchUsers.HISTORY_LENGTH),
                    queries.get(random.nextInt(queries.size())),
                    rescoreWords.get(random.nextInt(rescoreWords.size()))));
        }
        return inputs;
    }
}
