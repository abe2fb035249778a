package io.dialright.consent.domain;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/**
 * An operator's access to a contact, learnt from the dialer's hand-outs and from calls; mapped for queries, written
 * by {@code OperatorAssignments} only.
 */
@Entity
@Table(name = "operator_assignment")
@IdClass(OperatorAssignment.Key.class)
public class OperatorAssignment {

    /** The composite id: one row per contact and operator. */
    public static class Key implements Serializable {

        public UUID contactId;
        public String operatorId;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(contactId, key.contactId)
                    && Objects.equals(operatorId, key.operatorId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(contactId, operatorId);
        }
    }

    @Id
    @Column(name = "contact_id")
    public UUID contactId;

    @Id
    @Column(name = "operator_id")
    public String operatorId;

    /** The operator's team when the contact was handed to them; {@code null} when only a call was seen. */
    public String team;

    @Column(name = "last_contact_at", nullable = false)
    public Instant lastContactAt;
}
