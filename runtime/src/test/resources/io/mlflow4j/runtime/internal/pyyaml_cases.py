# Writes pyyaml_cases.json (the data) and pyyaml_cases.yaml (what PyYAML makes of it with the
# options of MLflow's file store: yaml.dump(..., default_flow_style=False, allow_unicode=True,
# sort_keys=True, Dumper=SafeDumper)). Run: python3 pyyaml_cases.py  (PyYAML 6).
import json

import yaml

strings = ["Schön", "naïve café", "emoji 😀", "a: b", "- x", "#hash", "x #y", "trailing ", " leading",
           "multi\nline", "two\n\nblank", "ends\n", "space \nbreak", "tab\there", "quote'single", 'quote"double',
           "yes", "no", "on", "off", "Yes", "~", "null", "Null", "NULL", "true", "True", "False", "None",
           "1e3", "1.0e5", "1.0e+5", "1_000", "0x1F", "0o17", "017", "+1", "-1", ".5", "1.", ".inf", ".NaN",
           "12:30", "12:30:45", "2024-01-01", "2024-01-01T12:00:00Z", "2024-10-31 12:00:00.123456", "3.11.2",
           "@at", "`bt", "%pct", "!bang", "&amp", "*star", "|pipe", ">gt", "[a]", "{a}", "a,b", "?q", "? q",
           "", " ", "-", "---", "...", "=", "<<", "a" * 100, "word " * 30, "C:\\path\\x", "back\\slash",
           "ctrl\x01char", "nbsp\u00a0x", "\u2028sep", "file:///home/user/project/mlruns/0"]
data = {"s%03d" % i: s for i, s in enumerate(strings)}
floats = [0.0, -0.0, 1.0, 0.5, 0.1, 1e16, 1e-05, 1.5e300, 123456789012345.0, 1e23, float("inf"), float("-inf")]
data.update({"f%03d" % i: f for i, f in enumerate(floats)})
data.update({"i0": 0, "i1": -5, "i2": 1795884950317, "i3": 12345678901234567890, "b0": True, "b1": False,
             "n0": None, "nested": {"z": [1, "two", {"b": [], "a": {}}], "a": [[1, 2], []]},
             "list_of_maps": [{"y": 1, "x": 2}, {}]})
with open("pyyaml_cases.json", "w", encoding="utf-8") as f:
    f.write(json.dumps(data, sort_keys=True))
with open("pyyaml_cases.yaml", "w", encoding="utf-8") as f:
    yaml.dump(data, f, default_flow_style=False, allow_unicode=True, sort_keys=True, Dumper=yaml.SafeDumper)
