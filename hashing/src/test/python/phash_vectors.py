#!/usr/bin/python3
"""Writes the pHash test vectors for PHasherConformanceTest.

Run with Debian's Python and packages (python3-pil, python3-scipy, python3-numpy):

    /usr/bin/python3 hashing/src/test/python/phash_vectors.py \
        --conformance ../shared/conformance/pdq \
        --out hashing/src/test/resources/phash

It (1) writes a few small generated PNGs into OUT (deterministic formulas, no randomness) and
(2) writes OUT/expected.csv with columns `image,phash`: the image is either a path relative to the
conformance images folder or `generated/<name>.png` relative to OUT.

The hash follows the published definition of imagehash.phash (hash_size=8, highfreq_factor=4):
Pillow "L" conversion, resize to 32x32 with Lanczos, scipy.fftpack DCT-II along axis 0 then axis 1,
top-left 8x8 block including DC, numpy median, bit = coefficient > median, bits row-major and
most significant first in the hex string. imagehash itself is not installed (no PyPI access); this
is our own few-line implementation of that definition.
"""

import argparse
import os
import sys

import numpy
import scipy.fftpack
from PIL import Image

HASH_SIZE = 8
HIGHFREQ_FACTOR = 4


def phash_hex(image):
    size = HASH_SIZE * HIGHFREQ_FACTOR
    grey = image.convert("L").resize((size, size), Image.LANCZOS)
    pixels = numpy.asarray(grey)
    dct = scipy.fftpack.dct(scipy.fftpack.dct(pixels, axis=0), axis=1)
    low = dct[:HASH_SIZE, :HASH_SIZE]
    bits = (low > numpy.median(low)).flatten()
    value = 0
    for b in bits:
        value = (value << 1) | int(b)
    return "%016x" % value


def generated_images():
    """Small deterministic images covering odd sizes, upscaling and extreme aspect ratios."""
    def make(mode, w, h, fn):
        im = Image.new(mode, (w, h))
        im.putdata([fn(x, y) for y in range(h) for x in range(w)])
        return im

    yield "diagonal-97x61.png", make(
        "RGB", 97, 61, lambda x, y: ((x * 5 + y * 3) % 256, (x * y) % 256, (255 - x * 2) % 256))
    yield "rings-300x200.png", make(
        "L", 300, 200, lambda x, y: int(127.5 + 127.5 * numpy.cos(((x - 150) ** 2 + (y - 80) ** 2) / 900.0)))
    yield "blocks-20x20.png", make(
        "RGB", 20, 20, lambda x, y: (255, 0, 0) if (x // 5 + y // 4) % 2 else (10, 200, 40))
    yield "strip-1000x12.png", make(
        "L", 1000, 12, lambda x, y: (x * 7 // 10 + y * 11) % 256)
    yield "tall-9x400.png", make(
        "RGB", 9, 400, lambda x, y: ((y * 3) % 256, (x * 40) % 256, (y // 7 * 13) % 256))
    yield "gradient-512x384.png", make(
        "RGB", 512, 384, lambda x, y: (x // 2, y * 2 // 3, (x + y) // 4))


def linear_rgb_icc():
    """A minimal ICC v2 RGB matrix/TRC display profile with gamma 1.0 (sRGB primaries).

    Written by hand so that no third-party profile is committed. Its only purpose is to be an
    embedded profile that is not sRGB, so that a decoder which colour-manages changes the samples.
    """
    import struct

    def s15(v):
        return struct.pack(">i", int(round(v * 65536)))

    def xyz(x, y, z):
        return b"XYZ " + b"\0" * 4 + s15(x) + s15(y) + s15(z)

    curv = b"curv" + b"\0" * 4 + struct.pack(">I", 1) + struct.pack(">H", 256) + b"\0\0"
    desc_text = b"linear test\0"
    desc = (b"desc" + b"\0" * 4 + struct.pack(">I", len(desc_text)) + desc_text
            + b"\0" * 4 + b"\0" * 4 + b"\0" * 2 + b"\0" + b"\0" * 67)
    cprt = b"text" + b"\0" * 4 + b"public domain\0"
    tags = [
        (b"desc", desc), (b"cprt", cprt), (b"wtpt", xyz(0.9642, 1.0, 0.8249)),
        (b"rXYZ", xyz(0.4361, 0.2225, 0.0139)), (b"gXYZ", xyz(0.3851, 0.7169, 0.0971)),
        (b"bXYZ", xyz(0.1431, 0.0606, 0.7141)),
        (b"rTRC", curv), (b"gTRC", curv), (b"bTRC", curv),
    ]
    table_size = 4 + 12 * len(tags)
    offset = 128 + table_size
    table = struct.pack(">I", len(tags))
    data = b""
    for sig, body in tags:
        while (offset + len(data)) % 4:
            data += b"\0"
        table += sig + struct.pack(">II", offset + len(data), len(body))
        data += body
    size = 128 + table_size + len(data)
    header = (struct.pack(">I", size) + b"none" + bytes([2, 0x10, 0, 0]) + b"mntr" + b"RGB "
              + b"XYZ " + b"\0" * 12 + b"acsp" + b"\0" * 4 + b"\0" * 4 + b"\0" * 4 + b"\0" * 4
              + b"\0" * 8 + struct.pack(">I", 0) + s15(0.9642) + s15(1.0) + s15(0.8249)
              + b"\0" * 4 + b"\0" * 16 + b"\0" * 28)
    assert len(header) == 128, len(header)
    return header + table + data


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--conformance", required=True)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()

    images_dir = os.path.join(args.conformance, "images")
    gen_dir = os.path.join(args.out, "generated")
    os.makedirs(gen_dir, exist_ok=True)

    rows = []
    for root, _, files in sorted(os.walk(images_dir)):
        for name in sorted(files):
            if name.endswith(".md"):
                continue
            path = os.path.join(root, name)
            rel = os.path.relpath(path, images_dir)
            with Image.open(path) as im:
                im.load()
                rows.append((rel, phash_hex(im)))

    for name, im in generated_images():
        path = os.path.join(gen_dir, name)
        im.save(path, optimize=True)
        with Image.open(path) as back:
            rows.append(("generated/" + name, phash_hex(back)))
        if name.startswith("gradient"):
            # The same JPEG with and without an embedded non-sRGB profile (identical entropy
            # data), and a lossless WebP and a PNG carrying that profile: decoders must not
            # colour-manage them.
            icc = linear_rgb_icc()
            small = im.resize((128, 96), Image.NEAREST)
            small.save(os.path.join(gen_dir, "icc-none.jpg"), quality=90)
            small.save(os.path.join(gen_dir, "icc-linear.jpg"), quality=90, icc_profile=icc)
            small.save(os.path.join(gen_dir, "icc-none.png"))
            small.save(os.path.join(gen_dir, "icc-linear.png"), icc_profile=icc)
            small.save(os.path.join(gen_dir, "icc-linear.webp"), lossless=True, icc_profile=icc)
        if name.startswith("diagonal"):
            # The same pixels as lossless WebP (VP8L), for the decoder's WebP test.
            webp = path[:-4] + ".webp"
            im.save(webp, lossless=True)
            with Image.open(webp) as back:
                rows.append(("generated/" + os.path.basename(webp), phash_hex(back)))

    rows.sort()
    with open(os.path.join(args.out, "expected.csv"), "w", newline="\n") as f:
        f.write("image,phash\n")
        for rel, h in rows:
            f.write("%s,%s\n" % (rel, h))
    print("wrote %d rows" % len(rows), file=sys.stderr)


if __name__ == "__main__":
    main()
