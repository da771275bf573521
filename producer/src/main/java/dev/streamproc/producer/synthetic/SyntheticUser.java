package dev.streamproc.producer.synthetic;

/** An author in the synthetic world; rank 0 is the most active. */
record SyntheticUser(int rank, long id, String screenName, String name, String location, String description,
                     int followers, int friends, int statuses, String createdAt, boolean verified,
                     Language language) {

    String idStr() {
        return Long.toString(id);
    }
}
