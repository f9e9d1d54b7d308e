#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A reminder shown through CrmLibnotifyNotifier reaches a real
org.freedesktop.Notifications service (python3-dbusmock's
notification_daemon template) on a private session bus, and a click on
one of its buttons comes back.  Usage: test-notify-dbus.py NOTIFY-PROBE.
Exit 77 (skipped) without dbus-run-session or python3-dbusmock."""

import os
import shutil
import subprocess
import sys
import time

SKIP = 77
MARK = 'SOKHACH_NOTIFY_PRIVATE_BUS'


def skip(reason):
    print('SKIP: ' + reason)
    sys.exit(SKIP)


def find_notify_call(mock):
    for _stamp, method, args in mock.GetCalls():
        if method == 'Notify':
            return args
    return None


def main():
    probe = sys.argv[1]
    if shutil.which('dbus-run-session') is None:
        skip('dbus-run-session is not installed')
    try:
        import dbus
        import dbusmock
    except ImportError:
        skip('python3-dbusmock is not installed')

    # Everything below runs on a bus of its own, never the desktop's.
    if MARK not in os.environ:
        env = dict(os.environ, **{MARK: '1'})
        os.execvpe('dbus-run-session',
                   ['dbus-run-session', '--', sys.executable, os.path.abspath(__file__), probe], env)

    daemon, mock = dbusmock.DBusTestCase.spawn_server_template(
        'notification_daemon', {}, stdout=subprocess.DEVNULL)
    try:
        run = subprocess.Popen([probe], stdout=subprocess.PIPE, text=True,
                               env=dict(os.environ, LC_ALL='C.UTF-8', LANGUAGE=''))
        assert run.stdout.readline().strip() == 'shown', 'the probe did not show its notification'

        args = None
        for _ in range(100):
            args = find_notify_call(mock)
            if args is not None:
                break
            time.sleep(0.05)
        assert args is not None, 'no Notify call reached the daemon'
        app_name, replaces_id, icon, summary, body, actions, hints, timeout = args
        assert str(summary) == 'Khảo sát lắp đặt', summary
        assert str(body) == 'Starts at 09:00 on 24/11/2026\nCustomer: Công ty TNHH Hoa Sen', body
        pairs = [(str(actions[i]), str(actions[i + 1])) for i in range(0, len(actions), 2)]
        assert ('open', 'Open') in pairs, pairs
        assert ('snooze', 'Snooze 10 minutes') in pairs, pairs
        assert str(hints.get('desktop-entry')) == 'io.github.sokhach.SoKhach', hints
        assert int(timeout) == 0, timeout  # stays until the person acts

        # The person clicks "Snooze 10 minutes": the daemon says so.
        mock.EmitSignal('org.freedesktop.Notifications', 'ActionInvoked', 'us',
                        dbus.Array([dbus.UInt32(1), dbus.String('snooze')], signature='v'))
        out, _ = run.communicate(timeout=20)
        assert run.returncode == 0, run.returncode
        assert out.strip() == 'action reminder-7 snooze', out
    finally:
        daemon.terminate()
        daemon.wait()
    print('ok: Notify carried the reminder, ActionInvoked came back')


if __name__ == '__main__':
    main()
