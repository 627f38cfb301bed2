"""The studio's form view as text edits: each common field of a persona, scenario or rubric is one line
of its YAML (``name_zh``, ``product.list_price``, ``weights.strategy``), read from and written back into
the instructor's own text, so comments and layout stay as they wrote them and the same checks run."""

from __future__ import annotations

import re

from simulator.domain.rubric import COMPONENTS

# The fields the form shows, per kind of file (the folder's name); the studio gives them their labels.
FORM_FIELDS: dict[str, tuple[str, ...]] = {
    "personas": (
        "name_zh",
        "name_en",
        "summary",
        "difficulty",
        "buyer_name",
        "patience_seconds",
        "leave_after_seconds",
    ),
    "scenarios": (
        "name_zh",
        "name_en",
        "shop",
        "product.name",
        "product.kind",
        "product.list_price",
        "product.floor_price",
        "buyer.for_whom",
        "buyer.complaint",
        "buyer.demand",
        "buyer.deadline",
    ),
    "rubrics": (
        "pass_mark",
        "technique_target",
        "bargaining_expected",
        *(f"weights.{component}" for component in COMPONENTS),
    ),
    "catalogue": ("version",),
}

_FLOW_ITEM = r"(?P<key>\b{key}\s*:\s*)(?P<value>[^,}}]*)"


def field_value(text: str, key: str) -> str | None:
    """A one-line field's value as written (quotes and comment removed), or None when absent.
    ``key`` is a top-level name or ``parent.child`` (a block map under the parent, or a one-line
    ``parent: {child: value, …}``)."""
    parent, _, child = key.rpartition(".")
    lines = text.splitlines()
    if not parent:
        index = _top_level(lines, child)
        return None if index is None else _unquoted(_value_part(lines[index], child))
    index = _top_level(lines, parent)
    if index is None:
        return None
    rest = _value_part(lines[index], parent)
    if rest.startswith("{"):
        match = re.search(_FLOW_ITEM.format(key=re.escape(child)), rest)
        return None if match is None else _unquoted(match["value"].strip())
    child_index = _block_child(lines, index, child)
    return None if child_index is None else _unquoted(_value_part(lines[child_index], child))


def with_field(text: str, key: str, value: str) -> str:
    """The text with a one-line field set (quoted when YAML would read it otherwise); a missing
    top-level field is added after the file's first field, a missing child under its parent."""
    written = _written(value)
    parent, _, child = key.rpartition(".")
    lines = text.splitlines(keepends=True)
    bare = [line.rstrip("\n") for line in lines]
    if not parent:
        index = _top_level(bare, child)
        if index is None:
            first = next((i for i, line in enumerate(bare) if re.match(r"[A-Za-z_]\w*:", line)), None)
            if first is None:
                return text
            lines.insert(first + 1, f"{child}: {written}\n")
            return "".join(lines)
        lines[index] = _replaced(lines[index], child, written)
        return "".join(lines)
    index = _top_level(bare, parent)
    if index is None:
        lines.append(
            ("" if not lines or lines[-1].endswith("\n") else "\n") + f"{parent}: {{{child}: {written}}}\n"
        )
        return "".join(lines)
    rest = _value_part(bare[index], parent)
    if rest.startswith("{"):
        pattern = re.compile(_FLOW_ITEM.format(key=re.escape(child)))
        line = lines[index]
        if pattern.search(line):
            lines[index] = pattern.sub(lambda m: f"{m['key']}{written}", line, count=1)
        else:
            closing = line.rindex("}")
            inside = line[line.index("{") + 1 : closing].strip()
            lines[index] = (
                line[:closing].rstrip() + (", " if inside else "") + f"{child}: {written}" + line[closing:]
            )
        return "".join(lines)
    child_index = _block_child(bare, index, child)
    if child_index is None:
        indent = _child_indent(bare, index)
        lines.insert(index + 1, f"{indent}{child}: {written}\n")
        return "".join(lines)
    lines[child_index] = _replaced(lines[child_index], child, written)
    return "".join(lines)


def _top_level(lines: list[str], key: str) -> int | None:
    return next((i for i, line in enumerate(lines) if line.startswith(f"{key}:")), None)


def _child_indent(lines: list[str], parent: int) -> str:
    for line in lines[parent + 1 :]:
        if line.strip() and not line.lstrip().startswith("#"):
            indent = line[: len(line) - len(line.lstrip())]
            return indent if indent else "  "
    return "  "


def _block_child(lines: list[str], parent: int, key: str) -> int | None:
    """The line of ``key`` directly under the parent's block (its first-level children only)."""
    indent: str | None = None
    for index in range(parent + 1, len(lines)):
        line = lines[index]
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        own = line[: len(line) - len(line.lstrip())]
        if not own:
            return None  # the next top-level key: the parent's block has ended
        if indent is None:
            indent = own
        if own == indent and line[len(own) :].startswith(f"{key}:"):
            return index
    return None


def _value_part(line: str, key: str) -> str:
    return line.strip()[len(key) + 1 :].strip()


def _split_comment(value: str) -> tuple[str, str]:
    """An unquoted value and its trailing ``  # comment`` (kept when the value is rewritten)."""
    if value[:1] in "'\"":
        return value, ""
    position = value.find(" #")
    return (value, "") if position < 0 else (value[:position].rstrip(), value[position:])


def _unquoted(value: str) -> str:
    value, _ = _split_comment(value)
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1].replace("''", "'") if value[0] == "'" else value[1:-1]
    return value


def _replaced(line: str, key: str, written: str) -> str:
    ending = "\n" if line.endswith("\n") else ""
    bare = line.rstrip("\n")
    indent = bare[: len(bare) - len(bare.lstrip())]
    _, comment = _split_comment(_value_part(bare, key))
    written_line = f"{indent}{key}: {written}"
    if comment:  # the comment stays in its column when the new value leaves room
        column = len(bare) - len(comment.lstrip())
        written_line += " " * max(2, column - len(written_line)) + comment.strip()
    return written_line + ending


def _written(value: str) -> str:
    """Numbers and true/false as YAML reads them; anything else single-quoted."""
    if re.fullmatch(r"-?\d+(\.\d+)?", value) or value in ("true", "false"):
        return value
    return "'" + value.replace("'", "''") + "'"


__all__ = ["FORM_FIELDS", "field_value", "with_field"]
