package dev.streamproc.transformer;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

import java.nio.charset.StandardCharsets;

/** The invocation context Lambda passes, with plausible values. */
final class TestContext implements Context {

    @Override
    public String getAwsRequestId() {
        return "6f1c3e2a-0d4b-4a8e-9a51-3c2b7e9d1f00";
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/streamproc-FirehoseTransformerFunction";
    }

    @Override
    public String getLogStreamName() {
        return "2026/11/23/[$LATEST]abcdef";
    }

    @Override
    public String getFunctionName() {
        return "streamproc-FirehoseTransformerFunction";
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:us-east-1:123456789012:function:streamproc-FirehoseTransformerFunction";
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return 60_000;
    }

    @Override
    public int getMemoryLimitInMB() {
        return 512;
    }

    @Override
    public LambdaLogger getLogger() {
        return new LambdaLogger() {
            @Override
            public void log(String message) {
                System.out.print(message);
            }

            @Override
            public void log(byte[] message) {
                System.out.print(new String(message, StandardCharsets.UTF_8));
            }
        };
    }
}
