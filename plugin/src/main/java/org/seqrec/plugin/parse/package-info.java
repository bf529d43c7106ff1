/**
 * The parsers of every seqrec request body: the {@code seqrec} query, the {@code seqrec} rescore
 * clause and {@code _recommend}, one class each, all in one style ({@link
 * org.seqrec.plugin.parse.ClauseParsing}): bad input is a 400 naming the field and what it allows.
 */
package org.seqrec.plugin.parse;
