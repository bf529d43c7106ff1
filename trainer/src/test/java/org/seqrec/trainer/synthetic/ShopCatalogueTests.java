package org.seqrec.trainer.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShopCatalogueTests {
    @TempDir
    Path dir;

    @Test
    void catalogueHasEightCategoriesOfTwelveProducts() {
        List<Product> products = ShopCatalogue.catalogue();
        assertEquals(96, products.size());
        assertEquals(96, products.stream().map(Product::itemId).distinct().count());
        assertEquals(8, products.stream().map(Product::category).distinct().count());
        assertTrue(products.contains(new Product("sku-112", "wool winter gloves", "gloves", 0)), products.toString());
        assertEquals("goggles", ShopCatalogue.nextCategory("gloves"));
        assertEquals("ski-jackets", ShopCatalogue.nextCategory("water-bottles"));
        assertThrows(IllegalArgumentException.class, () -> ShopCatalogue.nextCategory("hats"));
    }

    @Test
    void deterministicBySeed() {
        ShopCatalogue a = ShopCatalogue.generate(ShopCatalogue.Settings.defaults(1));
        assertEquals(a, ShopCatalogue.generate(ShopCatalogue.Settings.defaults(1)));
        assertNotEquals(
                a.log(),
                ShopCatalogue.generate(ShopCatalogue.Settings.defaults(2)).log());
    }

    @Test
    void sessionsDriftAlongTheCategoryRingAndKeepStyle() {
        ShopCatalogue shop = ShopCatalogue.generate(ShopCatalogue.Settings.defaults(5));
        Map<String, Product> byId = new HashMap<>();
        shop.products().forEach(p -> byId.put(p.itemId(), p));
        int sameStyle = 0;
        int views = 0;
        for (SyntheticLog.UserLog u : shop.log().users()) {
            List<Product> seen = u.items().stream().map(byId::get).toList();
            assertTrue(seen.size() >= 4 && seen.size() <= 16, "views " + seen.size());
            for (int i = 1; i < seen.size(); i++) {
                String prev = seen.get(i - 1).category();
                String cur = seen.get(i).category();
                assertTrue(
                        cur.equals(prev) || cur.equals(ShopCatalogue.nextCategory(prev)),
                        u.user() + " jumped from " + prev + " to " + cur);
            }
            Map<Integer, Long> styles =
                    seen.stream().collect(Collectors.groupingBy(Product::style, Collectors.counting()));
            sameStyle +=
                    styles.values().stream().mapToLong(Long::longValue).max().orElse(0);
            views += seen.size();
            List<SyntheticLog.Event> ev = u.events();
            for (int i = 1; i < ev.size(); i++) {
                assertTrue(ev.get(i).timestamp() > ev.get(i - 1).timestamp());
            }
        }
        // affinity 0.7 plus uniform picks that hit the style by chance: ~72% of views
        double share = (double) sameStyle / views;
        assertTrue(share > 0.65 && share < 0.8, "preferred style share " + share);
    }

    @Test
    void writesCatalogueAndBulkBody() throws Exception {
        ShopCatalogue shop = ShopCatalogue.generate(new ShopCatalogue.Settings(3, 1, 1, 1, 1, 1.0, 1));
        Path docs = dir.resolve("catalogue.ndjson");
        Path bulk = dir.resolve("bulk.ndjson");
        shop.writeCatalogue(docs);
        shop.writeBulk(bulk, "products");
        List<String> lines = Files.readAllLines(docs);
        assertEquals(96, lines.size());
        JsonObject first = JsonParser.parseString(lines.get(0)).getAsJsonObject();
        assertEquals(Set.of("id", "item_id", "title", "category"), first.keySet());
        assertEquals("sku-100", first.get("item_id").getAsString());
        assertEquals("wool ski jacket", first.get("title").getAsString());
        List<String> bulkLines = Files.readAllLines(bulk);
        assertEquals(192, bulkLines.size());
        assertEquals("{\"index\":{\"_index\":\"products\",\"_id\":\"sku-100\"}}", bulkLines.get(0));
        assertEquals(lines.get(0), bulkLines.get(1));
        assertTrue(Files.readString(bulk).endsWith("\n"), "a _bulk body must end with a newline");
    }
}
