# Writes python_float_repr.txt: for each double, its bits (hex), repr(x) and json.dumps(x) as this
# Python prints them. Run: python3 python_float_repr.py
import json
import random
import struct
import sys

random.seed(20241128)
vals = []
for _ in range(1500):
    vals.append(struct.unpack(">d", random.getrandbits(64).to_bytes(8, "big"))[0])
for _ in range(500):
    vals.append(random.random() * 10 ** random.randint(-8, 24))
for _ in range(300):
    vals.append(round(random.uniform(-1000, 1000), random.randint(0, 6)))
for e in range(-325, 309):
    vals.append(float("1e%d" % e))
    vals.append(float("2e%d" % e))
vals += [0.0, -0.0, float("nan"), float("inf"), float("-inf"), 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308,
         2**53, 2**53 + 2, 2**63, 1/3, 2/3, 0.1 + 0.2, 1e16, 1e15, 9999999999999998.0, 123456789012345678.0]
lines = ["# bits repr(x) json.dumps(x) for float(x), written by Python %s" % sys.version.split()[0]]
for d in map(float, vals):
    bits = struct.unpack(">Q", struct.pack(">d", d))[0]
    lines.append("%016x %s %s" % (bits, repr(d), json.dumps(d)))
with open("python_float_repr.txt", "w") as f:
    f.write("\n".join(lines) + "\n")
