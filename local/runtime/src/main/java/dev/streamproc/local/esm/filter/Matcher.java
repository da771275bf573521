package dev.streamproc.local.esm.filter;

import com.fasterxml.jackson.databind.JsonNode;

/** One element of a pattern's value list: a literal or an operator, tested against one value of the document. */
interface Matcher {

    /** @param value the value at the pattern's path, or null when the document has no such key */
    boolean matches(JsonNode value);

    /** Whether this matcher is about presence ({@code exists}); those see an array whole, not element by element. */
    default boolean aboutPresence() {
        return false;
    }
}
