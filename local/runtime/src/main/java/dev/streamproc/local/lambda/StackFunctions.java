package dev.streamproc.local.lambda;

import dev.streamproc.local.cloud.template.Template;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Every function of a template made runnable at once, so that all that is wrong is said together, one line per
 * function, before any server starts; plus one note per runtime that runs on a newer JDK than its own.
 *
 * @param functions the functions, template order
 * @param notes     e.g. "java21 functions run on JDK 25 (...): no JDK 21 on this machine"
 */
public record StackFunctions(List<FunctionSpec> functions, List<String> notes) {

    /** Where zip packages are unpacked under a stack's data directory. */
    public static Path unpackRoot(Path dataDir) {
        return dataDir.resolve("packages");
    }

    /** @throws FunctionCode.NotRunnable with one line per function that cannot run */
    public static StackFunctions of(Template template, Path dataDir, JavaRuntimes jdks) {
        List<FunctionSpec> functions = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Set<String> notes = new LinkedHashSet<>();
        for (Template.FunctionDef function : template.functions()) {
            try {
                FunctionSpec spec = FunctionSpec.of(function, unpackRoot(dataDir), jdks);
                functions.add(spec);
                jdks.choose(spec.runtime()).filter(c -> !c.exact()).ifPresent(c -> notes.add(c.note()));
            } catch (FunctionCode.NotRunnable e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new FunctionCode.NotRunnable(String.join(System.lineSeparator(), problems));
        }
        return new StackFunctions(List.copyOf(functions), List.copyOf(notes));
    }
}
