package io.dialright.contact.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import io.dialright.platform.phone.PhoneNumberKind;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One number of a contact. The E.164 exists only sealed ({@code ciphertext}, AES-256-GCM bound to this row) and as
 * its blind index; {@code masked} is the only readable form. Use {@code PhoneVault} to seal and open it.
 */
@Entity
@Table(name = "contact_phone")
public class ContactPhone {

    /** The associated data of a sealed number: the row and column it belongs to. */
    public static String sealingContext(UUID phoneId) {
        return "contact_phone.ciphertext:" + phoneId;
    }

    @Id
    public UUID id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "contact_id")
    public Contact contact;

    @Column(nullable = false)
    public int position;

    @Column(name = "phone_hash", nullable = false, columnDefinition = "bpchar(64)")
    public String phoneHash;

    @Column(nullable = false)
    public byte[] ciphertext;

    @Column(name = "key_id", nullable = false)
    public String keyId;

    @Column(nullable = false)
    public String masked;

    @Column(nullable = false)
    public String type;

    @Column(nullable = false)
    public String region;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "time_zones", nullable = false, columnDefinition = "text[]")
    public List<String> timeZones = new ArrayList<>();

    public String label;

    public String comment;

    @Column(name = "last_confirmed_at")
    public Instant lastConfirmedAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public PhoneNumberKind kind() {
        return PhoneNumberKind.valueOf(type);
    }
}
