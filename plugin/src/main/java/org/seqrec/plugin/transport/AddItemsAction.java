package org.seqrec.plugin.transport;

import org.opensearch.action.ActionType;

/**
 * {@code cluster:admin/seqrec/model/items}: adds items, with their features, to a model trained with
 * item features, as a new version of the model in the cluster's model store.
 */
public final class AddItemsAction extends ActionType<AddItemsResponse> {
    public static final String NAME = "cluster:admin/seqrec/model/items";
    public static final AddItemsAction INSTANCE = new AddItemsAction();

    private AddItemsAction() {
        super(NAME, AddItemsResponse::new);
    }
}
