package org.seqrec.plugin.parse;

import java.io.IOException;
import org.opensearch.core.common.ParsingException;
import org.opensearch.core.xcontent.ObjectParser;
import org.opensearch.core.xcontent.XContentLocation;
import org.opensearch.core.xcontent.XContentParser;
import org.seqrec.plugin.clause.ClauseFields;
import org.seqrec.plugin.pipeline.SeqRecSearchExt;

/**
 * Parses the search request's {@code "ext": {"seqrec": {"user_id": "u-42"}}} section into a {@link
 * SeqRecSearchExt}: {@code user_id} is required (a string; a number is taken as its text), nothing
 * else is allowed. Every rejection is a {@link ParsingException} (400) naming the field.
 *
 * <p>Stateless and thread-safe.
 */
public final class SeqRecSearchExtParser {
    /** The owner named in messages: {@code ext.seqrec}. */
    public static final String NAME = "ext." + SeqRecSearchExt.NAME;

    private static final class Parsed {
        String userId;
    }

    private static final ObjectParser<Parsed, Void> PARSER = new ObjectParser<>(NAME, Parsed::new);

    static {
        PARSER.declareField(
                (p, v) -> p.userId = v,
                parser -> ClauseParsing.parseUserId(parser, NAME),
                ClauseFields.USER_ID,
                ObjectParser.ValueType.VALUE);
    }

    private SeqRecSearchExtParser() {}

    /** Parses the section's object (the parser is on its START_OBJECT). */
    public static SeqRecSearchExt parse(XContentParser parser) throws IOException {
        XContentLocation start = parser.getTokenLocation();
        Parsed p = ClauseParsing.parse(PARSER, parser);
        ClauseParsing.require(
                p.userId,
                NAME,
                ClauseFields.USER_ID.getPreferredName(),
                "the user whose events the [" + ClauseFields.PERSONALIZE_PROCESSOR
                        + "] search pipeline processor reads",
                start);
        return ClauseParsing.validated(NAME, start, () -> new SeqRecSearchExt(p.userId));
    }
}
