package dev.streamproc.model.priming;

import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * A SnapStart runtime hook (org.crac): before Lambda snapshots the initialised container, a function runs its hot path
 * once on {@link SampleTweet}, so that a restored container starts with those classes loaded and initialised instead
 * of loading them during its first batch. A pass sends nothing and keeps nothing, so there is nothing to restore.
 *
 * @param <T> what one pass builds (returned for tests, dropped by the hook)
 */
public abstract class PrimingHook<T> implements Resource {

    private int timesPrimed;

    /** Registers with the global context; the caller keeps the hook (the context may hold it weakly). */
    public static <H extends PrimingHook<?>> H register(H hook) {
        Core.getGlobalContext().register(hook);
        return hook;
    }

    /** One pass over the function's hot path with the sample. */
    protected abstract T prime();

    @Override
    public final void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
        timesPrimed++;
    }

    @Override
    public final void afterRestore(Context<? extends Resource> context) {
        // nothing to restore: priming holds no connection, thread or random state
    }

    /** How often the runtime ran the hook. */
    public int timesPrimed() {
        return timesPrimed;
    }
}
