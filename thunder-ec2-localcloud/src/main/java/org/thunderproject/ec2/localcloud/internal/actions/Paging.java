package org.thunderproject.ec2.localcloud.internal.actions;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.ToLongFunction;
import org.thunderproject.ec2.localcloud.internal.http.QueryParams;
import org.thunderproject.ec2.localcloud.internal.model.Ec2Error;

/**
 * MaxResults/NextToken paging. Tokens carry the creation sequence number of the next item, so
 * pages stay consistent while resources are added or removed between calls.
 */
public final class Paging {

    /**
     * One page.
     *
     * @param <T> the item type
     * @param items the page's items
     * @param nextToken the token for the next page, or null on the last page
     */
    public record Page<T>(List<T> items, String nextToken) {}

    private Paging() {}

    /**
     * The page the request asks for from {@code items} (sorted by {@code seq}). Without MaxResults
     * and NextToken: everything. MaxResults must lie in [min, 1000].
     */
    public static <T> Page<T> page(List<T> items, ToLongFunction<T> seq, QueryParams params, int min) {
        Integer max = params.integer("MaxResults").orElse(null);
        String token = params.string("NextToken");
        if (max == null && (token == null || token.isEmpty())) {
            return new Page<>(items, null);
        }
        int size = max == null ? 1000 : max;
        if (size < min || size > 1000) {
            throw Ec2Error.invalidValue("Value ( " + size + " ) for parameter maxResults is invalid. "
                    + "Expecting a value between " + min + " and 1000.");
        }
        long from = token == null || token.isEmpty() ? Long.MIN_VALUE : decode(token);
        int start = 0;
        while (start < items.size() && seq.applyAsLong(items.get(start)) < from) {
            start++;
        }
        int end = Math.min(items.size(), start + size);
        String next = end < items.size() ? encode(seq.applyAsLong(items.get(end))) : null;
        return new Page<>(List.copyOf(items.subList(start, end)), next);
    }

    private static String encode(long seq) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(("localcloud:" + seq).getBytes(StandardCharsets.UTF_8));
    }

    private static long decode(String token) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (text.startsWith("localcloud:")) {
                return Long.parseLong(text.substring("localcloud:".length()));
            }
        } catch (IllegalArgumentException e) {
            // falls through to the error below
        }
        throw Ec2Error.of(
                "InvalidPaginationToken", "The specified pagination token is not valid or is expired: " + token);
    }
}
