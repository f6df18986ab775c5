package dev.jrt.spec;

import dev.jrt.spec.model.Spec;
import dev.jrt.spec.validate.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigLoaderTest {

    private static final String RUNNABLE = """
            {
              "ociVersion": "1.0.2-dev",
              "root": {"path": "rootfs"},
              "process": {"args": ["sh"], "cwd": "/"},
              "linux": {"namespaces": [{"type": "mount"}, {"type": "uts"}, {"type": "pidd"}]}
            }""";

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return file;
    }

    private static InvalidConfigException refusal(Runnable load) {
        return assertThrows(InvalidConfigException.class, load::run);
    }

    @Test
    void loadsARunnableConfig() throws IOException {
        Spec spec = ConfigLoader.load(write("config.json", RUNNABLE.replace("pidd", "pid")));
        assertEquals(List.of("sh"), spec.process().args());
    }

    @Test
    void prefixesEveryProblemWithTheFileNameAsGiven() throws IOException {
        Path file = write("config.json", RUNNABLE);
        InvalidConfigException e = refusal(() -> ConfigLoader.load(file));
        assertEquals(file + ": /linux/namespaces/2/type: unknown namespace \"pidd\" "
                + "(allowed: cgroup, ipc, mount, network, pid, time, user, uts)", e.getMessage());
        assertEquals(file, e.file());
        assertEquals(List.of(new Problem("/linux/namespaces/2/type",
                "unknown namespace \"pidd\" (allowed: cgroup, ipc, mount, network, pid, time, user, uts)")), e.problems());
    }

    @Test
    void parseNamesTheDocumentConfigJson() {
        InvalidConfigException e = refusal(() -> ConfigLoader.parse(RUNNABLE));
        assertEquals("config.json: /linux/namespaces/2/type: unknown namespace \"pidd\" "
                + "(allowed: cgroup, ipc, mount, network, pid, time, user, uts)", e.getMessage());
        assertEquals(Path.of("config.json"), e.file());
    }

    @Test
    void reportsAllProblemsAtOnceOneLineEach() {
        InvalidConfigException e = refusal(() -> ConfigLoader.parse("""
                {"ociVersion": "9", "root": {"path": "rootfs"}, "process": {"args": [], "cwd": "x"}}"""));
        assertEquals("""
                config.json: /ociVersion: not a version: "9" (supported: 1.0.0 to 1.3.x)
                config.json: /process/args: must name the program to run
                config.json: /process/cwd: must be an absolute path, got "x\"""", e.getMessage());
        assertEquals(3, e.problems().size());
    }

    @Test
    void checksMeaningOnlyOnceTheShapeIsRight() {
        InvalidConfigException e = refusal(() -> ConfigLoader.parse("""
                {"ociVersion": "2.0.0", "root": {"path": "rootfs"}, "process": {"args": "sh", "cwd": "/"}}"""));
        assertEquals("config.json: /process/args: must be an array of strings", e.getMessage());
    }

    @Test
    void saysWhereTheJsonBreaks() throws IOException {
        Path file = write("config.json", "{\n  \"ociVersion\": \"1.0.0\",\n      }\n");
        assertEquals(file + ": not valid JSON at line 3, column 7: Unexpected character ('}' (code 125)): "
                + "was expecting double-quote to start field name", refusal(() -> ConfigLoader.load(file)).getMessage());
        assertEquals("config.json: not valid JSON at line 1, column 4: Unrecognized token 'x': was expecting "
                        + "(JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
                refusal(() -> ConfigLoader.parse("{} x")).getMessage());
    }

    @Test
    void keepsJacksonsSourceMarkerOutOfMessages() {
        assertEquals("config.json: not valid JSON at line 1, column 2: Unexpected close marker ']': "
                        + "expected '}' (for Object starting at [line: 1, column: 1])",
                refusal(() -> ConfigLoader.parse("{]")).getMessage());
    }

    @Test
    void refusesAnEmptyFile() throws IOException {
        Path file = write("config.json", "");
        assertEquals(file + ": is empty, want a JSON object", refusal(() -> ConfigLoader.load(file)).getMessage());
    }

    @Test
    void saysWhenTheFileCannotBeRead() {
        Path missing = dir.resolve("nope/config.json");
        InvalidConfigException e = refusal(() -> ConfigLoader.load(missing));
        assertEquals("open " + missing + ": no such file or directory", e.getMessage());
        assertEquals(List.of(new Problem("", "open " + missing + ": no such file or directory")), e.problems());
        assertEquals("read " + dir + ": is a directory", refusal(() -> ConfigLoader.load(dir)).getMessage());
    }

    @Test
    void readsNullMembersAsAbsentLikeGo() {
        Spec spec = ConfigLoader.parse("""
                {"ociVersion": "1.0.0", "root": {"path": "rootfs", "readonly": null},
                 "process": {"args": ["sh"], "cwd": "/", "env": null}, "linux": {"seccomp": null}, "hooks": null}""");
        assertNull(spec.linux().seccomp());
        assertNull(spec.process().env());
        assertEquals("config.json: /process: is required: it names the program the container runs",
                refusal(() -> ConfigLoader.parse("""
                        {"ociVersion": "1.0.0", "root": {"path": "rootfs"}, "process": null}""")).getMessage());
    }

    @Test
    void bindsATrustedCopyWithoutValidatingIt() {
        Spec spec = ConfigLoader.bind("{\"ociVersion\": \"0.1.0\", \"linux\": {\"namespaces\": [{\"type\": \"pidd\"}]}}");
        assertEquals("pidd", spec.linux().namespaces().get(0).type());
    }

    @Test
    void reportsWhatABrokenTrustedCopyCannotHold() {
        InvalidConfigException e = refusal(() -> ConfigLoader.bind("{\"process\": {\"args\": \"sh\"}}"));
        assertEquals("/process/args", e.problems().get(0).pointer());
        assertTrue(e.getMessage().startsWith("config.json: /process/args: cannot be read: "), e.getMessage());
    }

    @Test
    void writesTheWayRuncWritesConfigJson() {
        Spec spec = ConfigLoader.bind("{\"ociVersion\":\"1.0.0\",\"process\":{\"args\":[\"sh\"],\"cwd\":\"/\"}}");
        assertEquals("{\n\t\"ociVersion\": \"1.0.0\",\n\t\"process\": {\n\t\t\"args\": [\n\t\t\t\"sh\"\n\t\t],\n"
                + "\t\t\"cwd\": \"/\"\n\t}\n}", ConfigLoader.write(spec));
    }
}
