package dev.streamproc.local.cloud.template;

import dev.streamproc.local.cloud.LocalCloudException;

/** template.yaml cannot be used as written: the message is one line naming the file, the place and the problem. */
public class TemplateException extends LocalCloudException {

    public TemplateException(String message) {
        super(message);
    }

    public TemplateException(String message, Throwable cause) {
        super(message, cause);
    }
}
