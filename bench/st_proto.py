"""Values and results of the Streamlit 1.67 protocol client (`bench/st_client.py`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from streamlit.proto.Alert_pb2 import Alert
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

# A widget value: str -> string_value, bool -> bool_value, int -> int_value,
# float -> double_value, Trigger -> trigger_value, JsonValue -> json_value,
# list[int] -> int_array_value (selectbox / radio / multiselect indexes),
# list[str] -> string_array_value.
WidgetValue = Any
ByteListener = Callable[[bytes, float], None]

ALERT_ERROR = Alert.Format.ERROR
ENDED_UNREPORTED = "ENDED_WITHOUT_SCRIPT_FINISHED"
FINISHED_OK = ForwardMsg.ScriptFinishedStatus.FINISHED_SUCCESSFULLY
FINISHED_COMPILE_ERROR = ForwardMsg.ScriptFinishedStatus.FINISHED_WITH_COMPILE_ERROR
FINISHED_FRAGMENT = ForwardMsg.ScriptFinishedStatus.FINISHED_FRAGMENT_RUN_SUCCESSFULLY


@dataclass(frozen=True)
class Trigger:
    """A button press (`st.button`, `st.form_submit_button`)."""


@dataclass(frozen=True)
class JsonValue:
    """A JSON-encoded widget value (e.g. a custom component's return value)."""

    text: str


@dataclass(frozen=True)
class Widget:
    id: str
    kind: str  # the element type: "text_input", "button", "selectbox"...
    label: str
    options: tuple[str, ...] = ()


@dataclass
class RunResult:
    seconds: float
    status: str
    exceptions: list[str] = field(default_factory=list)
    alerts: list[str] = field(default_factory=list)  # st.error messages of this run

    @property
    def ok(self) -> bool:
        return self.status in ("FINISHED_SUCCESSFULLY", ENDED_UNREPORTED) and not self.exceptions


class ClientError(RuntimeError):
    """The server closed the connection or a run did not finish in time."""


def user_key(widget_id: str) -> str:
    """`$$ID-<hash>-<user key>` -> user key ("None" when the widget has no key)."""
    parts = widget_id.split("-", 2)
    return parts[2] if len(parts) == 3 else widget_id


def set_value(state: Any, value: WidgetValue) -> None:
    if isinstance(value, Trigger):
        state.trigger_value = True
    elif isinstance(value, JsonValue):
        state.json_value = value.text
    elif isinstance(value, bool):
        state.bool_value = value
    elif isinstance(value, int):
        state.int_value = value
    elif isinstance(value, float):
        state.double_value = value
    elif isinstance(value, str):
        state.string_value = value
    elif isinstance(value, list) and all(isinstance(v, int) for v in value):
        state.int_array_value.data.extend(value)
    elif isinstance(value, list):
        state.string_array_value.data.extend(str(v) for v in value)
    else:
        raise TypeError(f"unsupported widget value {value!r}")


def compact(statuses: list[str]) -> str:
    """Run-length encoding of a status list ("A x3, B")."""
    out: list[str] = []
    for status in statuses:
        short = status.replace("FINISHED_", "").replace("_SUCCESSFULLY", "_OK")
        if out and out[-1].split(" x")[0] == short:
            n = int(out[-1].split(" x")[1]) + 1 if " x" in out[-1] else 2
            out[-1] = f"{short} x{n}"
        else:
            out.append(short)
    return ", ".join(out)


def option_text(option: Any) -> str:
    """Selectbox/radio options are strings; segmented control options are messages."""
    return option if isinstance(option, str) else str(getattr(option, "content", option))


def read_element(msg: ForwardMsg) -> tuple[str, Any]:
    """A delta's new element: ("exception", text), ("error", st.error text),
    ("widget", Widget) or ("", None) for anything else."""
    if msg.delta.WhichOneof("type") != "new_element":
        return "", None
    element = msg.delta.new_element
    etype = element.WhichOneof("type")
    if etype is None:
        return "", None
    body = getattr(element, etype)
    if etype == "exception":
        return "exception", f"{body.type}: {body.message}"
    if etype == "alert" and body.format == ALERT_ERROR:
        return "error", body.body
    widget_id = getattr(body, "id", "")
    if isinstance(widget_id, str) and widget_id.startswith("$$ID-"):
        options = tuple(option_text(o) for o in getattr(body, "options", ()))
        return "widget", Widget(widget_id, etype, str(getattr(body, "label", "")), options)
    return "", None
