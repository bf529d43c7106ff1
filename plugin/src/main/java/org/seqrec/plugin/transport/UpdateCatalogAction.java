package org.seqrec.plugin.transport;

import org.opensearch.action.ActionType;

/**
 * {@code cluster:admin/seqrec/model/catalog}: puts or removes one model in the cluster's
 * {@link org.seqrec.plugin.store.ModelCatalog}, on the cluster-manager node, and answers once every
 * node applied the change. Internal: sent by the put and delete actions after the store was written.
 */
public final class UpdateCatalogAction extends ActionType<UpdateCatalogResponse> {
    public static final String NAME = "cluster:admin/seqrec/model/catalog";
    public static final UpdateCatalogAction INSTANCE = new UpdateCatalogAction();

    private UpdateCatalogAction() {
        super(NAME, UpdateCatalogResponse::new);
    }
}
