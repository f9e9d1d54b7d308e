# SPDX-License-Identifier: GPL-3.0-or-later
"""What every GUI scenario shares: the application found on the
accessibility bus, waiting, finding, typing and screenshots.

Importing this module switches toolkit accessibility on, so it must be
imported before anything else of dogtail.
"""

import os
import subprocess
import sys
import time

SOKHACH = sys.argv[1] if len(sys.argv) > 1 else "sokhach"
SCRATCH = os.environ["CRM_GUI_SCRATCH"]
SHOTS = os.environ.get("G_TEST_BUILDDIR", SCRATCH)

subprocess.run(["gsettings", "set", "org.gnome.desktop.interface",
                "toolkit-accessibility", "true"], check=True)

from dogtail import config  # noqa: E402  (after a11y is switched on)

config.config.searchShowingOnly = False
config.config.defaultDelay = 0.2
config.config.searchCutoffCount = 40
config.config.logDebugToFile = False

from dogtail import tree  # noqa: E402
from dogtail.predicate import GenericPredicate  # noqa: E402

SECTIONS_EN = ["Customers", "Calendar", "Opportunities", "Quotes", "Contracts",
               "Orders", "Care", "Reports", "Settings"]
SECTIONS_VI = ["Khách hàng", "Lịch làm việc", "Cơ hội", "Báo giá", "Hợp đồng",
               "Đơn hàng", "Chăm sóc", "Báo cáo", "Cài đặt"]


def fail(message):
    print("FAIL: " + message, flush=True)
    sys.exit(1)


def wait_for(what, probe, timeout=30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            found = probe()
            if found:
                return found
        except Exception:  # the tree changes under our feet while starting
            pass
        time.sleep(0.3)
    fail("timed out waiting for " + what)


def find_app():
    for app in tree.root.applications():
        if app.name in ("sokhach", "Sổ Khách"):
            return app
    return None


def find(node, **kwargs):
    return node.findChild(GenericPredicate(**kwargs), retry=False, requireResult=False)


def find_all(node, **kwargs):
    return node.findChildren(GenericPredicate(**kwargs))


def page_showing(window, title):
    """The window title names the section on screen (GTK 4.8 reports every
    stack page as showing, so the pages themselves cannot tell)."""
    return (window.name or "").startswith(title + " — ")


def screenshot(name):
    path = os.path.join(SHOTS, name)
    subprocess.run(["import", "-window", "root", path], check=False)
    print("screenshot: " + path, flush=True)


def type_into(entry, text):
    """Sets the text through AT-SPI's EditableText when the toolkit offers
    it, else types it: the window forwards typing to its search entry."""
    try:
        entry.text = text
    except Exception as error:  # GTK 4.8 may not implement EditableText
        print("EditableText unavailable (%s); typing instead" % error, flush=True)
        from dogtail import rawinput
        rawinput.typeText(text)


def start(database, env_extra, *args):
    env = dict(os.environ)
    env.update(env_extra)
    return subprocess.Popen([SOKHACH, "--database", database, *args], env=env)


def stop(process):
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def button_ending(node, text):
    """GTK 4.8 names a mnemonic button "_Save Save": match the end."""
    found = [b for b in find_all(node, roleName="push button") if (b.name or "").endswith(text)]
    return found[0] if found else None


def field(form, name):
    """The input named @name (its label carries the same name)."""
    found = [node for node in find_all(form, name=name) if node.roleName not in ("label", "panel")]
    return found[0] if found else None


def list_item_of(node):
    while node is not None and node.roleName != "list item":
        node = node.parent
    return node


def window_starting(app, prefixes):
    found = [w for w in app.children if (w.name or "").startswith(prefixes)]
    return found[0] if found else None


def sign_in(app, login, password, sign_in_label="Sign In"):
    """Chooses @login in the sign-in window's user list, types the password
    and signs in; returns the main window."""
    window = wait_for("the sign-in window", lambda: window_starting(app, (sign_in_label + " — ",)))
    label = wait_for("the user " + login,
                     lambda: [lb for lb in find_all(window, roleName="label")
                              if (lb.name or "").endswith("(" + login + ")")][0])
    if not list_item_of(label).select():
        fail("the user %s could not be chosen" % login)
    password_field = wait_for("the password field",
                              lambda: [n for n in find_all(window, roleName="password text")] or
                              [n for n in find_all(window, roleName="text")])
    type_into(password_field[0], password)
    button_ending(window, sign_in_label).doActionNamed("click")
    return wait_for("the main window",
                    lambda: [w for w in app.children if (w.name or "").endswith(" — Sổ Khách")
                             and not (w.name or "").startswith(sign_in_label)][0])


def set_up(app, company, admin_name, login, password):
    """Fills the set-up assistant of a new database; returns the main window."""
    window = wait_for("the set-up assistant", lambda: window_starting(app, ("Set Up Sổ Khách",)))
    type_into(wait_for("the company name", lambda: field(window, "Company name")), company)
    type_into(field(window, "Your full name"), admin_name)
    type_into(field(window, "Login"), login)
    type_into(field(window, "Password"), password)
    type_into(field(window, "Password again"), password)
    button_ending(window, "Start Using Sổ Khách").doActionNamed("click")
    return wait_for("the main window",
                    lambda: [w for w in app.children if (w.name or "").endswith(" — Sổ Khách")
                             and not (w.name or "").startswith("Set Up")][0])


DEMO_ADMIN = ("admin", "quantri-demo")
