package io.intinode.transfer.webseed;

import io.intinode.transfer.download.SequentialPartial;
import java.util.Optional;

/**
 * What a webseed fetch notes beside its partial download so that a later fetch (after a restart) can continue
 * it safely: the URL the bytes came from and the validator the server sent, which goes back as {@code If-Range}.
 * As text: the URL, a newline, the validator, a newline. A note that does not read back whole is ignored (the
 * fetch then continues without If-Range; the store's whole-blob check still decides).
 */
record ResumeNote(String url, String validator) {
    ResumeNote {
        if (!fits(url, validator)) {
            throw new IllegalArgumentException("not a resume note: '" + url + "', '" + validator + "'");
        }
    }

    /** The note for this URL and validator, if both fit in one. */
    static Optional<ResumeNote> of(String url, String validator) {
        return fits(url, validator) ? Optional.of(new ResumeNote(url, validator)) : Optional.empty();
    }

    private static boolean fits(String url, String validator) {
        return printable(url) && printable(validator) && validator.length() <= RangeResumeStream.MAX_VALIDATOR_CHARS
                && url.length() + validator.length() + 2 <= SequentialPartial.MAX_NOTE_BYTES;
    }

    String encode() {
        return url + "\n" + validator + "\n";
    }

    /** The note in {@code text}, or empty when it is malformed, truncated or too long. */
    static Optional<ResumeNote> parse(String text) {
        if (text.length() > SequentialPartial.MAX_NOTE_BYTES || !text.endsWith("\n")) {
            return Optional.empty();
        }
        String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
        if (lines.length != 2) {
            return Optional.empty();
        }
        return of(lines[0], lines[1]);
    }

    /** Non-empty, printable ASCII: what a URL and an HTTP validator are. */
    private static boolean printable(String s) {
        return s != null && !s.isEmpty() && s.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
    }
}
