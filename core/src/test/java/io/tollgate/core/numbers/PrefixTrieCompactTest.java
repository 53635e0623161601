package io.tollgate.core.numbers;

import io.tollgate.core.testing.Cases;
import io.tollgate.core.testing.Draw;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The compact layout {@link PrefixTrie#trim} converts to (child bitmap + first-child index per node) against the
 * building layout: a trimmed trie must answer every lookup exactly as the same trie untrimmed.
 */
class PrefixTrieCompactTest {
    private static final String ALL_DIGITS = "0123456789";
    private static final int MAX_DIGITS = 15;

    /** Prefixes to store, in put order, and numbers to look up. */
    record Deck(List<String> prefixes, List<String> numbers) {
    }

    /** A trie built from {@code before}, trimmed, then given the prefixes of {@code after}. */
    record TwoBatches(Deck before, Deck after) {
    }

    private static PrefixTrie<String> build(List<String> prefixes) {
        PrefixTrie<String> trie = new PrefixTrie<>();
        for (int i = 0; i < prefixes.size(); i++) {
            // the value names the prefix and every put that merged into it, so merge order is checked too
            trie.put(prefixes.get(i), prefixes.get(i) + "#" + i, (old, added) -> old + "," + added);
        }
        return trie;
    }

    private static List<Object> prefixesOf(PrefixTrie<String> trie, String number) {
        Object[] out = new Object[number.length() + 1];
        int n = trie.prefixesOf(number, out);
        return Arrays.asList(out).subList(0, n);
    }

    /** Every lookup of {@code deck} on {@code actual} gives what it gives on {@code expected}. */
    private static void sameAnswers(PrefixTrie<String> actual, PrefixTrie<String> expected, Deck deck) {
        assertThat(actual.size()).isEqualTo(expected.size());
        List<String> probes = new ArrayList<>(deck.numbers());
        for (String p : deck.prefixes()) {
            probes.add(p);
            for (int cut = 0; cut < p.length(); cut++) {
                probes.add(p.substring(0, cut)); // intermediate nodes, most of them without a value
            }
            probes.add(p + "0");
            probes.add(p + "9");
        }
        assertThat(answers(actual, probes)).isEqualTo(answers(expected, probes));
    }

    /** One line per probe: what prefixesOf, longestMatch and (for digits only) get answer. */
    private static List<String> answers(PrefixTrie<String> trie, List<String> probes) {
        List<String> answers = new ArrayList<>(probes.size());
        for (String number : probes) {
            String get = number.chars().allMatch(c -> c >= '0' && c <= '9') ? String.valueOf(trie.get(number)) : "-";
            answers.add("'" + number + "': prefixesOf " + prefixesOf(trie, number)
                    + ", longestMatch " + trie.longestMatch(number) + ", get " + get);
        }
        return answers;
    }

    @TestFactory
    Stream<DynamicTest> aTrimmedTrieAnswersLikeTheUntrimmedOne() {
        return Cases.draw("compact", 1000, PrefixTrieCompactTest::deck)
                .withEdgeCases(
                        new Deck(List.of(), List.of("", "0", "123")),
                        new Deck(List.of(""), List.of("", "5", "999")),
                        new Deck(List.of(ALL_DIGITS.split("")), List.of("0", "5", "9", "90", "")),
                        new Deck(List.of("9", "99", "999", "0", "00"), List.of("9999", "0000", "09", "90")),
                        new Deck(List.of("123456789012345", "1", "12345678901234", "123456789012349"),
                                List.of("1234567890123456789", "123456789012340", "12345678901234")))
                .check(deck -> {
                    PrefixTrie<String> trimmed = build(deck.prefixes());
                    trimmed.trim();
                    sameAnswers(trimmed, build(deck.prefixes()), deck);
                    trimmed.trim(); // a second trim changes nothing
                    sameAnswers(trimmed, build(deck.prefixes()), deck);
                });
    }

    @TestFactory
    Stream<DynamicTest> putAfterTrimKeepsWorkingAndTrimsAgain() {
        return Cases.draw("put after trim", 300, r -> new TwoBatches(deck(r), deck(r))).check(batches -> {
            List<String> first = batches.before().prefixes();
            List<String> more = batches.after().prefixes();
            List<String> all = new ArrayList<>(first);
            all.addAll(more);
            all.addAll(first); // merges into prefixes stored before the trim
            Deck everything = new Deck(all, concat(batches.before().numbers(), batches.after().numbers()));

            PrefixTrie<String> trie = build(first);
            trie.trim();
            for (int i = first.size(); i < all.size(); i++) {
                trie.put(all.get(i), all.get(i) + "#" + i, (old, added) -> old + "," + added);
            }
            sameAnswers(trie, build(all), everything);
            trie.trim();
            sameAnswers(trie, build(all), everything);
        });
    }

    @Test
    void theEmptyPrefixLivesAtTheRootOfATrimmedTrie() {
        PrefixTrie<String> trie = build(List.of("", "44"));
        trie.trim();
        assertThat(trie.get("")).isEqualTo("#0");
        assertThat(trie.longestMatch("")).isEqualTo("#0");
        assertThat(trie.longestMatch("33")).isEqualTo("#0");
        assertThat(trie.longestMatch("#44")).isEqualTo("#0");
        assertThat(trie.longestMatch("441")).isEqualTo("44#1");
        assertThat(prefixesOf(trie, "441")).containsExactly("#0", "44#1");
        assertThat(prefixesOf(trie, "")).containsExactly("#0");

        PrefixTrie<String> rootOnly = build(List.of(""));
        rootOnly.trim();
        assertThat(rootOnly.size()).isEqualTo(1);
        assertThat(prefixesOf(rootOnly, "0123456789")).containsExactly("#0");
        assertThat(rootOnly.get("0")).isNull();

        PrefixTrie<String> empty = new PrefixTrie<>();
        empty.trim();
        assertThat(empty.size()).isZero();
        assertThat(empty.get("")).isNull();
        assertThat(empty.longestMatch("44")).isNull();
        assertThat(prefixesOf(empty, "44")).isEmpty();
    }

    @Test
    void deepFifteenDigitPrefixesAreFoundAfterTrim() {
        String deep = "123456789012345";
        String sibling = "123456789012346"; // parts from `deep` at the last digit
        String other = "987654321098765"; // shares no node with the others below the root
        PrefixTrie<String> trie = build(List.of(deep, sibling, other, "1"));
        trie.trim();
        assertThat(trie.size()).isEqualTo(4);
        assertThat(trie.get(deep)).isEqualTo(deep + "#0");
        assertThat(trie.get(sibling)).isEqualTo(sibling + "#1");
        assertThat(trie.get(other)).isEqualTo(other + "#2");
        assertThat(trie.get(deep.substring(0, 14))).as("the intermediate node holds nothing").isNull();
        assertThat(trie.get(deep + "0")).isNull();
        assertThat(trie.longestMatch(deep + "6789")).isEqualTo(deep + "#0");
        assertThat(trie.longestMatch(sibling + "0")).isEqualTo(sibling + "#1");
        assertThat(trie.longestMatch("123456789012347")).isEqualTo("1#3");
        assertThat(trie.longestMatch(other)).isEqualTo(other + "#2");
        assertThat(trie.longestMatch(other.substring(0, 14))).isNull();
        assertThat(prefixesOf(trie, deep + "99")).containsExactly("1#3", deep + "#0");
    }

    @Test
    void nonDigitsAreHandledAsBeforeTrim() {
        PrefixTrie<String> trie = build(List.of("4", "44", "4412"));
        trie.trim();
        // '/' and ':' are the characters either side of '0'..'9'
        assertThat(trie.longestMatch("44/12")).isEqualTo("44#1");
        assertThat(trie.longestMatch("44:12")).isEqualTo("44#1");
        assertThat(prefixesOf(trie, "4#412")).containsExactly("4#0");
        assertThatThrownBy(() -> trie.get("4/")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> trie.get("4:")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void lookupsOnATrimmedTrieAllocateNothing() {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean bean
                && bean.isThreadAllocatedMemorySupported() && bean.isThreadAllocatedMemoryEnabled());
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Random r = new Random(Cases.seed());
        List<String> prefixes = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            prefixes.add(Draw.string(r, ALL_DIGITS, 1, 9));
        }
        PrefixTrie<String> trie = build(prefixes);
        trie.trim();
        String[] numbers = new String[1000];
        for (int i = 0; i < numbers.length; i++) {
            numbers[i] = prefixes.get(i) + Draw.string(r, ALL_DIGITS, 0, 6);
        }
        Object[] out = new Object[32];
        long sink = 0;
        for (int warm = 0; warm < 3; warm++) {
            sink += lookups(trie, numbers, out);
        }
        long before = bean.getCurrentThreadAllocatedBytes();
        sink += lookups(trie, numbers, out);
        long allocated = bean.getCurrentThreadAllocatedBytes() - before;
        // 3,000 lookups: even one small object each would be ~50 KB; allow for the measuring itself
        assertThat(allocated).as("bytes allocated by 3,000 lookups").isLessThan(1024);
        assertThat(sink).isPositive();
    }

    private static long lookups(PrefixTrie<String> trie, String[] numbers, Object[] out) {
        long sink = 0;
        for (String n : numbers) {
            sink += trie.prefixesOf(n, out);
            sink += trie.longestMatch(n) == null ? 0 : 1;
            sink += trie.get(n) == null ? 0 : 1;
        }
        return sink;
    }

    /**
     * Up to 150 prefixes of 0-15 digits over all ten digits, most grown from one drawn before (so they nest and
     * share nodes, as in real decks), and numbers that extend them, stop short of them or miss them.
     */
    static Deck deck(Random r) {
        int count = Draw.between(r, 0, 150);
        List<String> prefixes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String p;
            if (!prefixes.isEmpty() && Draw.chance(r, 0.7)) {
                String base = Draw.oneOf(r, prefixes);
                p = base + Draw.string(r, ALL_DIGITS, 0, 3);
                if (p.length() > MAX_DIGITS) {
                    p = p.substring(0, MAX_DIGITS);
                }
            } else {
                p = Draw.string(r, ALL_DIGITS, 0, Draw.chance(r, 0.1) ? MAX_DIGITS : 4);
            }
            prefixes.add(p);
        }
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String n = prefixes.isEmpty() || Draw.chance(r, 0.2)
                    ? Draw.string(r, ALL_DIGITS, 0, 18)
                    : Draw.oneOf(r, prefixes) + Draw.string(r, ALL_DIGITS, 0, 6);
            if (Draw.chance(r, 0.05) && !n.isEmpty()) {
                int at = r.nextInt(n.length());
                n = n.substring(0, at) + Draw.oneOf(r, "/", ":", "#", "a") + n.substring(at + 1);
            }
            numbers.add(n);
        }
        return new Deck(prefixes, numbers);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
