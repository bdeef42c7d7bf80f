"""Shared pieces of the client's tests: real Fashion-MNIST images, a small torch ResNet, a live `classfit serve`."""
import json
import os
import re
import signal
import subprocess
import tempfile
import threading
import unittest

import numpy as np

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
CLI = os.path.join(REPO, "apps", "api", "bin", "classfit.mjs")
FASHION_MNIST = os.path.join(REPO, "node_modules", "fashion-mnist", "src", "clothes")
CLASS_NAMES = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]

try:
    import torch
except ImportError:  # the exporter's tests need torch (Debian: python3-torch)
    torch = None

needs_torch = unittest.skipIf(torch is None, "torch is not installed (apt-get install python3-torch)")


def fashion_mnist(per_class):
    """The first `per_class` images of each class from the `fashion-mnist` npm package, interleaved by class.

    Returns (images uint8 [n, 28, 28], labels int64 [n]).
    """
    images, labels = [], []
    for label in range(10):
        with open(os.path.join(FASHION_MNIST, f"{label}.json")) as f:
            rows = json.load(f)["data"][:per_class]
        images.append(np.asarray(rows, dtype=np.uint8).reshape(-1, 28, 28))
        labels.append(np.full(len(rows), label, dtype=np.int64))
    order = np.argsort(np.tile(np.arange(per_class), 10), kind="stable")  # class 0, 1, …, 9, 0, 1, …
    return np.concatenate(images)[order], np.concatenate(labels)[order]


def small_resnet(width=8, seed=0):
    """A torchvision-style ResNet (stem, layer1…layer4 of BasicBlocks, avgpool, fc) for 1×28×28 inputs."""
    nn = torch.nn
    torch.manual_seed(seed)

    class Block(nn.Module):
        def __init__(self, cin, cout, stride):
            super().__init__()
            self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
            self.bn1 = nn.BatchNorm2d(cout)
            self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
            self.bn2 = nn.BatchNorm2d(cout)
            self.down = None if stride == 1 and cin == cout else nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))

        def forward(self, x):
            y = self.bn2(self.conv2(torch.relu(self.bn1(self.conv1(x)))))
            return torch.relu(y + (x if self.down is None else self.down(x)))

    class ResNet(nn.Module):
        def __init__(self):
            super().__init__()
            self.stem = nn.Sequential(nn.Conv2d(1, width, 3, 1, 1, bias=False), nn.BatchNorm2d(width), nn.ReLU())
            self.layer1 = Block(width, width, 1)
            self.layer2 = Block(width, 2 * width, 2)
            self.layer3 = Block(2 * width, 4 * width, 2)
            self.layer4 = Block(4 * width, 8 * width, 2)
            self.fc = nn.Linear(8 * width, 10)

        def forward(self, x):
            x = self.layer4(self.layer3(self.layer2(self.layer1(self.stem(x)))))
            return self.fc(x.mean(dim=(2, 3)))

    return ResNet()


def loader_of(images, labels, batch_size=64):
    """A DataLoader of normalised float inputs [b, 1, 28, 28] and labels, in order, with `.dataset.classes`."""
    x = torch.from_numpy(images).float().div(255.0).sub(0.286).div(0.353).unsqueeze(1)
    dataset = torch.utils.data.TensorDataset(x, torch.from_numpy(labels))
    dataset.classes = CLASS_NAMES
    return torch.utils.data.DataLoader(dataset, batch_size=batch_size, shuffle=False)


def train_briefly(model, images, labels, epochs=2, seed=0):
    """A few SGD epochs so the stages carry class structure (seeded, CPU, a few seconds)."""
    torch.manual_seed(seed)
    x = torch.from_numpy(images).float().div(255.0).sub(0.286).div(0.353).unsqueeze(1)
    y = torch.from_numpy(labels)
    optimiser = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
    model.train()
    for _ in range(epochs):
        for batch in torch.randperm(len(y)).split(32):
            optimiser.zero_grad()
            torch.nn.functional.cross_entropy(model(x[batch]), y[batch]).backward()
            optimiser.step()
    model.eval()
    with torch.no_grad():
        return float((model(x).argmax(1) == y).float().mean())


def classfit(args, home, check=True):
    """Runs the `classfit` CLI (node) with CLASSFIT_HOME=home; returns the CompletedProcess."""
    env = {**os.environ, "CLASSFIT_HOME": home, "CLASSFIT_BACKEND": os.environ.get("CLASSFIT_BACKEND", "wasm")}
    env.pop("DATABASE_URL", None)
    result = subprocess.run(["node", CLI, *args], cwd=REPO, env=env, capture_output=True, text=True)
    if check and result.returncode != 0:
        raise AssertionError(f"classfit {' '.join(args)} exited {result.returncode}:\n{result.stderr[-4000:]}")
    return result


class ClassfitServer:
    """`classfit serve --port 0` on an embedded database under `home`, stopped (SIGINT) on exit."""

    def __init__(self, home):
        self.home = home
        self.url = None
        self.log = []

    def __enter__(self):
        env = {**os.environ, "CLASSFIT_HOME": self.home, "CLASSFIT_BACKEND": os.environ.get("CLASSFIT_BACKEND", "wasm")}
        env.pop("DATABASE_URL", None)
        self.process = subprocess.Popen(["node", CLI, "serve", "--port", "0"], cwd=REPO, env=env,
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        threading.Thread(target=lambda: self.log.extend(self.process.stderr), daemon=True).start()
        for line in self.process.stdout:
            found = re.search(r"listening on (\S+)", line)
            if found:
                self.url = found.group(1).rstrip("/")
                break
        if self.url is None:
            self.process.wait(timeout=30)
            raise AssertionError(f"classfit serve did not start (exit {self.process.returncode}):\n{''.join(self.log)[-4000:]}")
        threading.Thread(target=lambda: [None for _ in self.process.stdout], daemon=True).start()
        return self

    @property
    def graphql(self):
        return self.url if self.url.endswith("/graphql") else self.url + "/graphql"

    def __exit__(self, *exc):
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        return False


def temporary_home():
    return tempfile.TemporaryDirectory(prefix="classfit-client-")
