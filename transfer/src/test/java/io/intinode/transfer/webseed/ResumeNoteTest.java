package io.intinode.transfer.webseed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.intinode.transfer.download.SequentialPartial;
import org.junit.jupiter.api.Test;

class ResumeNoteTest {
    @Test
    void readsBackWhatItWrote() {
        ResumeNote note = new ResumeNote("http://127.0.0.1:8080/sha256/ab", "\"65f1-3000\"");
        assertThat(note.encode()).isEqualTo("http://127.0.0.1:8080/sha256/ab\n\"65f1-3000\"\n");
        assertThat(ResumeNote.parse(note.encode())).contains(note);
        ResumeNote date = new ResumeNote("http://h/x", "Tue, 08 Dec 2026 02:00:00 GMT");
        assertThat(ResumeNote.parse(date.encode())).contains(date);
    }

    @Test
    void malformedNotesAreIgnored() {
        assertThat(ResumeNote.parse("")).isEmpty();
        assertThat(ResumeNote.parse("\n")).isEmpty();
        assertThat(ResumeNote.parse("http://h/x\n")).as("no validator").isEmpty();
        assertThat(ResumeNote.parse("http://h/x\n\n")).as("empty validator").isEmpty();
        assertThat(ResumeNote.parse("http://h/x\n\"a\"\nextra\n")).as("a third line").isEmpty();
        assertThat(ResumeNote.parse("http://h/x\n\"a\tb\"\n")).as("a control character").isEmpty();
        assertThat(ResumeNote.parse("http://h/é\n\"a\"\n")).as("not ASCII").isEmpty();
    }

    @Test
    void aTruncatedNoteIsIgnored() {
        String whole = new ResumeNote("http://h/x", "\"abc\"").encode();
        for (int length = 0; length < whole.length(); length++) {
            assertThat(ResumeNote.parse(whole.substring(0, length))).as("%d characters", length).isEmpty();
        }
    }

    @Test
    void oversizedNotesAreIgnoredOrNotMade() {
        String longUrl = "http://h/" + "x".repeat(SequentialPartial.MAX_NOTE_BYTES);
        assertThat(ResumeNote.parse(longUrl + "\n\"a\"\n")).isEmpty();
        assertThat(ResumeNote.of(longUrl, "\"a\"")).isEmpty();
        String longValidator = "\"" + "v".repeat(RangeResumeStream.MAX_VALIDATOR_CHARS) + "\"";
        assertThat(ResumeNote.of("http://h/x", longValidator)).isEmpty();
        assertThat(ResumeNote.parse("http://h/x\n" + longValidator + "\n")).isEmpty();
        assertThatThrownBy(() -> new ResumeNote("http://h/x", longValidator))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
