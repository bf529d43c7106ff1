package org.seqrec.trainer.synthetic;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * A small synthetic shop: {@value #CATEGORY_COUNT} categories x {@value #STYLE_COUNT} products
 * (titles such as {@code wool winter gloves}, ids {@code sku-100..sku-195}) and user sessions with
 * interest drift. Categories form a fixed ring of related ones (ski jackets -> winter gloves ->
 * ski goggles -> ski helmets -> running shoes -> ...); a user starts in a random category, views a
 * few products there, then drifts to the next category of the ring, and so on. Each user prefers
 * one style (wool, fleece, ...) and picks products of that style with probability
 * {@link Settings#styleAffinity()}, otherwise a uniform product of the current category.
 * A good sequence model therefore ranks next-category items of the user's style first.
 * Deterministic for a given {@link Settings}.
 *
 * @param products all products, grouped by category in ring order
 * @param log the generated sessions
 */
public record ShopCatalogue(List<Product> products, SyntheticLog log) {
    public static final int CATEGORY_COUNT = 8;
    public static final int STYLE_COUNT = 12;
    /** Category slug and the noun used in titles, in drift order (the last drifts to the first). */
    static final String[][] CATEGORIES = {
        {"ski-jackets", "ski jacket"}, {"gloves", "winter gloves"}, {"goggles", "ski goggles"},
        {"helmets", "ski helmet"}, {"running-shoes", "running shoes"}, {"running-socks", "running socks"},
        {"sports-watches", "sports watch"}, {"water-bottles", "water bottle"},
    };

    static final String[] STYLES = {
        "wool",
        "fleece",
        "waterproof",
        "lightweight",
        "insulated",
        "black",
        "red",
        "blue",
        "kids",
        "pro",
        "classic",
        "eco",
    };
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    /**
     * @param users number of users
     * @param stagesMin fewest categories a user visits (at least 1)
     * @param stagesMax most categories a user visits
     * @param viewsMin fewest views per category (at least 1)
     * @param viewsMax most views per category
     * @param styleAffinity probability that a view picks the user's preferred style
     * @param seed random seed
     */
    public record Settings(
            int users, int stagesMin, int stagesMax, int viewsMin, int viewsMax, double styleAffinity, long seed) {
        public Settings {
            if (users < 1 || stagesMin < 1 || stagesMax < stagesMin || viewsMin < 1 || viewsMax < viewsMin) {
                throw new IllegalArgumentException(
                        "need users >= 1, 1 <= stagesMin <= stagesMax, 1 <= viewsMin <= viewsMax");
            }
            if (!(styleAffinity >= 0 && styleAffinity <= 1)) {
                throw new IllegalArgumentException("styleAffinity must be in [0, 1], got " + styleAffinity);
            }
        }

        /** 1000 users, 2..4 categories of 2..4 views each, style affinity 0.7. */
        public static Settings defaults(long seed) {
            return new Settings(1000, 2, 4, 2, 4, 0.7, seed);
        }
    }

    public ShopCatalogue {
        products = List.copyOf(products);
    }

    /** The product catalogue alone (the same for every seed). */
    public static List<Product> catalogue() {
        List<Product> products = new ArrayList<>();
        for (int c = 0; c < CATEGORY_COUNT; c++) {
            for (int s = 0; s < STYLE_COUNT; s++) {
                products.add(new Product(
                        "sku-" + (100 + c * STYLE_COUNT + s), STYLES[s] + " " + CATEGORIES[c][1], CATEGORIES[c][0], s));
            }
        }
        return products;
    }

    public static ShopCatalogue generate(Settings s) {
        List<Product> products = catalogue();
        Random random = new Random(s.seed());
        List<SyntheticLog.UserLog> users = new ArrayList<>();
        for (int u = 0; u < s.users(); u++) {
            int category = random.nextInt(CATEGORY_COUNT);
            int style = random.nextInt(STYLE_COUNT);
            int stages = between(random, s.stagesMin(), s.stagesMax());
            long t = PlantedPatternData.START + u * 97L;
            List<SyntheticLog.Event> events = new ArrayList<>();
            for (int stage = 0; stage < stages; stage++) {
                int c = (category + stage) % CATEGORY_COUNT;
                int views = between(random, s.viewsMin(), s.viewsMax());
                for (int v = 0; v < views; v++) {
                    int pick = random.nextDouble() < s.styleAffinity() ? style : random.nextInt(STYLE_COUNT);
                    t += 5 + random.nextInt(300);
                    events.add(new SyntheticLog.Event(
                            products.get(c * STYLE_COUNT + pick).itemId(), t));
                }
            }
            users.add(new SyntheticLog.UserLog(String.format(Locale.ROOT, "user-%04d", u), events));
        }
        return new ShopCatalogue(products, new SyntheticLog(users));
    }

    private static int between(Random random, int min, int max) {
        return min + random.nextInt(max - min + 1);
    }

    /** The category that users drift to after {@code category} (a slug). */
    public static String nextCategory(String category) {
        for (int c = 0; c < CATEGORY_COUNT; c++) {
            if (CATEGORIES[c][0].equals(category)) {
                return CATEGORIES[(c + 1) % CATEGORY_COUNT][0];
            }
        }
        throw new IllegalArgumentException("unknown category '" + category + "'");
    }

    /** One JSON document per line: {@code {"id", "item_id", "title", "category"}}. */
    public void writeCatalogue(Path file) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (Product p : products) {
                w.write(GSON.toJson(document(p)) + "\n");
            }
        }
    }

    /**
     * The catalogue as an OpenSearch {@code _bulk} body for {@code index}: an {@code index} action
     * line (with {@code _id} = item id) before each document, ending with a newline.
     */
    public void writeBulk(Path file, String index) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (Product p : products) {
                Map<String, Object> action = new LinkedHashMap<>();
                action.put("_index", index);
                action.put("_id", p.itemId());
                w.write(GSON.toJson(Map.of("index", action)) + "\n");
                w.write(GSON.toJson(document(p)) + "\n");
            }
        }
    }

    private static Map<String, Object> document(Product p) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("id", p.itemId());
        doc.put("item_id", p.itemId());
        doc.put("title", p.title());
        doc.put("category", p.category());
        return doc;
    }
}
