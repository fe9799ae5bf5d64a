"""PNG reading for the tests and scripts/check-fresh, standard library only:
chunks, size, and the decoded pixels of 8-bit RGB/RGBA files (what SDL2_image
writes). `python3 tests/pngutil.py FILE` checks FILE is a complete PNG that
is not blank (at least MIN_COLORS distinct colors) and prints its size."""

import struct
import sys
import zlib

MIN_COLORS = 16

def png_chunks(data):
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    chunks, pos = [], 8
    while pos + 8 <= len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        if pos + 12 + n > len(data):
            return None  # still being written
        chunks.append((kind, data[pos + 8:pos + 8 + n]))
        pos += 12 + n
        if kind == b"IEND":
            return chunks
    return None


def png_complete(path):
    try:
        with open(path, "rb") as f:
            return png_chunks(f.read()) is not None
    except OSError:
        return False


def png_decode(path):
    """(width, height, rows) with rows a list of bytes, 3 or 4 bytes a
    pixel; 8-bit RGB or RGBA, not interlaced (what SDL2_image writes)."""
    with open(path, "rb") as f:
        chunks = png_chunks(f.read())
    w, h, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", chunks[0][1])
    assert chunks[0][0] == b"IHDR" and depth == 8 and ctype in (2, 6) and interlace == 0, \
        f"{path}: unsupported PNG (depth {depth}, color type {ctype}, interlace {interlace})"
    bpp = 4 if ctype == 6 else 3
    raw = zlib.decompress(b"".join(d for k, d in chunks if k == b"IDAT"))
    stride = w * bpp
    rows, prev = [], bytearray(stride)
    for y in range(h):
        ftype = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if ftype == 1:
                line[i] = (line[i] + a) & 255
            elif ftype == 2:
                line[i] = (line[i] + b) & 255
            elif ftype == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif ftype == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[i] = (line[i] + pred) & 255
        rows.append(bytes(line))
        prev = line
    return w, h, bpp, rows


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    return struct.unpack(">II", head[16:24])


def png_colors(path, limit=4096):
    """Number of distinct pixel values (stops counting at limit)."""
    _, _, bpp, rows = png_decode(path)
    seen = set()
    for row in rows:
        for i in range(0, len(row), bpp):
            seen.add(row[i:i + bpp])
            if len(seen) >= limit:
                return len(seen)
    return len(seen)


def main(argv):
    if len(argv) != 2:
        print("usage: pngutil.py FILE.png", file=sys.stderr)
        return 2
    path = argv[1]
    if not png_complete(path):
        print(f"{path}: missing or not a complete PNG", file=sys.stderr)
        return 1
    w, h = png_size(path)
    n = png_colors(path)
    if n < MIN_COLORS:
        print(f"{path}: {w}x{h} but blank ({n} distinct colors)", file=sys.stderr)
        return 1
    print(f"{path}: {w}x{h} PNG, {n}{'+' if n >= 4096 else ''} distinct colors")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
