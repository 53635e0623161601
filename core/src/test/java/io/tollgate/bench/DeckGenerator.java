package io.tollgate.bench;

import io.tollgate.core.csv.BadInputException;
import io.tollgate.core.csv.CsvInput;
import io.tollgate.core.money.Rounding;
import io.tollgate.core.rating.RateDeck;
import io.tollgate.core.rating.RateDeckCsv;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Reproducible vendor decks for the benchmarks (fixed seed: the same decks on every run and machine).
 *
 * <p>A shared pool of world destination codes: every country code below is a root row (the "rest of country" fallback
 * real decks carry), and under them {@code poolSize} distinct prefixes of 3–9 digits grown as a tree (a prefix is a
 * parent extended by one digit, so decks nest like {@code 44 → 447 → 4477 → 44770}). Each vendor quotes
 * {@code prefixesPerVendor} of the pool (all roots + a random subset) at its own rates. Rows carry every column of the
 * canonical CSV; about 4% of prefixes have two versions (an old window ended by a new one), 2% a window that ended
 * before {@link #AT} and 1% a row that starts after it, so lookups also fall back to shorter prefixes.
 */
public final class DeckGenerator {
    public static final long SEED = 20_260_101L;
    public static final int VENDORS = 20;
    public static final int PREFIXES_PER_VENDOR = 100_000;
    public static final int POOL = 150_000;
    /** The instant every benchmark rates and routes at. */
    public static final Instant AT = Instant.parse("2026-06-01T12:00:00Z");
    public static final String HEADER =
            "prefix,destination,rate,effective_from,effective_to,connect_fee,increments,min_duration";

    /** Country code, name, digits of a national number, relative weight in the pool, fixed and mobile base rate. */
    private record Country(String code, String name, int nsn, int weight, double fixed, double mobile) {
    }

    private static final List<Country> COUNTRIES = List.of(
            new Country("1", "USA-Canada", 10, 40, 0.004, 0.004),
            new Country("7", "Russia", 10, 10, 0.02, 0.05),
            new Country("20", "Egypt", 10, 4, 0.05, 0.08),
            new Country("27", "South Africa", 9, 4, 0.03, 0.09),
            new Country("30", "Greece", 10, 3, 0.008, 0.03),
            new Country("31", "Netherlands", 9, 3, 0.007, 0.04),
            new Country("32", "Belgium", 9, 3, 0.008, 0.05),
            new Country("33", "France", 9, 5, 0.006, 0.03),
            new Country("34", "Spain", 9, 5, 0.006, 0.02),
            new Country("36", "Hungary", 9, 2, 0.01, 0.04),
            new Country("39", "Italy", 10, 5, 0.007, 0.03),
            new Country("40", "Romania", 9, 3, 0.01, 0.04),
            new Country("41", "Switzerland", 9, 3, 0.01, 0.08),
            new Country("43", "Austria", 10, 3, 0.01, 0.05),
            new Country("44", "United Kingdom", 10, 8, 0.004, 0.02),
            new Country("45", "Denmark", 8, 2, 0.008, 0.02),
            new Country("46", "Sweden", 9, 3, 0.006, 0.02),
            new Country("47", "Norway", 8, 2, 0.008, 0.03),
            new Country("48", "Poland", 9, 4, 0.008, 0.02),
            new Country("49", "Germany", 11, 8, 0.005, 0.03),
            new Country("51", "Peru", 9, 2, 0.01, 0.04),
            new Country("52", "Mexico", 10, 8, 0.006, 0.01),
            new Country("53", "Cuba", 8, 1, 0.6, 0.7),
            new Country("54", "Argentina", 10, 4, 0.01, 0.08),
            new Country("55", "Brazil", 11, 8, 0.01, 0.04),
            new Country("56", "Chile", 9, 2, 0.01, 0.03),
            new Country("57", "Colombia", 10, 3, 0.01, 0.03),
            new Country("58", "Venezuela", 10, 2, 0.03, 0.1),
            new Country("60", "Malaysia", 9, 3, 0.01, 0.02),
            new Country("61", "Australia", 9, 4, 0.01, 0.03),
            new Country("62", "Indonesia", 10, 5, 0.02, 0.04),
            new Country("63", "Philippines", 10, 4, 0.04, 0.08),
            new Country("64", "New Zealand", 9, 1, 0.01, 0.04),
            new Country("65", "Singapore", 8, 1, 0.005, 0.005),
            new Country("66", "Thailand", 9, 3, 0.01, 0.01),
            new Country("81", "Japan", 10, 4, 0.02, 0.06),
            new Country("82", "South Korea", 10, 3, 0.01, 0.02),
            new Country("84", "Vietnam", 9, 3, 0.04, 0.05),
            new Country("86", "China", 11, 8, 0.006, 0.006),
            new Country("90", "Turkey", 10, 3, 0.02, 0.1),
            new Country("91", "India", 10, 8, 0.01, 0.01),
            new Country("92", "Pakistan", 10, 4, 0.03, 0.06),
            new Country("93", "Afghanistan", 9, 1, 0.2, 0.25),
            new Country("94", "Sri Lanka", 9, 1, 0.05, 0.07),
            new Country("95", "Myanmar", 9, 1, 0.1, 0.12),
            new Country("98", "Iran", 10, 2, 0.05, 0.06),
            new Country("212", "Morocco", 9, 2, 0.05, 0.3),
            new Country("213", "Algeria", 9, 2, 0.06, 0.35),
            new Country("216", "Tunisia", 8, 1, 0.08, 0.3),
            new Country("221", "Senegal", 9, 1, 0.15, 0.25),
            new Country("225", "Ivory Coast", 10, 1, 0.15, 0.25),
            new Country("233", "Ghana", 9, 2, 0.1, 0.15),
            new Country("234", "Nigeria", 10, 4, 0.05, 0.08),
            new Country("237", "Cameroon", 9, 1, 0.2, 0.25),
            new Country("243", "DR Congo", 9, 1, 0.3, 0.35),
            new Country("251", "Ethiopia", 9, 1, 0.2, 0.25),
            new Country("254", "Kenya", 9, 2, 0.05, 0.08),
            new Country("255", "Tanzania", 9, 1, 0.1, 0.15),
            new Country("256", "Uganda", 9, 1, 0.1, 0.15),
            new Country("263", "Zimbabwe", 9, 1, 0.2, 0.25),
            new Country("351", "Portugal", 9, 2, 0.006, 0.02),
            new Country("353", "Ireland", 9, 1, 0.006, 0.03),
            new Country("355", "Albania", 9, 1, 0.1, 0.3),
            new Country("370", "Lithuania", 8, 1, 0.01, 0.03),
            new Country("380", "Ukraine", 9, 2, 0.05, 0.1),
            new Country("381", "Serbia", 9, 1, 0.05, 0.2),
            new Country("385", "Croatia", 9, 1, 0.01, 0.1),
            new Country("420", "Czech Republic", 9, 1, 0.008, 0.02),
            new Country("421", "Slovakia", 9, 1, 0.01, 0.03),
            new Country("880", "Bangladesh", 10, 3, 0.02, 0.02),
            new Country("886", "Taiwan", 9, 1, 0.01, 0.05),
            new Country("966", "Saudi Arabia", 9, 2, 0.08, 0.1),
            new Country("971", "United Arab Emirates", 9, 2, 0.1, 0.12),
            new Country("972", "Israel", 9, 1, 0.01, 0.03));

    /** Country code prefixes no deck has: numbers under them have no route. */
    private static final String[] UNKNOWN_CODES = {"28", "80", "83", "89", "99"};

    private final List<String> pool = new ArrayList<>();
    private final List<Country> poolCountry = new ArrayList<>();
    private final int roots;
    private final int prefixesPerVendor;

    /** The benchmark decks: {@value #POOL} prefixes in the pool, {@value #PREFIXES_PER_VENDOR} per vendor. */
    public DeckGenerator() {
        this(POOL, PREFIXES_PER_VENDOR);
    }

    public DeckGenerator(int poolSize, int prefixesPerVendor) {
        SplittableRandom random = new SplittableRandom(SEED);
        Set<String> seen = new HashSet<>();
        List<List<String>> byCountry = new ArrayList<>();
        int[] cumulative = new int[COUNTRIES.size()];
        int total = 0;
        for (int c = 0; c < COUNTRIES.size(); c++) {
            Country country = COUNTRIES.get(c);
            add(country.code, country, seen);
            byCountry.add(new ArrayList<>(List.of(country.code)));
            total += country.weight;
            cumulative[c] = total;
        }
        roots = pool.size();
        while (pool.size() < roots + poolSize) {
            int c = Arrays.binarySearch(cumulative, random.nextInt(total) + 1);
            c = c >= 0 ? c : -c - 1;
            Country country = COUNTRIES.get(c);
            List<String> nodes = byCountry.get(c);
            String prefix = nodes.get(random.nextInt(nodes.size()));
            if (prefix.length() >= 6 && random.nextInt(prefix.length() - 4) != 0) {
                continue; // grow long prefixes less often, so lengths peak around 7 digits as in real decks
            }
            do {
                prefix += (char) ('0' + random.nextInt(10));
            } while (prefix.length() < 3);
            if (prefix.length() <= 9 && prefix.length() < country.code.length() + country.nsn - 1
                    && add(prefix, country, seen)) {
                nodes.add(prefix);
            }
        }
        if (prefixesPerVendor > pool.size()) {
            throw new IllegalArgumentException("a vendor cannot quote more prefixes than the pool holds");
        }
        this.prefixesPerVendor = prefixesPerVendor;
    }

    private boolean add(String prefix, Country country, Set<String> seen) {
        if (!seen.add(prefix)) {
            return false;
        }
        pool.add(prefix);
        poolCountry.add(country);
        return true;
    }

    public static String vendorId(int vendor) {
        return String.format(Locale.ROOT, "v%02d", vendor + 1);
    }

    /** Distinct prefixes in the pool, country roots included. */
    public int poolSize() {
        return pool.size();
    }

    /** Writes vendor {@code vendor}'s deck as canonical CSV, rows sorted by prefix; returns the number of rows. */
    public int writeDeck(int vendor, Appendable out) throws IOException {
        SplittableRandom random = new SplittableRandom(SEED * 31 + vendor);
        double vendorFactor = 0.85 + 0.3 * random.nextDouble();
        String defaultIncrements = vendor % 3 == 0 ? "1/1" : vendor % 3 == 1 ? "60/60" : "30/6";
        int[] chosen = choosePrefixes(random);
        out.append(HEADER).append('\n');
        int rows = 0;
        StringBuilder line = new StringBuilder(96);
        for (int i : chosen) {
            String prefix = pool.get(i);
            Country country = poolCountry.get(i);
            char kind = prefix.length() > country.code.length() ? prefix.charAt(country.code.length()) : '0';
            boolean mobile = kind >= '6';
            String destination = country.name + (mobile ? " Mobile" : kind == '0' ? "" : " Fixed")
                    + (mobile ? " " + (char) ('A' + (kind - '6')) : "");
            double base = (mobile ? country.mobile : country.fixed) * vendorFactor;
            String rate = rate(base * (0.9 + 0.2 * random.nextDouble()));
            String increments = random.nextInt(10) == 0 ? "60/60" : defaultIncrements;
            String connectFee = random.nextInt(10) == 0 ? "0.0100" : "";
            String minDuration = random.nextInt(20) == 0 ? "30" : "";
            int window = i < roots ? 99 : random.nextInt(100);
            if (window < 4) { // an old version ended by the current one
                rows += row(out, line, prefix, destination, rate(base * 1.1), "2025-07-01", "2026-04-01T00:00:00Z",
                        connectFee, increments, minDuration);
                rows += row(out, line, prefix, destination, rate, "2026-04-01T00:00:00Z", "", connectFee,
                        increments, minDuration);
            } else if (window < 6) { // ended before AT: the number falls back to a shorter prefix
                rows += row(out, line, prefix, destination, rate, "2026-01-01", "2026-03-01T00:00:00Z", connectFee,
                        increments, minDuration);
            } else if (window < 7) { // starts after AT
                rows += row(out, line, prefix, destination, rate, "2026-09-01", "", connectFee, increments,
                        minDuration);
            } else {
                rows += row(out, line, prefix, destination, rate, "2026-01-01", "", connectFee, increments,
                        minDuration);
            }
        }
        return rows;
    }

    /** Every root, then a random subset of the rest, in prefix order. */
    private int[] choosePrefixes(SplittableRandom random) {
        int[] indexes = new int[pool.size() - roots];
        for (int i = 0; i < indexes.length; i++) {
            indexes[i] = roots + i;
        }
        int wanted = prefixesPerVendor - roots;
        for (int i = 0; i < wanted; i++) {
            int j = i + random.nextInt(indexes.length - i);
            int t = indexes[i];
            indexes[i] = indexes[j];
            indexes[j] = t;
        }
        Integer[] chosen = new Integer[prefixesPerVendor];
        for (int i = 0; i < roots; i++) {
            chosen[i] = i;
        }
        for (int i = 0; i < wanted; i++) {
            chosen[roots + i] = indexes[i];
        }
        Arrays.sort(chosen, (a, b) -> pool.get(a).compareTo(pool.get(b)));
        return Arrays.stream(chosen).mapToInt(Integer::intValue).toArray();
    }

    /** Writes one CSV row of {@code fields} (no quoting needed: generated fields have no commas); returns 1 row. */
    private static int row(Appendable out, StringBuilder line, String... fields) throws IOException {
        line.setLength(0);
        for (String field : fields) {
            line.append(field).append(',');
        }
        line.setLength(line.length() - 1);
        out.append(line).append('\n');
        return 1;
    }

    private static String rate(double perMinute) {
        return String.format(Locale.ROOT, "%.4f", Math.max(0.0001, perMinute));
    }

    /** Writes vendor {@code vendor}'s deck to {@code dir/<vendor-id>.csv}. */
    public Path writeDeck(int vendor, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(vendorId(vendor) + ".csv");
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            writeDeck(vendor, out);
        }
        return file;
    }

    /** Vendor {@code vendor}'s deck, imported by {@link RateDeckCsv} as a file would be. */
    public RateDeck deck(int vendor) {
        StringBuilder csv = new StringBuilder(8 << 20);
        try {
            writeDeck(vendor, csv);
            try (CsvInput in = CsvInput.open(new StringReader(csv.toString()), vendorId(vendor),
                    RateDeckCsv.REQUIRED, RateDeckCsv.COLUMNS)) {
                return RateDeckCsv.read(in, Rounding.DEFAULT, RateDeckCsv.BadRows.REFUSE).deck();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (BadInputException e) {
            throw new IllegalStateException("generated deck refused: " + e.getMessage(), e);
        }
    }

    /** The first {@code vendors} decks by vendor id. */
    public Map<String, RateDeck> decks(int vendors) {
        Map<String, RateDeck> decks = new TreeMap<>();
        for (int v = 0; v < vendors; v++) {
            decks.put(vendorId(v), deck(v));
        }
        return decks;
    }

    /**
     * Full-length dialled numbers (E.164 digits): 95% extend a random pool prefix to its country's length (so they
     * match, often at the longest prefix of some vendors and at a shorter one for others), 5% are under country codes
     * no deck has.
     */
    public String[] numbers(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        String[] numbers = new String[count];
        StringBuilder n = new StringBuilder(15);
        for (int i = 0; i < count; i++) {
            n.setLength(0);
            int length;
            if (random.nextInt(20) == 0) {
                n.append(UNKNOWN_CODES[random.nextInt(UNKNOWN_CODES.length)]);
                length = 11;
            } else {
                int p = random.nextInt(pool.size());
                Country country = poolCountry.get(p);
                n.append(pool.get(p));
                length = country.code.length() + country.nsn;
            }
            while (n.length() < length) {
                n.append((char) ('0' + random.nextInt(10)));
            }
            numbers[i] = n.toString();
        }
        return numbers;
    }
}
