package org.seqrec.it.bench;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.Test;

/** Which history each request gets: distinct ones without repeats (or with as few as possible), or today's repeats. */
public class InputPlanTests {

    private static List<BenchUsers.User> histories(int count) {
        List<BenchUsers.User> users = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int first = i * 100;
            users.add(new BenchUsers.User(
                    "w-" + i + "-50",
                    IntStream.range(first, first + 50).mapToObj(String::valueOf).toList()));
        }
        return users;
    }

    /** Asks the plan in the order ServingBenchmark does; returns every input handed out, by kind. */
    private static Map<RequestKind, List<RequestInput>> run(InputPlan plan, ServingOptions o) {
        Map<RequestKind, List<RequestInput>> sent = new HashMap<>();
        o.kinds().forEach(k -> sent.computeIfAbsent(k, x -> new ArrayList<>()).addAll(plan.warmup(k, 1)));
        o.kinds().forEach(k -> sent.get(k).addAll(plan.warmup(k, o.warmup())));
        for (int clients : o.clients()) {
            for (RequestKind k : o.kinds()) {
                sent.get(k).addAll(plan.warmup(k, o.cellWarmup(clients)));
                sent.get(k).addAll(plan.measured(k, o.requests()));
            }
        }
        return sent;
    }

    @Test
    public void distinctHistoriesNeverRepeatWhenEnoughExist() {
        ServingOptions o = ServingOptions.parse("--requests", "40", "--clients", "1,4", "--warmup", "30");
        int needed = o.historiesNeeded();
        List<BenchUsers.User> windows = histories(needed + 17);
        InputPlan plan = InputPlan.distinct(windows, needed, o.warmInputs(), o.requests(), 42);
        Map<RequestKind, List<RequestInput>> sent = run(plan, o);

        assertEquals("the plan's count is what the run asks for", needed, plan.handedOut());
        List<List<String>> withHistory = o.kinds().stream()
                .filter(RequestKind::usesHistory)
                .flatMap(k -> sent.get(k).stream())
                .map(RequestInput::history)
                .toList();
        assertEquals(needed, withHistory.size());
        assertEquals(
                "no history is sent twice in the run",
                needed,
                withHistory.stream().distinct().count());
        assertEquals(1, plan.maxUses());
        assertEquals("only the histories used are indexed", windows.subList(0, needed), plan.eventUsers());
        Map<String, List<String>> events =
                plan.eventUsers().stream().collect(Collectors.toMap(BenchUsers.User::id, BenchUsers.User::items));
        for (RequestKind k : o.kinds()) {
            if (k.usesHistory()) {
                for (RequestInput in : sent.get(k)) {
                    assertEquals("the user id's events are exactly the history", in.history(), events.get(in.userId()));
                }
            }
        }
        // kinds see the same queries and rescore words request by request
        List<RequestInput> match = plan.measured(RequestKind.MATCH, 40);
        List<RequestInput> rescore = plan.measured(RequestKind.MATCH_SEQREC_RESCORE, 40);
        for (int i = 0; i < 40; i++) {
            assertEquals(match.get(i).query(), rescore.get(i).query());
            assertEquals(match.get(i).rescoreWord(), rescore.get(i).rescoreWord());
        }
        assertTrue(
                plan.describe("Beauty.txt", 42), plan.describe("Beauty.txt", 42).endsWith("no history is sent twice"));
    }

    @Test
    public void tooFewHistoriesAreReusedRoundRobinAsFewTimesAsPossible() {
        List<BenchUsers.User> windows = histories(10);
        InputPlan plan = InputPlan.distinct(windows, 25, 5, 20, 42);
        List<String> ids = new ArrayList<>();
        ids.addAll(plan.warmup(RequestKind.SEQREC_QUERY, 5).stream()
                .map(RequestInput::userId)
                .toList());
        ids.addAll(plan.measured(RequestKind.MATCH, 20).stream()
                .map(RequestInput::userId)
                .toList()); // takes none
        ids.addAll(plan.measured(RequestKind.RECOMMEND, 20).stream()
                .map(RequestInput::userId)
                .toList());
        assertEquals(25, plan.handedOut());
        assertEquals(3, plan.maxUses());
        assertEquals(windows, plan.eventUsers());
        List<String> withHistory = new ArrayList<>(ids.subList(0, 5));
        withHistory.addAll(ids.subList(25, 45));
        for (int i = 0; i < 25; i++) {
            assertEquals(
                    "round-robin: a history recurs only after all the others",
                    windows.get(i % 10).id(),
                    withHistory.get(i));
        }
        Map<String, Long> uses = withHistory.stream().collect(Collectors.groupingBy(s -> s, Collectors.counting()));
        assertEquals(10, uses.size());
        assertTrue(uses.toString(), uses.values().stream().allMatch(n -> n == 2 || n == 3));
        String text = plan.describe("Beauty.txt", 42);
        assertTrue(text, text.contains("10 distinct ones exist"));
        assertTrue(
                text,
                text.contains(
                        "needs 25 (every request with a history, warm-ups included), more than exist:"
                                + " each is used at most 3 times, round-robin, so a history recurs only 10 history requests later"));
    }

    @Test
    public void repeatSendsTheSameSampledUsersInEveryCell() {
        List<BenchUsers.User> users = histories(4);
        InputPlan plan = InputPlan.repeat(users, 10, 30, 42);
        List<RequestInput> first = plan.measured(RequestKind.MATCH_SEQREC_RESCORE, 30);
        assertEquals(first, plan.measured(RequestKind.MATCH_SEQREC_RESCORE, 30));
        assertEquals(first, plan.measured(RequestKind.SEQREC_QUERY, 30));
        assertEquals(first.subList(0, 5), plan.measured(RequestKind.RECOMMEND, 5));
        assertEquals(
                "4 users over 30 requests: repeats",
                4,
                first.stream().map(RequestInput::userId).distinct().count());
        assertSame(HistoryMode.REPEAT, plan.mode());
        assertEquals(users, plan.eventUsers());
        for (RequestInput in : first) {
            BenchUsers.User user = users.stream()
                    .filter(u -> u.id().equals(in.userId()))
                    .findFirst()
                    .orElseThrow();
            assertEquals(user.history(50), in.history());
        }
        assertTrue(plan.describe("Beauty.txt", 42).startsWith("`repeat`: the last 50 items of 4 users of Beauty.txt"));
    }

    @Test
    public void aPlanWithoutHistoriesRefusesAKindThatNeedsOne() {
        InputPlan plan = InputPlan.distinct(histories(3), 0, 5, 20, 42);
        assertEquals(20, plan.measured(RequestKind.MATCH_QUERY_RESCORE, 20).size());
        assertThrows(IllegalStateException.class, () -> plan.measured(RequestKind.RECOMMEND, 1));
        assertThrows(IllegalArgumentException.class, () -> InputPlan.distinct(List.of(), 5, 5, 20, 42));
    }
}
