package dev.jrt.runtime.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.jrt.spec.ConfigLoader;
import dev.jrt.spec.model.Spec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SocketActivationTest {
    @Test
    void onlyDescriptorsMeantForThisProcessArePassed() {
        assertEquals(2, SocketActivation.fromEnvironment(Map.of("LISTEN_FDS", "2", "LISTEN_PID", "42"), 42).listenFds());
        assertEquals(0, SocketActivation.fromEnvironment(Map.of("LISTEN_FDS", "2", "LISTEN_PID", "7"), 42).listenFds());
        assertEquals(0, SocketActivation.fromEnvironment(Map.of("LISTEN_FDS", "x", "LISTEN_PID", "42"), 42).listenFds());
        assertEquals(0, SocketActivation.fromEnvironment(Map.of(), 42).listenFds());
    }

    @Test
    void theProcessIsToldItsListenFdsAndThatItIsTheListener() {
        Spec spec = ConfigLoader.parse("""
                {"ociVersion": "1.0.2", "root": {"path": "rootfs"},
                 "process": {"args": ["sh"], "cwd": "/", "env": ["PATH=/bin", "LISTEN_FDS=9"]},
                 "linux": {"namespaces": [{"type": "mount"}]}}""");
        assertEquals(List.of("PATH=/bin", "LISTEN_FDS=2", "LISTEN_PID=1"),
                new SocketActivation(2).apply(spec).process().env());
        assertSame(spec, new SocketActivation(0).apply(spec));
    }
}
