package org.seqrec.it.demo;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seqrec.trainer.synthetic.Product;
import org.seqrec.trainer.synthetic.ShopCatalogue;

/**
 * One shopper of the demo: the products they viewed (oldest first) and what they now search for.
 * Immutable.
 *
 * @param viewed the viewed products, oldest first, at least one
 * @param query the search text
 */
public record ShopperStory(List<Product> viewed, String query) {

    public ShopperStory {
        viewed = List.copyOf(viewed);
        if (viewed.isEmpty()) {
            throw new IllegalArgumentException("a story needs at least one viewed product");
        }
    }

    /**
     * Looks the item ids up in the synthetic shop's catalogue.
     *
     * @throws IllegalArgumentException naming the first id the catalogue does not have
     */
    public static ShopperStory of(List<String> itemIds, String query) {
        Map<String, Product> byId = new HashMap<>();
        List<Product> catalogue = ShopCatalogue.catalogue();
        catalogue.forEach(p -> byId.put(p.itemId(), p));
        List<Product> viewed = itemIds.stream()
                .map(id -> {
                    Product p = byId.get(id);
                    if (p == null) {
                        throw new IllegalArgumentException("--history: unknown item id '" + id + "'; the shop has "
                                + catalogue.getFirst().itemId() + ".."
                                + catalogue.getLast().itemId());
                    }
                    return p;
                })
                .toList();
        return new ShopperStory(viewed, query);
    }

    public List<String> itemIds() {
        return viewed.stream().map(Product::itemId).toList();
    }

    /** The category of the last viewed product. */
    public String currentCategory() {
        return viewed.getLast().category();
    }

    /** The category shoppers of the synthetic shop move on to after the current one. */
    public String driftTarget() {
        return ShopCatalogue.nextCategory(currentCategory());
    }

    /** The style word (first word of the title) this shopper viewed most; ties go to the latest. */
    public String preferredStyle() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        String best = null;
        for (Product p : viewed) {
            String style = styleOf(p.title());
            int n = counts.merge(style, 1, Integer::sum);
            if (best == null || n >= counts.get(best)) {
                best = style;
            }
        }
        return best;
    }

    /** "viewed: wool ski jacket, fleece ski jacket, wool winter gloves; searches for "ski"". */
    public String describe() {
        return "viewed (oldest first): "
                + String.join(", ", viewed.stream().map(Product::title).toList()) + "\nnow searches for:      \""
                + query + "\"";
    }

    /** The style word of a product title: its first word ({@code wool} in {@code wool ski jacket}). */
    static String styleOf(String title) {
        return title.split(" ", 2)[0];
    }
}
