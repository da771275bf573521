package dev.streamproc.local.cloud.template;

/**
 * A YAML tag that is no CloudFormation intrinsic function (e.g. {@code !Bogus foo}), kept where it stood so that
 * {@link TemplateChecks} can reject it naming the resource and property; CloudFormation rejects such a template.
 */
public record UnknownTag(String tag, int line, Object value) {
}
