#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check that every translatable string of Sổ Khách is translated in a .po file.

Usage: check-translations.py POTFILES.in LANG.po SOURCE_ROOT

Extracts the messages of every file listed in POTFILES.in with xgettext (into
a temporary .pot), then fails when a message is missing from LANG.po, is
fuzzy, or has an empty translation, and when `msgfmt -c` rejects LANG.po.
Exits 77 (skip) when the gettext tools are not installed.

Only the Python standard library and the gettext command-line tools are used.
"""

import os
import shutil
import subprocess
import sys
import tempfile

SKIP = 77

# The same keywords and flags as meson's i18n "glib" preset, so that this test
# sees exactly what `meson compile sokhach-pot` puts into the template.
C_ARGS = [
    '--language=C',
    '--keyword=_',
    '--keyword=N_',
    '--keyword=C_:1c,2',
    '--keyword=NC_:1c,2',
    '--keyword=g_dcgettext:2',
    '--keyword=g_dngettext:2,3',
    '--keyword=g_dpgettext2:2c,3',
    '--flag=N_:1:pass-c-format',
    '--flag=C_:2:pass-c-format',
    '--flag=NC_:2:pass-c-format',
    '--flag=g_dngettext:2:pass-c-format',
    '--flag=g_strdup_printf:1:c-format',
    '--flag=g_string_printf:2:c-format',
    '--flag=g_string_append_printf:2:c-format',
    '--flag=g_error_new:3:c-format',
    '--flag=g_set_error:4:c-format',
    '--flag=g_markup_printf_escaped:1:c-format',
    '--flag=g_log:3:c-format',
    '--flag=g_print:1:c-format',
    '--flag=g_printerr:1:c-format',
    '--flag=g_printf:1:c-format',
    '--flag=g_fprintf:2:c-format',
    '--flag=g_sprintf:2:c-format',
    '--flag=g_snprintf:3:c-format',
]

C_SUFFIXES = ('.c', '.h')
DESKTOP_SUFFIXES = ('.desktop', '.desktop.in', '.desktop.in.in')


class Entry:
    __slots__ = ('msgctxt', 'msgid', 'msgid_plural', 'msgstr', 'flags',
                 'references', 'lineno')

    def __init__(self):
        self.msgctxt = None
        self.msgid = None
        self.msgid_plural = None
        self.msgstr = {}          # plural index (0 for singular) -> text
        self.flags = set()
        self.references = []
        self.lineno = 0

    @property
    def key(self):
        return (self.msgctxt, self.msgid)

    def describe(self):
        text = self.msgid
        if len(text) > 70:
            text = text[:67] + '...'
        text = text.replace('\n', '\\n')
        if self.msgctxt is not None:
            return '"%s" (context "%s")' % (text, self.msgctxt)
        return '"%s"' % text


_ESCAPES = {'n': '\n', 't': '\t', 'r': '\r', 'a': '\a', 'b': '\b',
            'f': '\f', 'v': '\v', '\\': '\\', '"': '"', '?': '?', "'": "'"}


def unquote(token, path, lineno):
    """Turn a C-quoted PO string ("...") into its text."""
    token = token.strip()
    if len(token) < 2 or token[0] != '"' or token[-1] != '"':
        raise ValueError('%s:%d: malformed string %s' % (path, lineno, token))
    body = token[1:-1]
    out = []
    i = 0
    while i < len(body):
        ch = body[i]
        if ch != '\\':
            out.append(ch)
            i += 1
            continue
        i += 1
        if i >= len(body):
            raise ValueError('%s:%d: dangling backslash' % (path, lineno))
        ch = body[i]
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
            i += 1
        elif ch in '01234567':
            j = i
            while j < len(body) and j < i + 3 and body[j] in '01234567':
                j += 1
            out.append(chr(int(body[i:j], 8)))
            i = j
        elif ch == 'x':
            j = i + 1
            while j < len(body) and body[j] in '0123456789abcdefABCDEF':
                j += 1
            out.append(chr(int(body[i + 1:j], 16)))
            i = j
        else:
            raise ValueError('%s:%d: unknown escape \\%s' % (path, lineno, ch))
    return ''.join(out)


def parse_po(path):
    """Parse a PO/POT file; returns its live (non-obsolete) entries, header first."""
    entries = []
    entry = Entry()
    field = None            # ('msgid',) / ('msgstr', n) / ... being continued
    seen_keyword = False

    def finish():
        nonlocal entry, field, seen_keyword
        if entry.msgid is not None:
            entries.append(entry)
        entry = Entry()
        field = None
        seen_keyword = False

    def append(target, text):
        if target[0] == 'msgstr':
            entry.msgstr[target[1]] = entry.msgstr.get(target[1], '') + text
        else:
            setattr(entry, target[0], (getattr(entry, target[0]) or '') + text)

    with open(path, encoding='utf-8') as f:
        for lineno, raw in enumerate(f, 1):
            line = raw.strip()
            if not line:
                finish()
                continue
            if line.startswith('#'):
                # A comment after the strings starts a new entry.
                if seen_keyword:
                    finish()
                if line.startswith('#~'):
                    continue            # obsolete entry: ignore
                if line.startswith('#,'):
                    entry.flags.update(flag.strip()
                                       for flag in line[2:].split(',')
                                       if flag.strip())
                elif line.startswith('#:'):
                    entry.references.extend(line[2:].split())
                continue
            if line.startswith('"'):
                if field is None:
                    raise ValueError('%s:%d: string without keyword'
                                     % (path, lineno))
                append(field, unquote(line, path, lineno))
                continue
            keyword, _, rest = line.partition(' ')
            if keyword in ('msgctxt', 'msgid') and entry.msgstr:
                finish()            # entries not separated by a blank line
            seen_keyword = True
            if keyword == 'msgctxt':
                entry.lineno = entry.lineno or lineno
                entry.msgctxt = ''
                field = ('msgctxt',)
            elif keyword == 'msgid':
                entry.lineno = entry.lineno or lineno
                entry.msgid = ''
                field = ('msgid',)
            elif keyword == 'msgid_plural':
                entry.msgid_plural = ''
                field = ('msgid_plural',)
            elif keyword == 'msgstr':
                field = ('msgstr', 0)
            elif keyword.startswith('msgstr[') and keyword.endswith(']'):
                field = ('msgstr', int(keyword[7:-1]))
            else:
                raise ValueError('%s:%d: unknown keyword %s'
                                 % (path, lineno, keyword))
            if field[0] == 'msgstr':
                entry.msgstr.setdefault(field[1], '')
            append(field, unquote(rest, path, lineno))
    finish()
    return entries


def location_key(entry):
    """Sort messages by file, then line number, of their first reference."""
    if entry.references:
        path, _, line = entry.references[0].rpartition(':')
        if line.isdigit():
            return (path, int(line), entry.msgid)
        return (entry.references[0], 0, entry.msgid)
    return ('\uffff', 0, entry.msgid)


def read_potfiles(path):
    files = []
    with open(path, encoding='utf-8') as f:
        for line in f:
            line = line.strip()
            # Comments, blank lines and intltool-style "[encoding: ...]" lines.
            if not line or line.startswith('#') or line.startswith('['):
                continue
            files.append(line)
    return files


def run(cmd, cwd=None):
    return subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, universal_newlines=True)


def extract(xgettext, srcroot, files, pot):
    """Run xgettext over FILES (relative to SRCROOT) into the template POT."""
    groups = {'c': [], 'desktop': [], 'other': []}
    for name in files:
        if name.endswith(C_SUFFIXES):
            groups['c'].append(name)
        elif name.endswith(DESKTOP_SUFFIXES):
            groups['desktop'].append(name)
        else:
            # GtkBuilder .ui, .metainfo.xml(.in.in) and .gschema.xml are
            # recognised by xgettext through the ITS rules installed by GTK,
            # AppStream and gettext itself (".in" suffixes are ignored).
            groups['other'].append(name)

    language_args = {
        'c': C_ARGS,
        'desktop': ['--language=Desktop'],
        'other': [],
    }
    first = True
    for group, names in groups.items():
        if not names:
            continue
        cmd = [xgettext, '--from-code=UTF-8', '--add-comments',
               '--force-po', '--output=' + pot]
        if not first:
            cmd.append('--join-existing')
        cmd += language_args[group]
        cmd += ['--'] + names
        result = run(cmd, cwd=srcroot)
        if result.returncode != 0:
            sys.stdout.write(result.stdout)
            raise RuntimeError('xgettext failed on: ' + ' '.join(names))
        # Pass warnings through, minus gettext 0.21's notice about using its
        # own copy of the GtkBuilder rules.
        for line in result.stdout.splitlines():
            if 'fallback ITS rule file' not in line:
                print(line)
        first = False
    return not first


def main(argv):
    if len(argv) != 4:
        sys.stderr.write('usage: %s POTFILES.in LANG.po SOURCE_ROOT\n' % argv[0])
        return 2

    potfiles = os.path.abspath(argv[1])
    po_path = os.path.abspath(argv[2])
    srcroot = os.path.abspath(argv[3])

    xgettext = shutil.which('xgettext')
    msgfmt = shutil.which('msgfmt')
    if not xgettext or not msgfmt:
        print('SKIP: xgettext and msgfmt (GNU gettext) are needed')
        return SKIP
    msgmerge = shutil.which('msgmerge')

    problems = []

    files = read_potfiles(potfiles)
    missing_files = [name for name in files
                     if not os.path.isfile(os.path.join(srcroot, name))]
    for name in missing_files:
        problems.append('%s: listed in %s but does not exist'
                        % (name, potfiles))
    files = [name for name in files if name not in missing_files]

    with tempfile.TemporaryDirectory(prefix='sokhach-i18n-') as tmp:
        pot = os.path.join(tmp, 'sokhach.pot')
        try:
            extracted = extract(xgettext, srcroot, files, pot)
        except RuntimeError as e:
            print('FAIL: %s' % e)
            return 1

        try:
            template_entries = parse_po(pot) if extracted else []
            po_entries = parse_po(po_path)
        except (OSError, ValueError) as e:
            print('FAIL: %s' % e)
            return 1

        template = {}
        for entry in template_entries:
            if entry.msgid == '' and entry.msgctxt is None:
                continue            # header
            template[entry.key] = entry

        translations = {}
        header = None
        for entry in po_entries:
            if entry.msgid == '' and entry.msgctxt is None:
                header = entry
                continue
            if entry.key in translations:
                problems.append('%s:%d: duplicate message %s'
                                % (po_path, entry.lineno, entry.describe()))
            translations[entry.key] = entry
        if header is None:
            problems.append('%s: no header entry' % po_path)

        counts = {'missing': 0, 'fuzzy': 0, 'untranslated': 0, 'format': 0}
        translated = set()
        for key in sorted(template, key=lambda k: location_key(template[k])):
            entry = template[key]
            where = ', '.join(entry.references) or '(unknown location)'
            found = translations.get(key)
            if found is None:
                counts['missing'] += 1
                problems.append('%s: missing from %s: %s'
                                % (where, os.path.basename(po_path),
                                   entry.describe()))
            elif 'fuzzy' in found.flags:
                counts['fuzzy'] += 1
                problems.append('%s: fuzzy in %s:%d: %s'
                                % (where, os.path.basename(po_path),
                                   found.lineno, entry.describe()))
            elif (entry.msgid_plural is None) != (found.msgid_plural is None):
                counts['fuzzy'] += 1
                problems.append('%s: plural form changed, %s:%d is outdated: %s'
                                % (where, os.path.basename(po_path),
                                   found.lineno, entry.describe()))
            elif not found.msgstr or any(text == '' for text
                                         in found.msgstr.values()):
                counts['untranslated'] += 1
                problems.append('%s: untranslated in %s:%d: %s'
                                % (where, os.path.basename(po_path),
                                   found.lineno, entry.describe()))
            else:
                translated.add(key)

        # msgfmt -c: format strings, header and domain of the file as it is.
        result = run([msgfmt, '--check-format', '-c', '--statistics',
                      '--output-file=' + os.devnull, po_path])
        if result.returncode != 0:
            problems.append('msgfmt --check-format -c %s failed:\n%s'
                            % (po_path, result.stdout.rstrip()))

        # The flags in vi.po may be stale (no "c-format" on a message whose
        # source has since gained a format directive), so check the formats
        # once more against the flags from the current sources.
        if msgmerge and result.returncode == 0 and template:
            merged_po = os.path.join(tmp, 'merged.po')
            merge = run([msgmerge, '--quiet', '--no-fuzzy-matching',
                         '--output-file=' + merged_po, po_path, pot])
            if merge.returncode != 0:
                problems.append('msgmerge %s failed:\n%s'
                                % (po_path, merge.stdout.rstrip()))
            else:
                # msgmerge marks a translation fuzzy when its format
                # directives do not match the source any more.
                for entry in parse_po(merged_po):
                    if entry.key in translated and 'fuzzy' in entry.flags:
                        found = translations[entry.key]
                        counts['format'] += 1
                        problems.append(
                            '%s: translation in %s:%d does not match the '
                            'format directives of the source: %s'
                            % (', '.join(template[entry.key].references),
                               os.path.basename(po_path), found.lineno,
                               entry.describe()))
                check = run([msgfmt, '--check-format', '--use-fuzzy',
                             '--output-file=' + os.devnull, merged_po])
                if check.returncode != 0 and counts['format']:
                    problems.append('msgfmt on %s merged with the sources '
                                    'says:\n%s'
                                    % (os.path.basename(po_path),
                                       check.stdout.rstrip()))

    stale = [key for key in translations if key not in template]

    print('%d messages in the sources (%d files), %d in %s'
          % (len(template), len(files), len(translations),
             os.path.basename(po_path)))
    if stale:
        print('note: %d messages in %s are not in the sources any more '
              '(run msgmerge)' % (len(stale), os.path.basename(po_path)))

    if problems:
        for problem in problems:
            print('FAIL: ' + problem)
        print('%d problems: %d missing, %d fuzzy, %d untranslated, '
              '%d with wrong format directives'
              % (len(problems), counts['missing'], counts['fuzzy'],
                 counts['untranslated'], counts['format']))
        return 1

    print('OK: every message is translated')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
