#!/usr/bin/env python3
"""Regenerates the lossy WebP test vectors and expected.csv in this folder.

Needs numpy and Debian's webp (cwebp, dwebp) and vpx-tools (vpxenc) packages. Source images are
synthetic (gradients, colour edges, seeded noise); cwebp encodes most of them, vpxenc (libvpx)
the ones that need several token partitions or libvpx's loop-filter deltas, whose key frame is
wrapped into a RIFF 'VP8 ' chunk here. The expected value of each file is the SHA-256 of the RGB
bytes (row-major, R G B) that dwebp, libwebp's default decoding, gives for it.
"""
import hashlib, os, struct, subprocess, tempfile
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
RNG = np.random.default_rng(7)


def source(kind, w, h):
    y, x = np.mgrid[0:h, 0:w].astype(float)
    if kind == 'grad':
        a = np.stack([x * 255 / max(w - 1, 1), y * 255 / max(h - 1, 1),
                      255 - (x + y) * 255 / max(w + h - 2, 1)], -1)
    elif kind in ('edges', 'alpha'):
        a = np.zeros((h, w, 3))
        a[..., 0] = ((x // 5 + y // 3) % 2) * 255
        a[..., 1] = ((x // 7) % 2) * 200
        a[..., 2] = (y > h / 2) * 255
        if kind == 'alpha':
            a = np.concatenate([a, (((x + y) % 9) * 30)[..., None]], -1)
    else:
        a = RNG.integers(0, 256, (h, w, 3)).astype(float)
    return np.clip(a, 0, 255).astype(np.uint8)


def write_pnm(path, a):
    h, w, c = a.shape
    with open(path, 'wb') as f:
        if c == 3:
            f.write(b'P6\n%d %d\n255\n' % (w, h))
        else:
            f.write(b'P7\nWIDTH %d\nHEIGHT %d\nDEPTH 4\nMAXVAL 255\nTUPLTYPE RGB_ALPHA\nENDHDR\n'
                    % (w, h))
        f.write(a.tobytes())


def write_i420(path, a):
    px = a[..., :3].astype(float)
    r, g, b = px[..., 0], px[..., 1], px[..., 2]
    planes = [16 + 0.257 * r + 0.504 * g + 0.098 * b,
              128 - 0.148 * r - 0.291 * g + 0.439 * b,
              128 + 0.439 * r - 0.368 * g - 0.071 * b]
    h, w = r.shape
    cw, ch = (w + 1) // 2, (h + 1) // 2
    for i in (1, 2):
        p = np.pad(planes[i], ((0, 2 * ch - h), (0, 2 * cw - w)), mode='edge')
        planes[i] = p.reshape(ch, 2, cw, 2).mean(axis=(1, 3))
    with open(path, 'wb') as f:
        for p in planes:
            f.write(np.clip(np.round(p), 0, 255).astype(np.uint8).tobytes())


def vpx_key_frame_as_webp(ivf, out):
    d = open(ivf, 'rb').read()
    size = struct.unpack('<I', d[32:36])[0]
    chunk = b'VP8 ' + struct.pack('<I', size) + d[44:44 + size] + (b'\0' if size & 1 else b'')
    open(out, 'wb').write(b'RIFF' + struct.pack('<I', 4 + len(chunk)) + b'WEBP' + chunk)


def dwebp_rgb(webp, tmp):
    ppm = os.path.join(tmp, 'ref.ppm')
    subprocess.run(['dwebp', '-quiet', webp, '-ppm', '-o', ppm], check=True)
    d = open(ppm, 'rb').read()
    magic, dims, maxval, pixels = d.split(b'\n', 3)
    w, h = map(int, dims.split())
    assert magic == b'P6' and maxval == b'255' and len(pixels) == 3 * w * h
    return w, h, hashlib.sha256(pixels).hexdigest()


# name, source kind, width, height, encoder, encoder arguments
VECTORS = [
    ('grad-1x1', 'grad', 1, 1, 'cwebp', '-q 75'),
    ('edges-2x2', 'edges', 2, 2, 'cwebp', '-q 75'),
    ('grad-40x1', 'grad', 40, 1, 'cwebp', '-q 75'),
    ('edges-1x40-q5', 'edges', 1, 40, 'cwebp', '-q 5'),
    ('edges-17x9-simple', 'edges', 17, 9, 'cwebp', '-q 50 -nostrong -f 80'),
    ('noise-9x17-sharp5', 'noise', 9, 17, 'cwebp', '-q 30 -strong -f 100 -sharpness 5'),
    ('noise-33x31-q100', 'noise', 33, 31, 'cwebp', '-q 100'),
    ('edges-64x48-nofilter', 'edges', 64, 48, 'cwebp', '-q 50 -f 0'),
    ('grad-127x65-sharp7', 'grad', 127, 65, 'cwebp', '-q 40 -sharpness 7 -f 50'),
    ('noise-64x48-sns100', 'noise', 64, 48, 'cwebp', '-q 20 -segments 4 -sns 100'),
    ('edges-127x65-1segment', 'edges', 127, 65, 'cwebp', '-q 60 -segments 1'),
    ('edges-100x70-strong2', 'edges', 100, 70, 'cwebp', '-q 30 -strong -f 100 -sharpness 2'),
    ('alpha-33x31', 'alpha', 33, 31, 'cwebp', '-q 75'),
    ('grad-300x200-simple', 'grad', 300, 200, 'cwebp', '-q 10 -m 6 -nostrong -f 40'),
    ('vpx-grad-300x200-8parts', 'grad', 300, 200, 'vpxenc',
     '--token-parts=3 --min-q=16 --max-q=24 --end-usage=q --cq-level=20'),
    ('vpx-noise-96x64-4parts', 'noise', 96, 64, 'vpxenc', '--token-parts=2 --min-q=32 --max-q=48'),
    ('vpx-edges-33x31-2parts', 'edges', 33, 31, 'vpxenc', '--token-parts=1 --min-q=4 --max-q=12'),
    ('vpx-edges-17x9', 'edges', 17, 9, 'vpxenc', '--token-parts=0 --min-q=52 --max-q=63'),
]


def main():
    rows = ['file,width,height,rgb_sha256,encoder,arguments']
    with tempfile.TemporaryDirectory() as tmp:
        for name, kind, w, h, encoder, args in VECTORS:
            a = source(kind, w, h)
            out = os.path.join(HERE, name + '.webp')
            if encoder == 'cwebp':
                src = os.path.join(tmp, 'src.pam' if a.shape[2] == 4 else 'src.ppm')
                write_pnm(src, a)
                subprocess.run(['cwebp', '-quiet', *args.split(), src, '-o', out], check=True)
            else:
                yuv, ivf = os.path.join(tmp, 'src.yuv'), os.path.join(tmp, 'out.ivf')
                write_i420(yuv, a)
                subprocess.run(['vpxenc', '--codec=vp8', '--i420', '-w', str(w), '-h', str(h),
                                '--limit=1', '--ivf', '-q', '--disable-warning-prompt',
                                *args.split(), '-o', ivf, yuv], check=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                vpx_key_frame_as_webp(ivf, out)
            rw, rh, digest = dwebp_rgb(out, tmp)
            assert (rw, rh) == (w, h)
            rows.append(','.join([name + '.webp', str(w), str(h), digest, encoder, args]))
    with open(os.path.join(HERE, 'expected.csv'), 'w') as f:
        f.write('\n'.join(rows) + '\n')


if __name__ == '__main__':
    main()
