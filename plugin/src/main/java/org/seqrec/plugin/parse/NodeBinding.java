package org.seqrec.plugin.parse;

import java.io.IOException;
import java.util.function.Supplier;
import org.opensearch.common.io.stream.BytesStreamOutput;
import org.opensearch.core.common.io.stream.NamedWriteable;
import org.opensearch.core.common.io.stream.NamedWriteableAwareStreamInput;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.index.query.QueryRewriteContext;
import org.seqrec.plugin.SeqRecServices;

/**
 * How the {@code seqrec} query and rescorer builders reach the node's {@link SeqRecServices}.
 * Builders made by a parser or a stream reader carry a supplier of them; a builder made in Java code
 * has none and is bound by a round trip through the node's writeable registry, whose reader for
 * {@code seqrec} clauses hands the node's services in.
 */
public final class NodeBinding {
    private NodeBinding() {}

    /**
     * The node's services.
     *
     * @throws IllegalStateException before the plugin created them
     */
    public static SeqRecServices services(Supplier<SeqRecServices> services) {
        SeqRecServices node = services.get();
        if (node == null) {
            throw new IllegalStateException("the seqrec plugin is not initialised on this node yet");
        }
        return node;
    }

    /**
     * A copy of {@code builder} made by the node's own reader for its category (query or rescorer),
     * so bound to the node's services. Once per request, for builders made in Java code only.
     */
    public static <T extends NamedWriteable, C extends NamedWriteable> T bound(T builder, Class<C> category, QueryRewriteContext ctx)
            throws IOException {
        try (BytesStreamOutput out = new BytesStreamOutput()) {
            out.writeNamedWriteable(builder);
            try (StreamInput in = new NamedWriteableAwareStreamInput(out.bytes().streamInput(), ctx.getWriteableRegistry())) {
                @SuppressWarnings("unchecked")
                T copy = (T) in.readNamedWriteable(category);
                return copy;
            }
        }
    }
}
