package dev.streamproc.producer.ssm;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamproc.producer.source.SourceState;
import dev.streamproc.producer.source.SourceStateStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * The source position between invocations, kept in one SSM String parameter as a JSON object
 * (e.g. {@code {"#WorldCup":"1861...","synthetic:42:next":"300"}}). Read fresh every run (no
 * cache: it changes every run); absent means "start from scratch". The function needs
 * ssm:GetParameter and ssm:PutParameter on exactly this parameter.
 */
public final class SsmSourceStateStore implements SourceStateStore {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SsmClient ssm;
    private final String parameter;

    public SsmSourceStateStore(SsmClient ssm, String parameter) {
        this.ssm = ssm;
        this.parameter = parameter;
    }

    @Override
    public SourceState load() {
        String value;
        try {
            value = ssm.getParameter(r -> r.name(parameter)).parameter().value();
        } catch (ParameterNotFoundException e) {
            return SourceState.empty();
        }
        try {
            return new SourceState(JSON.readValue(value, new TypeReference<Map<String, String>>() { }));
        } catch (IOException e) {
            throw new IllegalStateException("SSM parameter " + parameter
                    + " does not hold a JSON object of strings; fix or delete it", e);
        }
    }

    @Override
    public void save(SourceState state) {
        String value;
        try {
            value = JSON.writeValueAsString(state.asMap());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ssm.putParameter(r -> r.name(parameter).value(value).type(ParameterType.STRING).overwrite(true));
    }
}
