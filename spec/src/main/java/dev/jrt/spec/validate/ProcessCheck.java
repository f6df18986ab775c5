package dev.jrt.spec.validate;

import dev.jrt.spec.model.Process;
import dev.jrt.spec.model.Spec;

import java.util.ArrayList;
import java.util.List;

/**
 * The process that {@code start} runs must be there (runtime.md: start fails without one, so
 * jrt refuses it at create, as runc does), with a program to run, an absolute working
 * directory, {@code NAME=VALUE} environment entries and an oom_score_adj the kernel accepts.
 */
final class ProcessCheck implements Check {

    @Override
    public List<Problem> check(Spec spec) {
        Process process = spec.process();
        if (process == null) {
            return List.of(new Problem("/process", "is required: it names the program the container runs"));
        }
        List<Problem> problems = new ArrayList<>();
        List<String> args = process.args();
        if (args == null || args.isEmpty()) {
            problems.add(new Problem("/process/args", "must name the program to run"));
        } else if (args.get(0) == null || args.get(0).isEmpty()) {
            problems.add(new Problem("/process/args/0", "must not be empty: it is the program to run"));
        }
        String cwd = process.cwd();
        if (cwd == null || cwd.isEmpty()) {
            problems.add(new Problem("/process/cwd", "is required"));
        } else if (!Messages.isAbsolute(cwd)) {
            problems.add(new Problem("/process/cwd", Messages.notAbsolute(cwd)));
        }
        List<String> env = process.env();
        for (int i = 0; env != null && i < env.size(); i++) {
            String entry = env.get(i);
            if (entry == null || entry.indexOf('=') <= 0) {
                problems.add(new Problem(Pointer.of("process", "env", i),
                        "must be NAME=VALUE, got " + Messages.quote(String.valueOf(entry))));
            }
        }
        Integer oomScoreAdj = process.oomScoreAdj();
        if (oomScoreAdj != null && (oomScoreAdj < -1000 || oomScoreAdj > 1000)) {
            problems.add(new Problem("/process/oomScoreAdj", "must be between -1000 and 1000, got " + oomScoreAdj));
        }
        return problems;
    }
}
