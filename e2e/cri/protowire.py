"""The Protocol Buffers wire format, as far as the CRI client needs it: varint and
length-delimited fields, encoded from and decoded to plain dicts of field numbers."""

VARINT = 0
FIXED64 = 1
LENGTH_DELIMITED = 2
FIXED32 = 5


def varint(n):
    # negative int32/int64 values travel as their 64-bit two's complement
    n &= (1 << 64) - 1
    out = bytearray()
    while n > 0x7F:
        out.append(n & 0x7F | 0x80)
        n >>= 7
    out.append(n)
    return bytes(out)


def field(number, value):
    """One field: an int or bool as a varint; a str, or bytes (an encoded message),
    length-delimited; a list as the field repeated; None as nothing."""
    if value is None:
        return b""
    if isinstance(value, list):
        return b"".join(field(number, v) for v in value)
    if isinstance(value, int):
        return varint(number << 3 | VARINT) + varint(int(value))
    if isinstance(value, str):
        value = value.encode()
    return varint(number << 3 | LENGTH_DELIMITED) + varint(len(value)) + value


def message(fields):
    """Encodes {field number: value} (see field) as a message."""
    return b"".join(field(number, value) for number, value in fields.items())


def read_varint(data, pos):
    n = shift = 0
    while True:
        b = data[pos]
        pos += 1
        n |= (b & 0x7F) << shift
        shift += 7
        if b < 0x80:
            return n, pos


def parse(data):
    """Decodes a message into {field number: [values]}: ints for varints, bytes for
    length-delimited fields (strings, bytes, messages); fixed-size fields as bytes."""
    fields = {}
    pos = 0
    while pos < len(data):
        key, pos = read_varint(data, pos)
        number, wire_type = key >> 3, key & 7
        if wire_type == VARINT:
            value, pos = read_varint(data, pos)
        elif wire_type == LENGTH_DELIMITED:
            size, pos = read_varint(data, pos)
            value, pos = data[pos:pos + size], pos + size
        elif wire_type in (FIXED64, FIXED32):
            size = 8 if wire_type == FIXED64 else 4
            value, pos = data[pos:pos + size], pos + size
        else:
            raise ValueError(f"field {number}: unsupported wire type {wire_type}")
        fields.setdefault(number, []).append(value)
    return fields


def first(fields, number, default):
    return fields.get(number, [default])[0]


def string(fields, number):
    return first(fields, number, b"").decode()


def int32(fields, number):
    n = first(fields, number, 0) & 0xFFFFFFFF
    return n - (1 << 32) if n >= 1 << 31 else n


def submessage(fields, number):
    return parse(first(fields, number, b""))
