package dev.jrt.spec.json;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;

import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Marks a {@code Long} that holds an OCI {@code uint64}: the 64 bits of the unsigned value,
 * so values above {@link Long#MAX_VALUE} (such as RLIM_INFINITY, 18446744073709551615) are
 * negative in Java. Compare with {@link Long#compareUnsigned}, print with
 * {@link Long#toUnsignedString}; the bits go to the kernel unchanged.
 *
 * <p>JSON carries the unsigned decimal both ways.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.ANNOTATION_TYPE})
@JacksonAnnotationsInside
@JsonSerialize(using = Uint64.Serializer.class)
@JsonDeserialize(using = Uint64.Deserializer.class)
public @interface Uint64 {

    BigInteger MAX = new BigInteger("18446744073709551615");

    /** Writes the unsigned decimal value. */
    final class Serializer extends StdScalarSerializer<Long> {
        private static final long serialVersionUID = 1L;

        public Serializer() {
            super(Long.class);
        }

        @Override
        public void serialize(Long value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            if (value >= 0) {
                gen.writeNumber(value.longValue());
            } else {
                gen.writeNumber(new BigInteger(Long.toUnsignedString(value)));
            }
        }
    }

    /** Reads an integer from 0 to 2^64-1 into the bits of a long. */
    final class Deserializer extends StdScalarDeserializer<Long> {
        private static final long serialVersionUID = 1L;

        public Deserializer() {
            super(Long.class);
        }

        @Override
        public Long deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            BigInteger value;
            if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
                value = p.getBigIntegerValue();
            } else if (p.currentToken() == JsonToken.VALUE_NUMBER_FLOAT && isIntegral(p.getDecimalValue())) {
                // JSON Schema counts 1.0 as an integer, and Jackson reads it into a Long, so accept it here too.
                value = p.getDecimalValue().toBigIntegerExact();
            } else {
                return (Long) ctxt.handleUnexpectedToken(Long.class, p);
            }
            if (value.signum() < 0 || value.compareTo(MAX) > 0) {
                return (Long) ctxt.handleWeirdNumberValue(Long.class, value,
                        "must be an integer between 0 and 18446744073709551615");
            }
            return value.longValue();
        }

        private static boolean isIntegral(BigDecimal value) {
            return value.signum() == 0 || value.stripTrailingZeros().scale() <= 0;
        }
    }
}
