package dev.jrt.spec.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.PrettyPrinter;
import com.fasterxml.jackson.core.util.Instantiatable;

import java.io.IOException;

/**
 * Lays JSON out the way Go's {@code json.MarshalIndent(v, "", indent)} does, so that
 * {@code jrt state}, {@code jrt spec} and {@code jrt features} print what runc prints:
 * one member per line, {@code "key": value}, and {@code {}} / {@code []} when empty.
 */
public final class GoIndentPrinter implements PrettyPrinter, Instantiatable<GoIndentPrinter> {

    private final String indent;
    private int depth;

    public GoIndentPrinter(String indent) {
        this.indent = indent;
    }

    @Override
    public GoIndentPrinter createInstance() {
        return new GoIndentPrinter(indent);
    }

    private void newline(JsonGenerator gen) throws IOException {
        gen.writeRaw('\n');
        for (int i = 0; i < depth; i++) {
            gen.writeRaw(indent);
        }
    }

    @Override
    public void writeRootValueSeparator(JsonGenerator gen) throws IOException {
        gen.writeRaw('\n');
    }

    @Override
    public void writeStartObject(JsonGenerator gen) throws IOException {
        gen.writeRaw('{');
        depth++;
    }

    @Override
    public void beforeObjectEntries(JsonGenerator gen) throws IOException {
        newline(gen);
    }

    @Override
    public void writeObjectFieldValueSeparator(JsonGenerator gen) throws IOException {
        gen.writeRaw(": ");
    }

    @Override
    public void writeObjectEntrySeparator(JsonGenerator gen) throws IOException {
        gen.writeRaw(',');
        newline(gen);
    }

    @Override
    public void writeEndObject(JsonGenerator gen, int nrOfEntries) throws IOException {
        depth--;
        if (nrOfEntries > 0) {
            newline(gen);
        }
        gen.writeRaw('}');
    }

    @Override
    public void writeStartArray(JsonGenerator gen) throws IOException {
        gen.writeRaw('[');
        depth++;
    }

    @Override
    public void beforeArrayValues(JsonGenerator gen) throws IOException {
        newline(gen);
    }

    @Override
    public void writeArrayValueSeparator(JsonGenerator gen) throws IOException {
        gen.writeRaw(',');
        newline(gen);
    }

    @Override
    public void writeEndArray(JsonGenerator gen, int nrOfValues) throws IOException {
        depth--;
        if (nrOfValues > 0) {
            newline(gen);
        }
        gen.writeRaw(']');
    }
}
