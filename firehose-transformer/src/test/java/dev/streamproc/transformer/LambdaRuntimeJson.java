package dev.streamproc.transformer;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;

/**
 * Reads and writes JSON exactly as the Lambda Java runtime (aws-lambda-java-runtime-interface-client) does: events
 * classes it knows go through {@link LambdaEventSerializers}, anything else through its {@link JacksonFactory}.
 */
final class LambdaRuntimeJson {

    private LambdaRuntimeJson() {
    }

    @SuppressWarnings("unchecked")
    static <T> PojoSerializer<T> serializerFor(Class<T> type) {
        if (LambdaEventSerializers.isLambdaSupportedEvent(type.getName())) {
            return LambdaEventSerializers.serializerFor(type, LambdaRuntimeJson.class.getClassLoader());
        }
        return (PojoSerializer<T>) JacksonFactory.getInstance().getSerializer(type);
    }

    static <T> T read(byte[] json, Class<T> type) {
        return serializerFor(type).fromJson(new ByteArrayInputStream(json));
    }

    @SuppressWarnings("unchecked")
    static <T> byte[] write(T value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        serializerFor((Class<T>) value.getClass()).toJson(value, out);
        return out.toByteArray();
    }
}
