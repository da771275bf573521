package dev.streamproc.producer.ssm;

/**
 * The four OAuth 1.0a values of the v1.1 API (twitter4j). {@link #toString()} hides them.
 */
public record TwitterCredentials(String consumerKey, String consumerSecret, String accessToken,
                                 String accessTokenSecret) {

    /** Reads {@code <prefix>/consumer_key}, {@code consumer_secret}, {@code access_token_key}, {@code access_token_secret}. */
    public static TwitterCredentials load(SecretParameters ssm, String prefix) {
        return new TwitterCredentials(
                ssm.require(prefix + "/consumer_key"),
                ssm.require(prefix + "/consumer_secret"),
                ssm.require(prefix + "/access_token_key"),
                ssm.require(prefix + "/access_token_secret"));
    }

    /** Reads {@code <prefix>/bearer_token} (X API v2, app-only auth). */
    public static String loadBearerToken(SecretParameters ssm, String prefix) {
        return ssm.require(prefix + "/bearer_token");
    }

    @Override
    public String toString() {
        return "TwitterCredentials[****]";
    }
}
