package dev.streamproc.athena;

import io.trino.sql.tree.DefaultTraversalVisitor;
import io.trino.sql.tree.Node;
import io.trino.sql.tree.Table;

import java.util.Set;
import java.util.TreeSet;

/** Small questions asked of parsed Trino SQL. */
final class SqlFiles {

    private SqlFiles() {
    }

    /** Names of the tables a statement reads. */
    static Set<String> tablesReadBy(Node statement) {
        Set<String> tables = new TreeSet<>();
        new DefaultTraversalVisitor<Void>() {
            @Override
            protected Void visitTable(Table node, Void context) {
                tables.add(node.getName().toString());
                return null;
            }
        }.process(statement, null);
        return tables;
    }
}
