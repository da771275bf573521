package dev.streamproc.producer.source;

/** Keeps a {@link SourceState} between runs (an SSM parameter in Lambda, memory in the CLI). */
public interface SourceStateStore {

    SourceState load();

    void save(SourceState state);

    /** State that lives as long as this object: the CLI, tests, and functions without SINCE_ID_PARAMETER. */
    static SourceStateStore inMemory() {
        return new SourceStateStore() {
            private SourceState current = SourceState.empty();

            @Override
            public synchronized SourceState load() {
                return current.copy();
            }

            @Override
            public synchronized void save(SourceState state) {
                current = state.copy();
            }
        };
    }
}
