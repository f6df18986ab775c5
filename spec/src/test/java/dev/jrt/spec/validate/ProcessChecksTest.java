package dev.jrt.spec.validate;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.jrt.spec.validate.Specs.problems;
import static dev.jrt.spec.validate.Specs.processProblems;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ProcessChecksTest {

    @Nested
    class Process {
        private final Check check = new ProcessCheck();

        @Test
        void acceptsAProgramInAnAbsoluteDirectory() {
            assertEquals(List.of(), processProblems(check, "'args': ['sh'], 'cwd': '/', 'env': ['A=', 'B=1=2']"));
        }

        @Test
        void isRequired() {
            assertEquals(List.of("/process: is required: it names the program the container runs"),
                    problems(check, "{}"));
        }

        @Test
        void needsAProgram() {
            assertEquals(List.of("/process/args: must name the program to run"), processProblems(check, "'cwd': '/'"));
            assertEquals(List.of("/process/args: must name the program to run"),
                    processProblems(check, "'args': [], 'cwd': '/'"));
            assertEquals(List.of("/process/args/0: must not be empty: it is the program to run"),
                    processProblems(check, "'args': ['', 'x'], 'cwd': '/'"));
        }

        @Test
        void needsAnAbsoluteWorkingDirectory() {
            assertEquals(List.of("/process/cwd: is required"), processProblems(check, "'args': ['sh']"));
            assertEquals(List.of("/process/cwd: must be an absolute path, got \"root\""),
                    processProblems(check, "'args': ['sh'], 'cwd': 'root'"));
        }

        @Test
        void needsNameEqualsValueEnvironment() {
            assertEquals(List.of("/process/env/1: must be NAME=VALUE, got \"TERM\"",
                            "/process/env/2: must be NAME=VALUE, got \"=x\""),
                    processProblems(check, "'args': ['sh'], 'cwd': '/', 'env': ['A=1', 'TERM', '=x']"));
        }

        @Test
        void keepsOomScoreAdjInTheKernelsRange() {
            assertEquals(List.of("/process/oomScoreAdj: must be between -1000 and 1000, got 1001"),
                    processProblems(check, "'args': ['sh'], 'cwd': '/', 'oomScoreAdj': 1001"));
            assertEquals(List.of(), processProblems(check, "'args': ['sh'], 'cwd': '/', 'oomScoreAdj': -1000"));
        }
    }

    @Nested
    class Rlimits {
        private final Check check = new RlimitsCheck();

        @Test
        void acceptsKnownDistinctLimits() {
            assertEquals(List.of(), processProblems(check, "'rlimits': [{'type': 'RLIMIT_NOFILE', 'soft': 1024, "
                    + "'hard': 4096}, {'type': 'RLIMIT_CORE', 'soft': 0, 'hard': 18446744073709551615}]"));
        }

        @Test
        void namesTheKnownLimitsForAnUnknownOne() {
            assertEquals(List.of("/process/rlimits/0/type: unknown rlimit \"RLIMIT_FILES\" (allowed: RLIMIT_AS, "
                            + "RLIMIT_CORE, RLIMIT_CPU, RLIMIT_DATA, RLIMIT_FSIZE, RLIMIT_LOCKS, RLIMIT_MEMLOCK, "
                            + "RLIMIT_MSGQUEUE, RLIMIT_NICE, RLIMIT_NOFILE, RLIMIT_NPROC, RLIMIT_RSS, RLIMIT_RTPRIO, "
                            + "RLIMIT_RTTIME, RLIMIT_SIGPENDING, RLIMIT_STACK)"),
                    processProblems(check, "'rlimits': [{'type': 'RLIMIT_FILES', 'soft': 1, 'hard': 1}]"));
        }

        @Test
        void refusesDuplicates() {
            assertEquals(List.of("/process/rlimits/2/type: duplicate rlimit \"RLIMIT_NOFILE\" (first at /process/rlimits/0)"),
                    processProblems(check, "'rlimits': [{'type': 'RLIMIT_NOFILE', 'soft': 1, 'hard': 1}, "
                            + "{'type': 'RLIMIT_CORE', 'soft': 1, 'hard': 1}, {'type': 'RLIMIT_NOFILE', 'soft': 2, 'hard': 2}]"));
        }

        @Test
        void refusesASoftLimitAboveTheHardOneComparingUnsigned() {
            assertEquals(List.of("/process/rlimits/0: soft limit 18446744073709551615 is above hard limit 1024"),
                    processProblems(check, "'rlimits': [{'type': 'RLIMIT_NOFILE', 'soft': 18446744073709551615, "
                            + "'hard': 1024}]"));
        }
    }

    @Nested
    class Scheduler {
        private final Check check = new SchedulerCheck();

        @Test
        void acceptsValidSettings() {
            assertEquals(List.of(), processProblems(check, "'scheduler': {'policy': 'SCHED_FIFO', 'priority': 50}"));
            assertEquals(List.of(), processProblems(check, "'scheduler': {'policy': 'SCHED_OTHER', 'nice': -20, "
                    + "'flags': ['SCHED_FLAG_RESET_ON_FORK']}"));
            assertEquals(List.of(), processProblems(check, "'scheduler': {'policy': 'SCHED_DEADLINE', "
                    + "'runtime': 10, 'deadline': 20, 'period': 30}"));
        }

        @Test
        void namesKnownPoliciesAndFlags() {
            assertEquals(List.of("/process/scheduler/policy: unknown policy \"SCHED_FAST\" (allowed: SCHED_BATCH, "
                            + "SCHED_DEADLINE, SCHED_FIFO, SCHED_IDLE, SCHED_ISO, SCHED_OTHER, SCHED_RR)",
                            "/process/scheduler/flags/0: unknown flag \"SCHED_FLAG_X\" (allowed: SCHED_FLAG_DL_OVERRUN, "
                            + "SCHED_FLAG_KEEP_PARAMS, SCHED_FLAG_KEEP_POLICY, SCHED_FLAG_RECLAIM, "
                            + "SCHED_FLAG_RESET_ON_FORK, SCHED_FLAG_UTIL_CLAMP_MAX, SCHED_FLAG_UTIL_CLAMP_MIN)"),
                    processProblems(check, "'scheduler': {'policy': 'SCHED_FAST', 'flags': ['SCHED_FLAG_X']}"));
        }

        @Test
        void requiresAPolicy() {
            assertEquals(List.of("/process/scheduler/policy: is required"), processProblems(check, "'scheduler': {}"));
        }

        @Test
        void keepsNiceInRange() {
            assertEquals(List.of("/process/scheduler/nice: must be between -20 and 19, got 20"),
                    processProblems(check, "'scheduler': {'policy': 'SCHED_OTHER', 'nice': 20}"));
        }

        @Test
        void allowsAPriorityOnlyForRealTimePolicies() {
            assertEquals(List.of("/process/scheduler/priority: only SCHED_FIFO and SCHED_RR take a priority"),
                    processProblems(check, "'scheduler': {'policy': 'SCHED_BATCH', 'priority': 1}"));
        }

        @Test
        void allowsDeadlineParametersOnlyForSchedDeadline() {
            assertEquals(List.of("/process/scheduler/runtime: only SCHED_DEADLINE takes a runtime",
                            "/process/scheduler/period: only SCHED_DEADLINE takes a period"),
                    processProblems(check, "'scheduler': {'policy': 'SCHED_RR', 'runtime': 1, 'deadline': 0, 'period': 3}"));
        }
    }

    @Nested
    class IoPriority {
        private final Check check = new IoPriorityCheck();

        @Test
        void acceptsAKnownClassAndLevel() {
            assertEquals(List.of(), processProblems(check, "'ioPriority': {'class': 'IOPRIO_CLASS_RT', 'priority': 0}"));
        }

        @Test
        void namesTheKnownClasses() {
            assertEquals(List.of("/process/ioPriority/class: unknown class \"IOPRIO_CLASS_NONE\" "
                            + "(allowed: IOPRIO_CLASS_BE, IOPRIO_CLASS_IDLE, IOPRIO_CLASS_RT)"),
                    processProblems(check, "'ioPriority': {'class': 'IOPRIO_CLASS_NONE', 'priority': 1}"));
        }

        @Test
        void keepsTheLevelFrom0To7() {
            assertEquals(List.of("/process/ioPriority/priority: must be between 0 and 7, got 8"),
                    processProblems(check, "'ioPriority': {'class': 'IOPRIO_CLASS_BE', 'priority': 8}"));
        }

        @Test
        void requiresAClass() {
            assertEquals(List.of("/process/ioPriority/class: is required"),
                    processProblems(check, "'ioPriority': {'priority': 1}"));
        }
    }
}
