package dev.jrt.conformance.support;

import dev.jrt.conformance.Requirement;
import dev.jrt.conformance.report.ResultsFile;
import dev.jrt.conformance.report.TestResult;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Records each test's outcome with its {@link Requirement}s and writes
 * {@code conformance-results-<runtime>.json} into the directory named by the
 * system property {@code conformance.results.dir} (default: target) when the
 * run ends. Registered through META-INF/services.
 */
public final class ResultListener implements TestExecutionListener {

    private final Map<String, TestResult> results = new ConcurrentHashMap<>();
    private TestPlan plan;

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        this.plan = testPlan;
    }

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
        if (id.isTest()) {
            record(id, TestResult.Status.SKIP, reason);
        } else if (plan != null) {
            plan.getDescendants(id).stream().filter(TestIdentifier::isTest)
                    .forEach(t -> record(t, TestResult.Status.SKIP, reason));
        }
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult r) {
        if (!id.isTest()) {
            return;
        }
        String msg = r.getThrowable().map(t -> String.valueOf(t.getMessage())).orElse(null);
        switch (r.getStatus()) {
            case SUCCESSFUL -> record(id, TestResult.Status.PASS, null);
            case FAILED -> record(id, TestResult.Status.FAIL, firstLine(msg));
            case ABORTED -> {
                if (msg != null && msg.startsWith(SandboxExtension.DEVIATION_PREFIX)) {
                    record(id, TestResult.Status.DEVIATION, firstLine(msg));
                } else {
                    record(id, TestResult.Status.SKIP, firstLine(msg));
                }
            }
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        if (results.isEmpty()) {
            return;
        }
        RuntimeUnderTest rt = RuntimeUnderTest.get();
        Path dir = Path.of(System.getProperty("conformance.results.dir", "target"));
        try {
            new ResultsFile(rt.name(), rt.binary().toString(), rt.version(), new ArrayList<>(results.values())).write(dir);
            System.out.println("conformance results: " + dir.resolve(ResultsFile.fileName(rt.name())));
        } catch (IOException e) {
            System.err.println("cannot write conformance results: " + e);
        }
    }

    private void record(TestIdentifier id, TestResult.Status status, String reason) {
        if (id.getSource().orElse(null) instanceof MethodSource ms) {
            String name = ms.getJavaClass().getSimpleName() + "." + ms.getMethodName();
            if (id.getUniqueId().contains("-invocation:")) {
                name += "[" + id.getDisplayName() + "]";
            }
            List<TestResult.Req> reqs = new ArrayList<>();
            Method m = ms.getJavaMethod();
            Arrays.stream(m.getAnnotationsByType(Requirement.class))
                    .forEach(q -> reqs.add(new TestResult.Req(q.file(), q.heading(), q.text())));
            results.put(name, new TestResult(name, reqs, status, reason));
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return null;
        }
        String l = s.lines().findFirst().orElse("").strip();
        return l.length() > 300 ? l.substring(0, 300) + "…" : l;
    }
}
