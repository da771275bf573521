package dev.streamproc.lambdakit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.InternalServerErrorException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

class BatchWriterTest {

    @Test
    void throttlingServerErrorsAndIoProblemsAreWorthRetrying() {
        assertThat(BatchWriter.isTransient(ProvisionedThroughputExceededException.builder()
                .statusCode(400).awsErrorDetails(error("ProvisionedThroughputExceededException")).build())).isTrue();
        assertThat(BatchWriter.isTransient(DynamoDbException.builder()
                .statusCode(400).awsErrorDetails(error("ThrottlingException")).build())).isTrue();
        assertThat(BatchWriter.isTransient(InternalServerErrorException.builder().statusCode(500).build())).isTrue();
        assertThat(BatchWriter.isTransient(SdkClientException.create("connection reset"))).isTrue();
    }

    @Test
    void validationErrorsAndMissingTablesAreNot() {
        assertThat(BatchWriter.isTransient(DynamoDbException.builder()
                .statusCode(400).awsErrorDetails(error("ValidationException")).build())).isFalse();
        assertThat(BatchWriter.isTransient(ResourceNotFoundException.builder()
                .statusCode(400).awsErrorDetails(error("ResourceNotFoundException")).build())).isFalse();
    }

    private static AwsErrorDetails error(String code) {
        return AwsErrorDetails.builder().errorCode(code).errorMessage(code).build();
    }
}
