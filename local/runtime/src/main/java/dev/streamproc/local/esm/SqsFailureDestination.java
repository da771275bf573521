package dev.streamproc.local.esm;

import software.amazon.awssdk.services.sqs.SqsClient;

/** An SQS queue named by its ARN ({@code arn:aws:sqs:REGION:ACCOUNT:NAME}) as on-failure destination. */
public final class SqsFailureDestination implements FailureDestination {

    private final SqsClient sqs;
    private final String queueArn;
    private volatile String queueUrl;

    public SqsFailureDestination(SqsClient sqs, String queueArn) {
        this.sqs = sqs;
        this.queueArn = queueArn;
    }

    @Override
    public void send(String failureRecordJson) {
        if (queueUrl == null) {
            String name = queueArn.substring(queueArn.lastIndexOf(':') + 1);
            queueUrl = sqs.getQueueUrl(r -> r.queueName(name)).queueUrl();
        }
        sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(failureRecordJson));
    }

    @Override
    public String toString() {
        return queueArn;
    }
}
