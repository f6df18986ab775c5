package dev.jrt.spec.json;

import com.fasterxml.jackson.databind.DatabindException;
import dev.jrt.spec.model.LinuxSeccompArg;
import dev.jrt.spec.model.PosixRlimit;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class Uint64Test {

    @Test
    void readsTheWholeUnsignedRangeIntoTheBitsOfALong() throws Exception {
        PosixRlimit rlimit = Json.mapper().readValue(
                "{\"type\":\"RLIMIT_CORE\",\"hard\":18446744073709551615,\"soft\":9223372036854775808}",
                PosixRlimit.class);
        assertEquals(-1L, rlimit.hard());
        assertEquals(Long.MIN_VALUE, rlimit.soft());
        assertEquals("18446744073709551615", Long.toUnsignedString(rlimit.hard()));
    }

    @Test
    void writesTheUnsignedDecimal() {
        String json = Json.compact(new LinuxSeccompArg(0L, -1L, 42L, "SCMP_CMP_EQ"));
        assertEquals("{\"index\":0,\"value\":18446744073709551615,\"valueTwo\":42,\"op\":\"SCMP_CMP_EQ\"}", json);
    }

    @Test
    void refusesNegativeAndTooLargeValues() {
        assertThrows(DatabindException.class, () -> Json.mapper().readValue(
                "{\"type\":\"RLIMIT_CORE\",\"hard\":-1,\"soft\":0}", PosixRlimit.class));
        assertThrows(DatabindException.class, () -> Json.mapper().readValue(
                "{\"type\":\"RLIMIT_CORE\",\"hard\":18446744073709551616,\"soft\":0}", PosixRlimit.class));
    }

    @Test
    void readsIntegralFloatsAsJsonSchemaCountsThemIntegers() throws Exception {
        PosixRlimit rlimit = Json.mapper().readValue(
                "{\"type\":\"RLIMIT_CORE\",\"hard\":1.0,\"soft\":1.8446744073709551615e19}", PosixRlimit.class);
        assertEquals(1L, rlimit.hard());
        assertEquals(-1L, rlimit.soft());
    }

    @Test
    void refusesNonIntegers() {
        assertThrows(DatabindException.class, () -> Json.mapper().readValue(
                "{\"type\":\"RLIMIT_CORE\",\"hard\":\"10\",\"soft\":0}", PosixRlimit.class));
        assertThrows(DatabindException.class, () -> Json.mapper().readValue(
                "{\"type\":\"RLIMIT_CORE\",\"hard\":1.5,\"soft\":0}", PosixRlimit.class));
    }
}
