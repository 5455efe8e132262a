package io.voxify.query.library;

/**
 * How one voice's ratings change, as a sum and a count. The projection hands in the rating the user's row
 * held before the event ({@code previous}, null for none): a changed rating moves the sum and never the
 * count, and an event applied a second time (its row already holds the new rating) changes nothing. A
 * withdrawn voice (a deleted clone) counts nothing, whatever arrives after.
 */
record RatingTally(long sum, long count, boolean withdrawn) {
    static final RatingTally NONE = new RatingTally(0, 0, false);

    RatingTally rated(Integer previous, int rating) {
        if (withdrawn) {
            return this;
        }
        return previous == null
                ? new RatingTally(sum + rating, count + 1, false)
                : new RatingTally(sum - previous + rating, count, false);
    }

    RatingTally unrated(Integer previous) {
        if (withdrawn || previous == null) {
            return this;
        }
        return new RatingTally(sum - previous, count - 1, false);
    }

    RatingTally withdraw() {
        return new RatingTally(0, 0, true);
    }
}
