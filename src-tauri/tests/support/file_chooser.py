"""Reads an open GTK file chooser through the accessibility bus (AT-SPI), for e2e tests.

Usage: file_chooser.py TITLE [cancel | save PATH]

Waits (up to 120 s: the machine may be loaded) for a dialog named TITLE in any application on the bus, then prints one JSON
object: the filters its filter list offers, the one chosen, and the name typed in. With
"cancel" it then presses the dialog's Cancel button, so nothing is written; with "save PATH" it
puts PATH in the name box, as a person typing it would, and presses Save. Exits 2 when no
such dialog appears. Run with the system's python3 (python3-gi, gir1.2-atspi-2.0).
"""
import json
import sys
import time

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi, GLib  # noqa: E402


def walk(node):
    yield node
    for i in range(node.get_child_count()):
        child = node.get_child_at_index(i)
        if child is not None:
            yield from walk(child)


def find_dialog(title):
    # Without a main loop the library never hears of windows opened after it first looked:
    # read the tree afresh each time.
    while GLib.MainContext.default().iteration(False):
        pass
    desktop = Atspi.get_desktop(0)
    desktop.clear_cache()
    for i in range(desktop.get_child_count()):
        app = desktop.get_child_at_index(i)
        if app is None:
            continue
        app.clear_cache()
        for node in walk(app):
            if node.get_role() in (Atspi.Role.DIALOG, Atspi.Role.FILE_CHOOSER) and node.get_name() == title:
                return node
    return None


def describe(dialog):
    combos = [n for n in walk(dialog) if n.get_role() == Atspi.Role.COMBO_BOX]
    filters, chosen = [], None
    for combo in combos:
        items = [n.get_name() for n in walk(combo) if n.get_role() == Atspi.Role.MENU_ITEM]
        if items:
            filters, chosen = items, combo.get_name()
    texts = [n for n in walk(dialog) if n.get_role() == Atspi.Role.TEXT]
    typed = [t.get_text(0, t.get_character_count()) for t in texts]
    return {"filters": filters, "chosen": chosen, "texts": typed}


def press(dialog, label):
    for node in walk(dialog):
        if node.get_role() == Atspi.Role.PUSH_BUTTON and node.get_name().replace("_", "") == label:
            node.do_action(0)
            return True
    return False


def main():
    title = sys.argv[1]
    deadline = time.monotonic() + 120
    dialog = find_dialog(title)
    while dialog is None and time.monotonic() < deadline:
        time.sleep(0.2)
        dialog = find_dialog(title)
    if dialog is None:
        print(json.dumps({"error": f"no dialog named {title!r} on the accessibility bus"}))
        sys.exit(2)
    # The filter list is filled as the dialog is shown: wait until it has entries.
    seen = describe(dialog)
    while not seen["filters"] and time.monotonic() < deadline:
        time.sleep(0.2)
        seen = describe(dialog)
    print(json.dumps(seen), flush=True)
    action = sys.argv[2] if len(sys.argv) > 2 else None
    if action == "cancel" and not press(dialog, "Cancel"):
        sys.exit(3)
    if action == "save":
        # The name box is the dialog's one editable text at the top ("Name:").
        boxes = [
            n
            for n in walk(dialog)
            if n.get_role() == Atspi.Role.TEXT and n.get_state_set().contains(Atspi.StateType.EDITABLE)
        ]
        if not boxes or not boxes[0].set_text_contents(sys.argv[3]) or not press(dialog, "Save"):
            sys.exit(3)


main()
