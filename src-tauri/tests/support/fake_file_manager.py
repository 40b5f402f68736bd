"""A stand-in for the desktop's file manager on a test's private D-Bus session bus, for e2e tests.

Usage: fake_file_manager.py RECORD

Owns org.freedesktop.FileManager1 (the interface "Show in folder" calls on Linux desktops) and
appends each URI it is asked to show to RECORD, one a line. Prints "ready" once it owns the
name. Run with the system's python3 (python3-gi).
"""
import sys

from gi.repository import Gio, GLib

INTERFACE = """
<node>
  <interface name="org.freedesktop.FileManager1">
    <method name="ShowItems">
      <arg type="as" name="uris" direction="in"/>
      <arg type="s" name="startup_id" direction="in"/>
    </method>
  </interface>
</node>
"""


def call(connection, sender, path, interface, method, parameters, invocation):
    uris, _startup = parameters.unpack()
    with open(sys.argv[1], "a", encoding="utf-8") as record:
        for uri in uris:
            record.write(uri + "\n")
    invocation.return_value(None)


def acquired(connection, name):
    print("ready", flush=True)


def bus_up(connection, name):
    info = Gio.DBusNodeInfo.new_for_xml(INTERFACE).interfaces[0]
    connection.register_object("/org/freedesktop/FileManager1", info, call, None, None)


Gio.bus_own_name(Gio.BusType.SESSION, "org.freedesktop.FileManager1", Gio.BusNameOwnerFlags.NONE, bus_up, acquired, None)
GLib.MainLoop().run()
