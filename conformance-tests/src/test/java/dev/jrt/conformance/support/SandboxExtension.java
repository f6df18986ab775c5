package dev.jrt.conformance.support;

import dev.jrt.conformance.Deviation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.opentest4j.TestAbortedException;

/**
 * Gives each test a fresh {@link Sandbox} and closes it afterwards; skips
 * (with the reason) when not root or when the runtime cannot run containers
 * on this host; fails when the runtime binary is missing; turns failures of
 * tests marked {@link Deviation} for the runtime under test into
 * known-deviation skips.
 */
public final class SandboxExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver, InvocationInterceptor {

    /** Prefix of the abort message of a known deviation (the results listener looks for it). */
    public static final String DEVIATION_PREFIX = "known deviation of ";

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(SandboxExtension.class);

    @Override
    public void beforeEach(ExtensionContext ctx) {
        if (!isRoot()) {
            throw new TestAbortedException("needs root (creates namespaces, mounts and cgroups)");
        }
        RuntimeUnderTest rt = RuntimeUnderTest.get();
        Assertions.assertTrue(rt.exists(), () -> "runtime binary " + rt.binary()
                + " does not exist or is not executable (set -Druntime=/path/to/runtime or RUNTIME)");
        rt.hostLimitation().ifPresent(reason -> {
            throw new TestAbortedException(reason);
        });
    }

    @Override
    public void afterEach(ExtensionContext ctx) {
        Sandbox sb = ctx.getStore(NS).remove(Sandbox.class, Sandbox.class);
        if (sb != null) {
            sb.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext ctx) {
        return p.getParameter().getType() == Sandbox.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext ctx) {
        return ctx.getStore(NS).getOrComputeIfAbsent(Sandbox.class, k -> {
            try {
                return new Sandbox(ctx.getRequiredTestMethod().getName());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, Sandbox.class);
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> inv, ExtensionContext ctx)
            throws Throwable {
        intercept(invocation, inv.getExecutable());
    }

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> inv,
                                            ExtensionContext ctx) throws Throwable {
        intercept(invocation, inv.getExecutable());
    }

    private static void intercept(Invocation<Void> invocation, Method method) throws Throwable {
        Optional<Deviation> dev = deviation(method, RuntimeUnderTest.get().name());
        if (dev.isEmpty()) {
            invocation.proceed();
            return;
        }
        try {
            invocation.proceed();
        } catch (TestAbortedException e) {
            throw e;
        } catch (Throwable t) {
            throw new TestAbortedException(DEVIATION_PREFIX + dev.get().runtime() + ": " + dev.get().reason()
                    + "\nobserved: " + t, t);
        }
        Assertions.fail("marked @Deviation for " + dev.get().runtime() + " but passed: remove the mark ("
                + dev.get().reason() + ")");
    }

    public static Optional<Deviation> deviation(Method m, String runtime) {
        return Arrays.stream(m.getAnnotationsByType(Deviation.class)).filter(d -> d.runtime().equals(runtime)).findFirst();
    }

    static boolean isRoot() {
        String status = Container.read(java.nio.file.Path.of("/proc/self/status"));
        return status.lines().anyMatch(l -> l.startsWith("Uid:") && l.split("\\s+")[2].equals("0"));
    }
}
