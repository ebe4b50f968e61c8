#!/usr/bin/env python3
"""Writes edulink(1), a roff man page, from the command definitions themselves.

    edulink --experimental-dump-help | scripts/man-page.py [--version V] [--date YYYY-MM-DD] > edulink.1

The JSON is ArgumentParser's description of every command, subcommand, option and flag, so the page
says what the binary accepts and cannot drift from it. The sections the definitions do not hold
(environment, files, exit status) are written here, from the README's Configuration table.
Standard library only; the output is plain man(7) macros, with non-ASCII characters as \\[uXXXX]
escapes so that groff needs no preprocessor.
"""

import argparse
import datetime
import json
import re
import sys

# Commands left out of the page: ArgumentParser's own `help`; hidden ones are skipped by their flag.
SKIPPED_COMMANDS = {"help"}
# Every command accepts these; the page says so once instead of under every command.
COMMON_FLAGS = {"help", "version"}

ENVIRONMENT = [
    ("EDULINK_DB", "The database when no --db option is given: a SQLite file, or a "
     "postgres://user@host:5432/database URL where the command's --db takes one (TLS as libpq's "
     "sslmode and sslrootcert in its query say, e.g. ?sslmode=verify-full&sslrootcert=/etc/edulink/db-ca.pem). "
     "Cannot be combined with EDULINK_SERVER."),
    ("EDULINK_SERVER", "The Edulink server the terminal app uses when no --server option is given "
     "(an http:// or https:// URL)."),
    ("EDULINK_THEME", "The terminal app's theme when no --theme option is given."),
    ("EDULINK_SENDMAIL", "The sendmail-compatible command the scheduled jobs deliver email through "
     "(for example \"/usr/sbin/sendmail -t -i\"); wins over config.toml's sendmail. Without either, "
     "messages are written as files into the outbox folder."),
    ("EDULINK_MAIL_FROM", "The From: of that email; wins over config.toml's mail_from."),
    ("NO_COLOR", "When set (to anything), no colour is used: the terminal app uses the mono theme."),
    ("XDG_CONFIG_HOME", "Where config.toml and your own themes are looked for (default ~/.config)."),
    ("XDG_DATA_HOME", "Where the default database lives (default ~/.local/share)."),
    ("XDG_STATE_HOME", "Where the server's signing keys and remote sessions are kept "
     "(default ~/.local/state)."),
]

FILES = [
    ("$XDG_CONFIG_HOME/edulink/config.toml",
     "Settings kept between runs: theme, database, server, idle_lock_minutes, time_zone, "
     "sendmail, mail_from. "
     "A bad value is reported on one line (file, key, value) and ignored."),
    ("$XDG_CONFIG_HOME/edulink/themes/NAME.toml", "Your own themes."),
    ("$XDG_DATA_HOME/edulink/edulink.sqlite",
     "The default database; the terminal app creates it with the demo dataset when it is missing."),
    ("DATABASE-FOLDER/backups/", "Verified snapshots made by `edulink db backup` (or --dir)."),
    ("DATABASE-FOLDER/outbox/", "Messages of the scheduled jobs (`edulink jobs run`, `edulink serve`) "
     "when no sendmail command is set."),
    ("DATABASE-FOLDER/drafts/", "Applications not sent yet."),
    ("$XDG_STATE_HOME/edulink/server/signing-keys.json",
     "The server's token-signing keys (mode 0600), or in --state-dir."),
    ("$XDG_STATE_HOME/edulink/sessions/SERVER.json", "Remote-mode sign-in sessions (mode 0600)."),
    ("PREFIX/lib/edulink/",
     "The installed binary and its resource bundles (themes, demo data, the OpenAPI document); "
     "PREFIX/bin/edulink links to it."),
]

EXIT_STATUS = [
    ("0", "Success."),
    ("1", "Failure; the reason is one line on standard error."),
    ("2", "`edulink doctor` only: degraded (a warning). doctor exits 0 when healthy and 1 when "
     "unhealthy."),
    ("64", "Usage error: an unknown option, a missing argument, or two settings that cannot "
     "be used together."),
]


def escape(text):
    """Text for a roff line: backslashes, hyphens, quotes, `code` spans, non-ASCII characters."""
    out = []
    for char in text:
        if char == "\\":
            out.append("\\e")
        elif char == "-":
            out.append("\\-")
        elif char == "'":
            out.append("\\(aq")
        elif ord(char) > 127:
            out.append("\\[u%04X]" % ord(char))
        else:
            out.append(char)
    line = "".join(out)
    # `code` spans become bold.
    line = re.sub(r"`([^`]+)`", r"\\fB\1\\fR", line)
    line = line.replace("`", "\\(ga")
    # A line may not start with a control character.
    if line.startswith((".", "'")):
        line = "\\&" + line
    return line


def paragraphs(text):
    """Roff for a help text: blank lines separate paragraphs; lines indented by two spaces are
    examples, kept as they are."""
    lines = []
    for block in re.split(r"\n\s*\n", text.strip()):
        rows = block.split("\n")
        if all(row.startswith("  ") for row in rows):
            lines += [".PP", ".RS 4", ".nf"] + [escape(row[2:]) for row in rows] + [".fi", ".RE"]
        else:
            lines += [".PP", escape(" ".join(row.strip() for row in rows))]
    return lines


def option_name(name):
    return ("-" if name["kind"] == "short" else "--") + name["name"]


def visible(argument):
    if not argument.get("shouldDisplay", True):
        return False
    names = {name["name"] for name in argument.get("names", [])}
    return not (argument["kind"] == "flag" and names & COMMON_FLAGS)


def usage(argument):
    """The argument as it appears in a synopsis, in roff."""
    value = "\\fI%s\\fR" % escape(argument.get("valueName", "value"))
    if argument["kind"] == "positional":
        text = value + ("\\ ..." if argument.get("isRepeating") else "")
    else:
        name = "\\fB%s\\fR" % escape(option_name(argument["preferredName"]))
        text = name if argument["kind"] == "flag" else name + "\\ " + value
    return "[" + text + "]" if argument.get("isOptional") else text


def term(argument):
    """The tag of an option's .TP entry."""
    value = "\\fI%s\\fR" % escape(argument.get("valueName", "value"))
    if argument["kind"] == "positional":
        return value + ("\\ ..." if argument.get("isRepeating") else "")
    names = ", ".join("\\fB%s\\fR" % escape(option_name(name)) for name in argument["names"])
    return names if argument["kind"] == "flag" else names + "\\ " + value


def describe(argument):
    lines = []
    text = argument.get("abstract", "").strip()
    if argument.get("allValues"):
        text += " Values: %s." % ", ".join(argument["allValues"])
    if "defaultValue" in argument:
        text += " Default: %s." % argument["defaultValue"]
    lines.append(escape(text.strip()) if text.strip() else "")
    if argument.get("discussion"):
        # Further paragraphs of an entry stay indented with it.
        for line in paragraphs(argument["discussion"]):
            lines.append(".IP" if line == ".PP" else line)
    return [line for line in lines if line != ""]


def command_section(command, path):
    """.SS entries for a command and, after it, each of its subcommands."""
    lines = []
    full = " ".join(path)
    arguments = [argument for argument in command.get("arguments", []) if visible(argument)]
    subcommands = [
        sub for sub in command.get("subcommands", [])
        if sub.get("shouldDisplay", True) and sub["commandName"] not in SKIPPED_COMMANDS
    ]
    lines.append('.SS "%s"' % escape(full))
    synopsis = "\\fB%s\\fR" % escape(full)
    if subcommands:
        synopsis += " \\fIcommand\\fR"
    if arguments:
        synopsis += " " + " ".join(usage(argument) for argument in arguments)
    lines += [".PP", synopsis]
    abstract = command.get("abstract", "").strip()
    if abstract:
        lines += [".PP", escape(abstract)]
    if command.get("discussion"):
        lines += paragraphs(command["discussion"])
    for argument in arguments:
        lines += [".TP", term(argument)] + describe(argument)
    if subcommands:
        lines += [".PP", "Commands: " + ", ".join("\\fB%s\\fR" % escape(sub["commandName"]) for sub in subcommands) + "."]
    for sub in subcommands:
        lines += command_section(sub, path + [sub["commandName"]])
    return lines


def man_page(dump, version, date):
    root = dump["command"]
    name = root["commandName"]
    lines = [
        '.\\" Generated by scripts/man-page.py from `%s --experimental-dump-help`; do not edit.' % name,
        '.TH %s 1 "%s" "%s %s" "User Commands"' % (name.upper(), date, name, version),
        # Ragged right and no hyphenation: paths and option names stay whole and evenly spaced.
        ".ad l",
        ".nh",
        ".SH NAME",
        "%s \\- %s" % (name, escape(root.get("abstract", "").strip().rstrip(".").lower()[:1]
                                     + root.get("abstract", "").strip().rstrip(".")[1:])),
        ".SH SYNOPSIS",
    ]
    default = root.get("defaultSubcommand")
    lines += [
        ".B %s" % name,
        "[\\fB%s\\fR] [\\fIoptions\\fR]" % escape(default) if default else "[\\fIoptions\\fR]",
        ".br",
        ".B %s" % name,
        "\\fIcommand\\fR [\\fIsubcommand\\fR] [\\fIoptions\\fR] [\\fIarguments\\fR]",
        ".br",
        ".B %s" % name,
        "\\fBhelp\\fR \\fIcommand\\fR",
        ".SH DESCRIPTION",
    ]
    lines += paragraphs(root.get("discussion", root.get("abstract", "")))
    lines += [
        ".PP",
        escape("Every command accepts -h, --help (its help) and --version (the version, %s)." % version),
        ".SH COMMANDS",
    ]
    for sub in root.get("subcommands", []):
        if not sub.get("shouldDisplay", True) or sub["commandName"] in SKIPPED_COMMANDS:
            continue
        lines += command_section(sub, [name, sub["commandName"]])
    lines.append(".SH ENVIRONMENT")
    for variable, text in ENVIRONMENT:
        lines += [".TP", "\\fB%s\\fR" % escape(variable), escape(text)]
    lines.append(".SH FILES")
    for path, text in FILES:
        lines += [".TP", "\\fI%s\\fR" % escape(path), escape(text)]
    lines.append(".SH EXIT STATUS")
    for code, text in EXIT_STATUS:
        lines += [".TP", "\\fB%s\\fR" % code, escape(text)]
    lines += [
        ".SH SEE ALSO",
        escape("The README of the source distribution (Command line, Configuration, Operations, "
               "Install and deploy); `%s help COMMAND`." % name),
    ]
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--version", default="", help="the version in the page's footer")
    parser.add_argument("--date", default=datetime.date.today().isoformat(), help="the page's date")
    parser.add_argument("dump", nargs="?", help="the JSON file (default: standard input)")
    options = parser.parse_args()
    source = open(options.dump, encoding="utf-8") if options.dump else sys.stdin
    with source:
        dump = json.load(source)
    sys.stdout.write(man_page(dump, options.version, options.date))


if __name__ == "__main__":
    main()
