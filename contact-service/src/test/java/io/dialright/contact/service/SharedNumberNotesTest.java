package io.dialright.contact.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.dialright.contact.domain.ContactPhone;
import org.junit.jupiter.api.Test;

class SharedNumberNotesTest {

    @Test
    void bothLabelsAndBothCommentsAreKept() {
        MergeService.SharedNumberNotes notes = MergeService.SharedNumberNotes.of(phone("main", "evenings"),
                phone("home", "not before 10"));

        assertThat(notes.label()).isEqualTo("main / home");
        assertThat(notes.comment()).isEqualTo("evenings; not before 10");
    }

    @Test
    void aLabelAlreadyThereIsNotRepeatedAndAMissingOneIsTaken() {
        assertThat(MergeService.SharedNumberNotes.of(phone("main / home", null), phone("Home", null)).label())
                .isEqualTo("main / home");
        assertThat(MergeService.SharedNumberNotes.of(phone(null, null), phone("work", null)).label())
                .isEqualTo("work");
        assertThat(MergeService.SharedNumberNotes.of(phone("work", null), phone(null, null)).label())
                .isEqualTo("work");
        assertThat(MergeService.SharedNumberNotes.of(phone(null, " "), phone(null, null)).comment()).isNull();
    }

    @Test
    void aLabelThatWouldMakeItLongerThanALabelMayBeGoesIntoTheComment() {
        String long40 = "x".repeat(40);

        MergeService.SharedNumberNotes notes = MergeService.SharedNumberNotes.of(phone(long40, "evenings"),
                phone("reception desk", null));

        assertThat(notes.label()).isEqualTo(long40);
        assertThat(notes.comment()).isEqualTo("evenings; also labelled reception desk");
    }

    private static ContactPhone phone(String label, String comment) {
        ContactPhone phone = new ContactPhone();
        phone.label = label;
        phone.comment = comment;
        return phone;
    }
}
