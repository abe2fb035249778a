package io.dialright.platform.idempotency;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a POST endpoint whose answer must be the moment's (a consent decision, a number check, a dial list), whose answer
 * may be given once only (an export's archive and its password), or whose request names itself (a call event by its
 * {@code eventId}): an {@code Idempotency-Key} is ignored there, and a repeat is answered afresh.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface NotReplayed {
}
