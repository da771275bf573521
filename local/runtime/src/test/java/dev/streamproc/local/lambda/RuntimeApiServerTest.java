package dev.streamproc.local.lambda;

import dev.streamproc.local.lambda.LambdaInvoker.InvocationResult;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The Runtime API over a plain socket, as the client's native HTTP code speaks it. */
class RuntimeApiServerTest {

    @Test
    void handsOutAnEventWithTheHeadersTheClientNeedsAndTakesItsResponse() throws Exception {
        List<RuntimeApiServer.FunctionError> initErrors = new CopyOnWriteArrayList<>();
        try (RuntimeApiServer api = new RuntimeApiServer("arn:aws:lambda:us-east-1:000000000000:function:f", () -> { }, initErrors::add)) {
            PendingInvocation invocation = new PendingInvocation("req-1", "{\"a\":1}".getBytes(StandardCharsets.UTF_8), 1_900_000_000_000L);
            api.submit(invocation);
            String[] hostPort = api.address().split(":");
            try (Socket socket = new Socket(hostPort[0], Integer.parseInt(hostPort[1]))) {
                OutputStream out = socket.getOutputStream();
                InputStream in = socket.getInputStream();
                out.write("GET /2018-06-01/runtime/invocation/next HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                String next = readResponse(in);
                out.write(("POST /2018-06-01/runtime/invocation/req-1/response HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
                        + "Transfer-Encoding: chunked\r\n\r\n3\r\n{\"o\r\n4\r\nk\":1\r\n1\r\n}\r\n0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                String continued = readResponse(in);
                String accepted = readResponse(in);

                assertThat(next).startsWith("HTTP/1.1 200 OK\r\n")
                        .contains("Lambda-Runtime-Aws-Request-Id: req-1\r\n")
                        .contains("Lambda-Runtime-Deadline-Ms: 1900000000000\r\n")
                        .contains("Lambda-Runtime-Invoked-Function-Arn: arn:aws:lambda:us-east-1:000000000000:function:f\r\n")
                        .containsPattern("Lambda-Runtime-Trace-Id: Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0\r\n")
                        .endsWith("\r\n\r\n{\"a\":1}");
                assertThat(continued).isEqualTo("HTTP/1.1 100 Continue\r\n\r\n");
                assertThat(accepted).startsWith("HTTP/1.1 202 Accepted\r\n");
            }
            InvocationResult result = invocation.result().get(5, TimeUnit.SECONDS);
            assertThat(new String(result.payload(), StandardCharsets.UTF_8)).isEqualTo("{\"ok\":1}");
        }
    }

    @Test
    void readsPipelinedRequestsWithLengthOrChunkedBodies() throws Exception {
        String wire = "POST /a HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello"
                + "POST /b?x=1 HTTP/1.1\r\nTransfer-Encoding: chunked\r\nLambda-Runtime-Function-Error-Type: Boom\r\n\r\n"
                + "2;ext=1\r\nhi\r\n0\r\nTrailer: t\r\n\r\n";
        HttpMessages.Reader reader = new HttpMessages.Reader(new ByteArrayInputStream(wire.getBytes(StandardCharsets.ISO_8859_1)),
                new ByteArrayOutputStream());

        HttpMessages.Request first = reader.next();
        HttpMessages.Request second = reader.next();

        assertThat(first.path()).isEqualTo("/a");
        assertThat(new String(first.body(), StandardCharsets.UTF_8)).isEqualTo("hello");
        assertThat(second.path()).isEqualTo("/b");
        assertThat(second.header("lambda-runtime-function-error-type")).isEqualTo("Boom");
        assertThat(new String(second.body(), StandardCharsets.UTF_8)).isEqualTo("hi");
        assertThat(reader.next()).isNull();
    }

    /** One response: head up to the blank line, then Content-Length bytes of body. */
    private static String readResponse(InputStream in) throws Exception {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            head.write(in.read());
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        int length = 0;
        for (String line : text.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        return text + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }
}
