package dev.streamproc.producer.synthetic;

import java.util.ArrayList;
import java.util.List;

/** Builds a tweet text while recording its entities at code-point offsets, as Twitter does. */
final class TextBuilder {

    /** A hashtag ({@code user == null}) or a mention, with Twitter's [start, end) code-point indices. */
    record Entity(String text, int start, int end, SyntheticUser user) {
    }

    private final StringBuilder text = new StringBuilder();
    private final List<Entity> hashtags = new ArrayList<>();
    private final List<Entity> mentions = new ArrayList<>();

    TextBuilder append(String s) {
        text.append(s);
        return this;
    }

    TextBuilder hashtag(String tag) {
        int start = codePoints();
        text.append('#').append(tag);
        hashtags.add(new Entity(tag, start, codePoints(), null));
        return this;
    }

    TextBuilder mention(SyntheticUser user) {
        int start = codePoints();
        text.append('@').append(user.screenName());
        mentions.add(new Entity(user.screenName(), start, codePoints(), user));
        return this;
    }

    /** A retweet's body: the original text, its entities moved to where they now sit. */
    TextBuilder appendStatus(SyntheticTweets.Status original) {
        int shift = codePoints();
        text.append(original.text());
        for (Entity h : original.hashtags()) {
            hashtags.add(new Entity(h.text(), h.start() + shift, h.end() + shift, null));
        }
        for (Entity m : original.mentions()) {
            mentions.add(new Entity(m.text(), m.start() + shift, m.end() + shift, m.user()));
        }
        return this;
    }

    private int codePoints() {
        return text.codePointCount(0, text.length());
    }

    String text() {
        return text.toString();
    }

    List<Entity> hashtags() {
        return List.copyOf(hashtags);
    }

    List<Entity> mentions() {
        return List.copyOf(mentions);
    }
}
