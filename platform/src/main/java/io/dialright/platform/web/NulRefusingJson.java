package io.dialright.platform.web;

import java.io.IOException;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Request bodies may not carry the NUL character (U+0000) in any string: PostgreSQL cannot store it in a text
 * column, so one NUL in a name or a source turned the request into a 500 when it reached the database. Refused while
 * the body is read ({@link NulCharacterException}: a 400 naming the field), before anything is done.
 */
@Singleton
public class NulRefusingJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("dialright-refuse-nul").addDeserializer(String.class,
                new NulRefusingStrings()));
    }

    /** Jackson's own reading of strings (also inside lists and arrays), then the check. */
    static final class NulRefusingStrings extends StringDeserializer {

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String value = super.deserialize(parser, context);
            if (value != null && value.indexOf('\u0000') >= 0) {
                throw new NulCharacterException(parser);
            }
            return value;
        }
    }
}
