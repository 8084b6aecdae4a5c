"""Moodreel's expression CNN: trained on FER2013 Train's 48x48 grey faces, read by models/face/expression-cnn.ts.

Run by `npm run emotion:train` (scripts/emotion/train.ts writes the data to .cache/ first, then fits how the CNN
and face-api's head are combined). Offline only, never in CI: PyTorch from Debian (`apt-get install -y
python3-torch`, run with /usr/bin/python3) trains it in about 2 minutes per epoch on 2 cores; tfjs's wasm backend has
no backward kernels for convolutions, and a hand-written tfjs loop took about 15 minutes per epoch for a smaller net.
Seeded and deterministic algorithms only, on a fixed thread count.

The validation split is the head's (10 % of Train, seeded); PublicTest is never read. Each training face is seen
as FER cut it or as the extension's detector cuts it (a box TinyFaceDetector found on a webcam-like frame of a Train
face), then jittered (rotation, scale, shift, mirror, brightness, contrast). Batch norm is folded into the
convolutions on export; the weights are stored as float16 (models/weights/expression-cnn.bin) with a JSON manifest.
`CNN_SEED=N` trains another member of the ensemble (files expression-cnn-seedN.*), `CNN_MIXUP=a` with mixup (tried
for a third member, not shipped: docs/emotion.md).

`--real-faces` fine-tunes the exported FER member on real-size faces (what the extension ships, files
expression-cnn*-real.*): trained on further with the photos of half the tuning people (what train.ts wrote) mixed
into FER Train batches, then its weights are moved back three quarters of the way toward the FER member's
(WiSE-FT, Wortsman et al. 2022, "Robust fine-tuning of zero-shot models"): the fine-tuned net alone learns those
people, the interpolation keeps what carries over to new ones (docs/emotion.md). It also writes the fine-tuned
member's validation logits, which `emotion:train` blends with (so `--reuse-cnn` needs no FER member's logits).
"""

import json
import math
import os
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

THREADS = 2
# Each member of the ensemble is the same recipe from its own seed; the first keeps the original file names.
SEED = int(os.environ.get("CNN_SEED", "7"))
MEMBER = "" if SEED == 7 else f"-seed{SEED}"
EPOCHS = int(os.environ.get("CNN_EPOCHS", "30"))
BATCH = 128
LR = 0.05
WEIGHT_DECAY = 5e-4
LABEL_SMOOTHING = 0.1
WIDTHS = (32, 64, 128, 256)
DROPOUT = 0.4
# Augmentation: the share of detector cuts, rotation (degrees), scale and shift (of the crop's half side).
DETECTOR_SHARE = 0.5
ROTATE = 12.0
SCALE = 0.1
SHIFT = 0.08
BRIGHTNESS = 0.1
CONTRAST = 0.2
# Mixup (Zhang et al. 2018): each batch blended with a shuffled copy of itself, the weight drawn from Beta(a, a); 0 is
# off (members 7 and 8 were trained without it).
MIXUP = float(os.environ.get("CNN_MIXUP", "0"))

# Fine-tuning on real-size faces: steps, learning rate (cosine decay), photos per batch, and where the shipped weights
# end between the FER member (0) and the fine-tuned net (1). Chosen by fine-tuning on one half of the tuning people
# and reading the other (docs/emotion.md).
REAL = "--real-faces" in sys.argv
REAL_STEPS = 400
REAL_LR = 0.005
REAL_PHOTOS = 32
REAL_ALPHA = 0.25

FER_BIN = f"models/weights/expression-cnn{MEMBER}.bin"
FER_JSON = f"models/weights/expression-cnn{MEMBER}.json"
SUFFIX = "-real" if REAL else ""
OUT_BIN = f"models/weights/expression-cnn{MEMBER}{SUFFIX}.bin"
OUT_JSON = f"models/weights/expression-cnn{MEMBER}{SUFFIX}.json"
VAL_LOGITS = f".cache/fer-cnn-val-logits{MEMBER}{SUFFIX}.bin"


def block(cin: int, cout: int) -> list:
    return [nn.Conv2d(cin, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True)]


def folded_block(cin: int, cout: int) -> list:
    """A convolution with batch norm folded in, as exported."""
    return [nn.Conv2d(cin, cout, 3, padding=1), nn.ReLU(inplace=True)]


def make_net(widths=WIDTHS, folded: bool = False) -> nn.Sequential:
    make = folded_block if folded else block
    layers: list = []
    cin = 1
    for w in widths:
        layers += make(cin, w) + make(w, w) + [nn.MaxPool2d(2)]
        cin = w
    layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Dropout(DROPOUT), nn.Linear(cin, 7)]
    return nn.Sequential(*layers)


def load_export(bin_file: str, json_file: str) -> nn.Sequential:
    """The net as exported (float16, batch norm folded): what the extension reads."""
    tensors = json.load(open(json_file))["weights"]["tensors"]
    widths = [t["shape"][3] for t in tensors if t["name"].startswith("conv") and t["name"].endswith("/weights")][1::2]
    net = make_net(widths, folded=True)
    data = torch.from_numpy(np.fromfile(bin_file, dtype="<f2").astype(np.float32))
    values = {}
    at = 0
    for t in tensors:
        size = int(np.prod(t["shape"]))
        values[t["name"]] = data[at : at + size].reshape(t["shape"])
        at += size
    with torch.no_grad():
        for i, conv in enumerate(m for m in net if isinstance(m, nn.Conv2d)):
            conv.weight.copy_(values[f"conv{i}/weights"].permute(3, 2, 0, 1))
            conv.bias.copy_(values[f"conv{i}/bias"])
        net[-1].weight.copy_(values["fc/weights"].t())
        net[-1].bias.copy_(values["fc/bias"])
    return net


def box_theta(boxes: torch.Tensor) -> torch.Tensor:
    """affine_grid matrices that cut [x, y, w, h] (in units of the face's side, from its top-left corner)."""
    bx, by, bw, bh = boxes.unbind(1)
    theta = torch.zeros(len(boxes), 2, 3)
    theta[:, 0, 0] = bw
    theta[:, 0, 2] = 2 * bx + bw - 1
    theta[:, 1, 1] = bh
    theta[:, 1, 2] = 2 * by + bh - 1
    return theta


def sample(x: torch.Tensor, theta: torch.Tensor) -> torch.Tensor:
    # Zeros outside the face are mid-grey once pixels are centred, as the webcam-like frame's grey padding.
    grid = F.affine_grid(theta, list(x.shape), align_corners=False)
    return F.grid_sample(x, grid, mode="bilinear", padding_mode="zeros", align_corners=False)


def augment(x: torch.Tensor, pool: torch.Tensor, g: torch.Generator) -> torch.Tensor:
    n = len(x)
    base = torch.eye(2, 3).repeat(n, 1, 1)
    use_box = torch.rand(n, generator=g) < DETECTOR_SHARE
    picked = pool[torch.randint(len(pool), (n,), generator=g)]
    base[use_box] = box_theta(picked[use_box])
    angle = (torch.rand(n, generator=g) * 2 - 1) * math.radians(ROTATE)
    scale = 1 + (torch.rand(n, generator=g) * 2 - 1) * SCALE
    flip = torch.where(torch.rand(n, generator=g) < 0.5, -1.0, 1.0)
    shift = (torch.rand(n, 2, generator=g) * 2 - 1) * SHIFT
    jitter = torch.zeros(n, 2, 2)
    jitter[:, 0, 0] = scale * torch.cos(angle) * flip
    jitter[:, 0, 1] = -scale * torch.sin(angle)
    jitter[:, 1, 0] = scale * torch.sin(angle) * flip
    jitter[:, 1, 1] = scale * torch.cos(angle)
    theta = torch.empty(n, 2, 3)
    theta[:, :, :2] = base[:, :, :2] @ jitter
    theta[:, :, 2] = (base[:, :, :2] @ shift.unsqueeze(2)).squeeze(2) + base[:, :, 2]
    out = sample(x, theta)
    contrast = 1 + (torch.rand(n, 1, 1, 1, generator=g) * 2 - 1) * CONTRAST
    brightness = (torch.rand(n, 1, 1, 1, generator=g) * 2 - 1) * BRIGHTNESS
    return out * contrast + brightness


def views(x: torch.Tensor, drawn: torch.Tensor) -> list:
    """The four views train-emotion.ts scores: the crop, its mirror, the detector cut, its mirror."""
    cut = sample(x, box_theta(drawn))
    return [x, torch.flip(x, [3]), cut, torch.flip(cut, [3])]


@torch.no_grad()
def view_logits(net: nn.Module, x: torch.Tensor, drawn: torch.Tensor) -> torch.Tensor:
    """Logits (faces x 4 views x 7) in batches."""
    net.eval()
    out = []
    for i in range(0, len(x), 512):
        out.append(torch.stack([net(v) for v in views(x[i : i + 512], drawn[i : i + 512])], 1))
    return torch.cat(out)


def accuracies(logits: torch.Tensor, y: torch.Tensor) -> dict:
    p = logits.softmax(2)
    acc = lambda q: float((q.argmax(1) == y).float().mean())
    return {"crop": acc(p[:, 0] + p[:, 1]), "detectorCut": acc(p[:, 2] + p[:, 3]), "detectorCutAlone": acc(p[:, 2])}


def export(net: nn.Sequential, manifest: dict) -> None:
    """Folds batch norm into the convolutions (if not folded yet); writes float16 weights in tfjs layouts (HWIO, in x
    out)."""
    tensors = []
    blob = []
    modules = list(net)
    for i, m in enumerate(modules):
        if isinstance(m, nn.Conv2d):
            bn = modules[i + 1]
            if isinstance(bn, nn.BatchNorm2d):
                s = bn.weight / torch.sqrt(bn.running_var + bn.eps)
                w = (m.weight * s[:, None, None, None]).permute(2, 3, 1, 0)
                b = bn.bias - bn.running_mean * s
            else:
                w, b = m.weight.permute(2, 3, 1, 0), m.bias
            tensors += [{"name": f"conv{len(tensors) // 2}/weights", "shape": list(w.shape)},
                        {"name": f"conv{len(tensors) // 2}/bias", "shape": list(b.shape)}]
            blob += [w, b]
        elif isinstance(m, nn.Linear):
            tensors += [{"name": "fc/weights", "shape": [m.in_features, m.out_features]},
                        {"name": "fc/bias", "shape": [m.out_features]}]
            blob += [m.weight.t(), m.bias]
    data = np.concatenate([t.detach().contiguous().numpy().astype("<f2").ravel() for t in blob])
    data.tofile(OUT_BIN)
    manifest["weights"] = {"file": os.path.basename(OUT_BIN), "dtype": "float16", "tensors": tensors}
    with open(OUT_JSON, "w") as f:
        f.write(json.dumps(manifest) + "\n")


def load_data() -> tuple:
    """What train.ts wrote: every Train face scaled as the nets read it, the labels, drawn boxes and validation mask."""
    meta = json.load(open(".cache/fer-cnn-data.json"))
    side, n = meta["side"], len(meta["labels"])
    pixels = np.fromfile(".cache/fer-cnn-pixels.bin", dtype=np.uint8).reshape(n, 1, side, side)
    x = torch.from_numpy(pixels.astype(np.float32) / 255 - 0.5)
    is_val = torch.zeros(n, dtype=torch.bool)
    is_val[meta["validation"]] = True
    return meta, x, torch.tensor(meta["labels"]), torch.tensor(meta["drawn"], dtype=torch.float32), is_val


def seeded_training() -> tuple:
    """Seeded, deterministic torch on THREADS threads, and what training reads: the data, the detector boxes, the
    training split and its square-root class weights."""
    torch.set_num_threads(THREADS)
    torch.manual_seed(SEED)
    torch.use_deterministic_algorithms(True)
    meta, x, y, drawn, is_val = load_data()
    pool = torch.tensor(meta["boxes"], dtype=torch.float32)
    counts = torch.bincount(y[~is_val], minlength=7).float()
    return meta, x, y, drawn, is_val, pool, torch.sqrt(counts.max() / counts)


def main() -> None:
    meta, x, y, drawn, is_val, pool, class_weight = seeded_training()
    xt, yt = x[~is_val], y[~is_val]
    xv, yv, dv = x[is_val], y[is_val], drawn[is_val]

    net = make_net()
    decay = [p for p in net.parameters() if p.dim() > 1]
    no_decay = [p for p in net.parameters() if p.dim() <= 1]
    opt = torch.optim.SGD(
        [{"params": decay, "weight_decay": WEIGHT_DECAY}, {"params": no_decay, "weight_decay": 0}],
        lr=LR, momentum=0.9, nesterov=True,
    )
    steps_per_epoch = math.ceil(len(xt) / BATCH)
    total = EPOCHS * steps_per_epoch
    # One epoch of linear warm-up, then cosine decay to zero.
    schedule = lambda step: min(1.0, (step + 1) / steps_per_epoch) * 0.5 * (1 + math.cos(math.pi * step / total))
    g = torch.Generator().manual_seed(SEED)
    # The mixup weights come from their own seeded stream, so a run without mixup draws exactly what it always did.
    mix_rng = np.random.RandomState(SEED)
    best = None
    step = 0
    for epoch in range(1, EPOCHS + 1):
        net.train()
        started = time.time()
        order = torch.randperm(len(xt), generator=g)
        loss_sum = 0.0
        for b in range(0, len(xt), BATCH):
            idx = order[b : b + BATCH]
            for group in opt.param_groups:
                group["lr"] = LR * schedule(step)
            inputs = augment(xt[idx], pool, g)
            targets = yt[idx]
            if MIXUP > 0:
                lam = float(mix_rng.beta(MIXUP, MIXUP))
                perm = torch.randperm(len(idx), generator=g)
                out = net(lam * inputs + (1 - lam) * inputs[perm])
                ce = lambda t: F.cross_entropy(out, t, weight=class_weight, label_smoothing=LABEL_SMOOTHING)
                loss = lam * ce(targets) + (1 - lam) * ce(targets[perm])
            else:
                loss = F.cross_entropy(net(inputs), targets, weight=class_weight, label_smoothing=LABEL_SMOOTHING)
            opt.zero_grad()
            loss.backward()
            opt.step()
            loss_sum += float(loss) * len(idx)
            step += 1
        acc = accuracies(view_logits(net, xv, dv), yv)
        score = (acc["crop"] + acc["detectorCut"]) / 2
        print(
            f"epoch {epoch}: loss {loss_sum / len(xt):.4f}, validation crop {acc['crop'] * 100:.2f} %, "
            f"detector cut {acc['detectorCut'] * 100:.2f} % ({time.time() - started:.0f} s)",
            file=sys.stderr, flush=True,
        )
        if best is None or score > best["score"]:
            best = {"score": score, "epoch": epoch, "acc": acc,
                    "state": {k: v.clone() for k, v in net.state_dict().items()}}
    net.load_state_dict(best["state"])
    logits = view_logits(net, xv, dv)
    logits.numpy().astype("<f4").tofile(VAL_LOGITS)
    export(net, {
        "version": 1,
        "trainedOn": "FER2013 Train minus the 10 % validation split (the expression head's)",
        "input": {"side": meta["side"], "grey": "mean of RGB", "scale": "pixel / 255 - 0.5"},
        "architecture": {"widths": list(WIDTHS), "convsPerStage": 2, "pool": "max 2x2 per stage, then mean"},
        "epoch": best["epoch"],
        "validationAccuracy": {k: round(v, 4) for k, v in best["acc"].items()},
        "hyperParameters": {
            "epochs": EPOCHS, "batch": BATCH, "learningRate": LR, "schedule": "1 epoch warm-up, cosine",
            "weightDecay": WEIGHT_DECAY, "labelSmoothing": LABEL_SMOOTHING, "dropout": DROPOUT,
            "classWeight": "sqrt(max/n)", "seed": SEED, "threads": THREADS,
            "augmentation": {"detectorShare": DETECTOR_SHARE, "rotate": ROTATE, "scale": SCALE, "shift": SHIFT,
                             "mirror": 0.5, "brightness": BRIGHTNESS, "contrast": CONTRAST},
            **({"mixup": MIXUP} if MIXUP > 0 else {}),
        },
    })
    print(json.dumps({"train": "emotion-cnn", "epoch": best["epoch"], **best["acc"]}))


def real_faces() -> None:
    """`--real-faces`: the FER member fine-tuned on real-size faces, its weights interpolated back (see above)."""
    _, x, y, drawn, is_val, pool, class_weight = seeded_training()
    xt, yt = x[~is_val], y[~is_val]
    photo_meta = json.load(open(".cache/photo-cnn-data.json"))
    side, n = photo_meta["side"], len(photo_meta["labels"])
    xp = torch.from_numpy(np.fromfile(".cache/photo-cnn-pixels.bin", dtype="<f4").reshape(n, 1, side, side) / 255 - 0.5)
    yp = torch.tensor(photo_meta["labels"])
    # A photo is already cut as the detector cuts it: its "box" is the whole crop.
    whole = torch.tensor([[0.0, 0.0, 1.0, 1.0]])
    # Two loads, not one and a copy: each net's construction draws from the seeded RNG the dropout then draws from, so
    # the shipped weights depend on both.
    fer = load_export(FER_BIN, FER_JSON)
    net = load_export(FER_BIN, FER_JSON)
    opt = torch.optim.SGD(net.parameters(), lr=REAL_LR, momentum=0.9, nesterov=True, weight_decay=WEIGHT_DECAY)
    g = torch.Generator().manual_seed(SEED)
    net.train()
    started = time.time()
    for step in range(REAL_STEPS):
        for group in opt.param_groups:
            group["lr"] = REAL_LR * 0.5 * (1 + math.cos(math.pi * step / REAL_STEPS))
        fi = torch.randint(len(xt), (BATCH - REAL_PHOTOS,), generator=g)
        pi = torch.randint(n, (REAL_PHOTOS,), generator=g)
        inputs = torch.cat([augment(xt[fi], pool, g), augment(xp[pi].float(), whole, g)])
        targets = torch.cat([yt[fi], yp[pi]])
        loss = F.cross_entropy(net(inputs), targets, weight=class_weight, label_smoothing=LABEL_SMOOTHING)
        opt.zero_grad()
        loss.backward()
        opt.step()
    tuned = net.state_dict()
    start = fer.state_dict()
    net.load_state_dict({k: (1 - REAL_ALPHA) * start[k] + REAL_ALPHA * tuned[k] for k in tuned})
    xv, yv, dv = x[is_val], y[is_val], drawn[is_val]
    logits = view_logits(net, xv, dv)
    logits.numpy().astype("<f4").tofile(VAL_LOGITS)
    acc = accuracies(logits, yv)
    keep = ("version", "trainedOn", "input", "architecture", "epoch", "validationAccuracy", "hyperParameters")
    manifest = {k: v for k, v in json.load(open(FER_JSON)).items() if k in keep}
    manifest["fineTuned"] = {
        "from": os.path.basename(FER_BIN), "on": "FER2013 Train and the photos of half the tuning people",
        "photos": n, "steps": REAL_STEPS, "learningRate": REAL_LR, "schedule": "cosine", "photosPerBatch": REAL_PHOTOS,
        "batch": BATCH, "interpolation": REAL_ALPHA, "validationAccuracy": {k: round(v, 4) for k, v in acc.items()},
    }
    export(net, manifest)
    print(f"fine-tuned on {n} photos in {time.time() - started:.0f} s", file=sys.stderr, flush=True)
    print(json.dumps({"train": "emotion-cnn-real", "seed": SEED, **acc}))


if __name__ == "__main__":
    real_faces() if REAL else main()
