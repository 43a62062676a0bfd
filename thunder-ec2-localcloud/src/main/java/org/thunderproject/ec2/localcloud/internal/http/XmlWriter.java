package org.thunderproject.ec2.localcloud.internal.http;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Writes the body of an EC2 XML response: elements, leaves (skipped when null) and EC2's
 * {@code <xxxSet><item>…</item></xxxSet>} lists. Names are given as EC2 spells them.
 */
public final class XmlWriter {

    private final StringBuilder out = new StringBuilder(512);

    /** Opens {@code name}, runs {@code body}, closes it. */
    public XmlWriter element(String name, Consumer<XmlWriter> body) {
        out.append('<').append(name).append('>');
        body.accept(this);
        out.append("</").append(name).append('>');
        return this;
    }

    /** {@code <name>value</name>}, or nothing when value is null. */
    public XmlWriter leaf(String name, Object value) {
        if (value == null) {
            return this;
        }
        String text = value instanceof Instant instant ? timestamp(instant) : value.toString();
        out.append('<').append(name).append('>');
        escape(text);
        out.append("</").append(name).append('>');
        return this;
    }

    /** {@code <name><item>…</item>…</name>}, one item per element; {@code <name/>} when empty. */
    public <T> XmlWriter list(String name, Iterable<T> items, BiConsumer<XmlWriter, T> item) {
        int mark = out.length();
        out.append('<').append(name).append('>');
        boolean any = false;
        for (T t : items) {
            any = true;
            out.append("<item>");
            item.accept(this, t);
            out.append("</item>");
        }
        if (any) {
            out.append("</").append(name).append('>');
        } else {
            out.setLength(mark);
            out.append('<').append(name).append("/>");
        }
        return this;
    }

    /** EC2's timestamp format: ISO-8601 UTC with milliseconds. */
    public static String timestamp(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    /** Escapes text for XML content. */
    public static String escapeText(String text) {
        XmlWriter w = new XmlWriter();
        w.escape(text);
        return w.out.toString();
    }

    private void escape(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\r' -> out.append("&#13;");
                default -> {
                    // XML 1.0 cannot carry most control characters, even escaped.
                    if (c < 0x20 && c != '\n' && c != '\t') {
                        out.append('?');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }

    /** The XML written so far. */
    @Override
    public String toString() {
        return out.toString();
    }
}
