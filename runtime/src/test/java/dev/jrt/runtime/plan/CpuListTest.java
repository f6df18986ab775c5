package dev.jrt.runtime.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jrt.runtime.api.OciRuntimeException;
import org.junit.jupiter.api.Test;

class CpuListTest {
    @Test
    void rangesAndSinglesBecomeACpuSetMask() {
        assertArrayEquals(new byte[] {(byte) 0x8f, 0, 0, 0, 0, 0, 0, 0}, CpuList.parse("/p", "0-3,7"));
        byte[] m = CpuList.parse("/p", "64");
        assertEquals(16, m.length);
        assertEquals(1, m[8]);
    }

    @Test
    void aBadListNamesTheFieldAndTheFormat() {
        OciRuntimeException e = assertThrows(OciRuntimeException.class, () -> CpuList.parse("/process/execCPUAffinity/final", "3-1"));
        assertEquals("config.json: /process/execCPUAffinity/final: invalid CPU list \"3-1\": range 3-1 goes backwards;"
                + " expected comma-separated CPU numbers and ranges such as 0-3,7", e.getMessage());
        assertThrows(OciRuntimeException.class, () -> CpuList.parse("/p", "a"));
        assertThrows(OciRuntimeException.class, () -> CpuList.parse("/p", ""));
        assertThrows(OciRuntimeException.class, () -> CpuList.parse("/p", "99999"));
    }
}
