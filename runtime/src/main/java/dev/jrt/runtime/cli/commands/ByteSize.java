package dev.jrt.runtime.cli.commands;

import dev.jrt.runtime.cli.UsageException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sizes as runc's flags take them (go-units RAMInBytes): "512m", "1.5g", "64 KiB"; binary units. */
final class ByteSize {
    private static final Pattern SIZE = Pattern.compile("^(\\d+(\\.\\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?$");

    private ByteSize() {}

    static long parse(String s) {
        Matcher m = SIZE.matcher(s);
        if (!m.matches()) {
            throw new UsageException("invalid size: '" + s + "'");
        }
        double size;
        try {
            size = Double.parseDouble(m.group(1));
        } catch (NumberFormatException e) {
            throw new UsageException("invalid size: '" + s + "'");
        }
        long multiplier = switch (m.group(3) == null ? "" : m.group(3).toLowerCase(java.util.Locale.ROOT)) {
            case "k" -> 1L << 10;
            case "m" -> 1L << 20;
            case "g" -> 1L << 30;
            case "t" -> 1L << 40;
            case "p" -> 1L << 50;
            default -> 1L;
        };
        return (long) (size * multiplier);
    }
}
