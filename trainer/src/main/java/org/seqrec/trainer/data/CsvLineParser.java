package org.seqrec.trainer.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one CSV line into fields (RFC 4180 subset): fields are comma separated; a field that
 * starts with a double quote runs to the matching closing quote, and {@code ""} inside it is one
 * quote character. Quoted fields may hold commas but not line breaks (one record per line).
 * Unquoted fields are trimmed of surrounding spaces. Stateless and thread-safe.
 */
final class CsvLineParser {
    private CsvLineParser() {}

    /** The fields of {@code line}; IllegalArgumentException says what is wrong and at which column. */
    static List<String> split(String line) {
        List<String> fields = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (true) {
            while (i < n && line.charAt(i) == ' ') {
                i++;
            }
            StringBuilder field = new StringBuilder();
            if (i < n && line.charAt(i) == '"') {
                int start = i;
                i++;
                boolean closed = false;
                while (i < n) {
                    char c = line.charAt(i);
                    if (c == '"') {
                        if (i + 1 < n && line.charAt(i + 1) == '"') {
                            field.append('"');
                            i += 2;
                            continue;
                        }
                        closed = true;
                        i++;
                        break;
                    }
                    field.append(c);
                    i++;
                }
                if (!closed) {
                    throw new IllegalArgumentException("unterminated quoted field starting at column " + (start + 1));
                }
                while (i < n && line.charAt(i) == ' ') {
                    i++;
                }
                if (i < n && line.charAt(i) != ',') {
                    throw new IllegalArgumentException("unexpected character after closing quote at column " + (i + 1));
                }
                fields.add(field.toString());
            } else {
                int comma = line.indexOf(',', i);
                int end = comma < 0 ? n : comma;
                String raw = line.substring(i, end).trim();
                if (raw.indexOf('"') >= 0) {
                    throw new IllegalArgumentException("double quote inside an unquoted field at column " + (i + 1));
                }
                fields.add(raw);
                i = end;
            }
            if (i >= n) {
                return fields;
            }
            i++; // the comma
        }
    }
}
