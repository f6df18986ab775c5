/**
 * The OCI runtime-spec v1.3.0 {@code config.json} as Jackson records, with the exact OCI
 * JSON names.
 *
 * <p>Conventions, so that every document round-trips without changing its meaning:
 * <ul>
 * <li>Every field is a boxed, nullable type; {@code null} means absent and is not written.
 *     Empty lists and maps are kept and written as {@code []} / {@code {}}.</li>
 * <li>Unknown properties are ignored on read (the spec requires it) and so are not written back.</li>
 * <li>Integers: OCI {@code int32}/{@code uint16} are {@code Integer}; {@code uint32} and
 *     {@code int64} are {@code Long}; {@code uint64} is a {@code Long} marked
 *     {@link dev.jrt.spec.json.Uint64 @Uint64} that holds the unsigned 64 bits.</li>
 * <li>Enum-like values (namespace types, seccomp actions, ...) are plain strings so that an
 *     unknown value becomes a validation problem, not a parse error; {@link Known} lists the
 *     values jrt accepts.</li>
 * <li>Lists and maps are whatever Jackson (or the caller) put there: treat them as read-only.</li>
 * </ul>
 */
package dev.jrt.spec.model;
