package dev.streamproc.producer.ssm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamproc.local.cloud.server.ParameterStore;
import dev.streamproc.local.cloud.server.SsmServer;
import dev.streamproc.producer.ProducerSettings;
import dev.streamproc.producer.source.SourceState;
import dev.streamproc.producer.source.TweetSources;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/** Credentials and source state against the local Parameter Store (real SDK client, real HTTP). */
class SsmParametersTest {

    static SsmServer server;
    static SsmClient ssm;

    @BeforeAll
    static void start() {
        server = SsmServer.start(SsmServer.Config.inMemory().withSeed(Map.of(
                "/twitter/consumer_key", new SsmServer.SeedParameter(ParameterStore.Type.SECURE_STRING, "ck-value"),
                "/twitter/consumer_secret", new SsmServer.SeedParameter(ParameterStore.Type.SECURE_STRING, "cs-value"),
                "/twitter/access_token_key", new SsmServer.SeedParameter(ParameterStore.Type.SECURE_STRING, "at-value"),
                "/custom/bearer_token", new SsmServer.SeedParameter(ParameterStore.Type.SECURE_STRING, "bearer-value"))));
        ssm = SsmClient.builder().endpointOverride(URI.create(server.endpoint())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    @AfterAll
    static void stop() {
        ssm.close();
        server.close();
    }

    @Test
    void secureStringsAreReadDecrypted() {
        SecretParameters secrets = new SecretParameters(ssm);
        assertThat(secrets.require("/custom/bearer_token")).isEqualTo("bearer-value");
        assertThat(TwitterCredentials.loadBearerToken(secrets, "/custom")).isEqualTo("bearer-value");
    }

    @Test
    void aMissingParameterIsOneLineNamingItAndNoValue() {
        SecretParameters secrets = new SecretParameters(ssm);
        assertThatThrownBy(() -> TwitterCredentials.load(secrets, "/twitter"))
                .isInstanceOf(MissingParameterException.class)
                .hasMessage("SSM parameter /twitter/access_token_secret not found: create it (SecureString) or set "
                        + "TWITTER_PARAMETER_PREFIX")
                .hasNoCause()
                .satisfies(e -> assertThat(e.getStackTrace()).isEmpty());
    }

    @Test
    void theFunctionsSourceFactoryReadsTheBearerTokenUnderThePrefix() {
        ProducerSettings missing = ProducerSettings.fromEnvironment(Map.of("STREAM_NAME", "s",
                "TWEET_SOURCE", "x-api-v2"));
        assertThatThrownBy(() -> TweetSources.create(missing, () -> new SecretParameters(ssm)))
                .hasMessageStartingWith("SSM parameter /twitter/bearer_token not found");
        ProducerSettings custom = ProducerSettings.fromEnvironment(Map.of("STREAM_NAME", "s",
                "TWEET_SOURCE", "x-api-v2", "TWITTER_PARAMETER_PREFIX", "/custom/"));
        assertThat(TweetSources.create(custom, () -> new SecretParameters(ssm)).name()).isEqualTo("x-api-v2");
    }

    @Test
    void sourceStateIsOneJsonStringParameterAbsentMeaningFromScratch() {
        SsmSourceStateStore store = new SsmSourceStateStore(ssm, "/streamproc/producer/since-ids");
        assertThat(store.load().asMap()).isEmpty();

        SourceState state = SourceState.empty();
        state.put("#月曜日", "1861234567890123456");
        state.put("synthetic:42:next", "300");
        store.save(state);
        store.save(state); // overwrite works

        assertThat(store.load().asMap()).isEqualTo(state.asMap());
        var stored = ssm.getParameter(r -> r.name("/streamproc/producer/since-ids")).parameter();
        assertThat(stored.type()).isEqualTo(ParameterType.STRING);
        assertThat(stored.value()).isEqualTo("{\"#月曜日\":\"1861234567890123456\",\"synthetic:42:next\":\"300\"}");
    }

    @Test
    void aCorruptStateParameterIsAClearErrorNotASilentRestart() {
        ssm.putParameter(r -> r.name("/broken/state").value("not json").type(ParameterType.STRING));
        assertThatThrownBy(() -> new SsmSourceStateStore(ssm, "/broken/state").load())
                .hasMessageContaining("SSM parameter /broken/state does not hold a JSON object");
    }
}
