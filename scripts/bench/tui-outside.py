#!/usr/bin/env python3
"""The outside half of scripts/bench-tui.sh: the terminal app as a person sees it, through tmux.

  tui-outside.py type --socket S --target T --log FRAMES --out OUT.json [--quiet-ms 500]
      On the app in tmux session T, signed in and on Browse: opens the search field (/), types the
      queries letter by letter and records when the screen settles after every keystroke. It
      talks to tmux in control mode (`tmux -C attach`, one connection, no process per command):
      keys go in with send-keys, and
      tmux reports every chunk the app writes to the pty (`%output`); each one triggers a
      capture-pane (text and colours) plus the cursor position, so the screen is known after every
      write, not on a timer. After a key, the screen counts as settled once neither the pty nor the
      app's frame log (EDULINK_FRAME_LOG) has moved for --quiet-ms; the screen then is the final
      one, and "keystroke → screen settled" is from just before send-keys to the pty write after
      which tmux's screen first equalled it (a screen passing through the same state twice counts
      the first time). C-u clears the field between queries (also measured, as its own row).
      --target, --log and --out again for a second app: the apps take turns, a query at a time.

  tui-outside.py report  --log FRAMES --outside OUT.json --launch FILE ... (see --help)
      The markdown report: the app's own frame-log figures and, per query, the outside figures
      beside the frame log's for the same keys.

  tui-outside.py compare A.json B.json ...
      Runs side by side, from the JSON summaries scripts/bench-tui.sh leaves in .build-bench: two
      binaries (BIN=a,b LABEL=x,y does this itself), or the sizes, e.g.
      .build-bench/tui-{10000,100000,1000000}-local.json for the growth with data.
"""
import argparse
import bisect
import hashlib
import json
import os
import queue
import re
import statistics
import subprocess
import sys
import threading
import time

# Realistic searches from data/vocabulary (roles, skills, locations), one with filters only, one
# mixing words and filters, one phrase with an exclusion. Each is typed a letter at a time.
QUERIES = [
    "data analyst",
    "software engineer nairobi",
    "marketing assistant",
    "python developer",
    "research assistant",
    "graphic designer",
    "finance",
    "sql",
    "mobile developer mombasa",
    "remote:yes category:technology",
    "accounting stipend>=20000",
    '"nursing assistant" -kisumu',
]

now = time.monotonic_ns  # the same clock as the app's DispatchTime.now().uptimeNanoseconds on Linux


def tmux_quote(text):
    """One argument for tmux's command parser."""
    if "'" not in text:
        return "'" + text + "'"
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("$", "\\$").replace("~", "\\~") + '"'


class ControlClient:
    """A tmux control-mode client: commands in order, their output blocks back in order, and the time
    of every %output notification (each chunk the pane's program wrote)."""

    def __init__(self, tmux, target):
        self.target = target
        self.proc = subprocess.Popen(
            tmux + ["-C", "attach-session", "-t", target],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, bufsize=0)
        self.write_lock = threading.Lock()
        self.waiting = queue.SimpleQueue()  # the reply queue of each command sent, in order
        self.outputs = []  # monotonic ns of each %output notification
        self.output_event = threading.Event()
        self.closed = False
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        fd = self.proc.stdout.fileno()
        buffer = b""
        block = None
        while True:
            data = os.read(fd, 1 << 16)
            if not data:
                break
            arrived = now()
            buffer += data
            *lines, buffer = buffer.split(b"\n")
            for line in lines:
                if block is not None:
                    if (line.startswith(b"%end ") or line.startswith(b"%error ")) and line.split()[1:3] == block[0]:
                        if block[1]:
                            reply_to = self.waiting.get()
                            reply_to.put((arrived, line.startswith(b"%end "), block[2]))
                        block = None
                    else:
                        block[2].append(line)
                elif line.startswith(b"%begin "):
                    fields = line.split()
                    # flags 1: a command this client sent (0: the attach itself).
                    block = (fields[1:3], fields[3:4] == [b"1"], [])
                elif line.startswith(b"%output "):
                    self.outputs.append(arrived)
                    self.output_event.set()
                elif line.startswith(b"%exit"):
                    break
        self.closed = True
        self.output_event.set()

    def send(self, *commands):
        """Sends commands (one line each); returns (sent ns, a queue that will hold each reply)."""
        replies = queue.SimpleQueue()
        with self.write_lock:
            for _ in commands:
                self.waiting.put(replies)
            sent = now()
            self.proc.stdin.write("".join(command + "\n" for command in commands).encode())
        return sent, replies

    def run(self, *commands, timeout=30):
        sent, replies = self.send(*commands)
        answers = [replies.get(timeout=timeout) for _ in commands]
        for _, ok, lines in answers:
            if not ok:
                raise RuntimeError(f"tmux: {commands}: {b' '.join(lines).decode(errors='replace')}")
        return sent, answers

    def close(self):
        try:
            self.proc.stdin.close()
            self.proc.wait(timeout=10)
        except Exception:
            self.proc.kill()


class Screen:
    """Captures the pane after every pty write (and every 250 ms as a safety net)."""

    def __init__(self, client):
        self.client = client
        self.captures = []  # (sent ns, answered ns, digest)
        self.texts = {}  # digest -> text, for the screens worth keeping
        self.lock = threading.Lock()
        self.running = True
        self.thread = threading.Thread(target=self._loop, daemon=True)
        self.thread.start()

    def capture(self):
        target = self.client.target
        sent, answers = self.client.run(
            f"capture-pane -p -e -t {target}",
            f"display-message -p -t {target} '#{{cursor_x}},#{{cursor_y}},#{{cursor_flag}}'")
        text = b"\n".join(answers[0][2]).decode(errors="replace")
        cursor = b"".join(answers[1][2]).decode()
        digest = hashlib.blake2b((text + "\0" + cursor).encode(), digest_size=12).hexdigest()
        with self.lock:
            self.captures.append((sent, answers[1][0], digest))
            self.texts.setdefault(digest, text)
        return sent, answers[1][0], digest, text

    def _loop(self):
        while self.running and not self.client.closed:
            self.client.output_event.wait(0.25)
            self.client.output_event.clear()
            if self.running and not self.client.closed:
                try:
                    self.capture()
                except Exception:
                    if self.running:
                        raise

    def stop(self):
        self.running = False
        self.client.output_event.set()
        self.thread.join(timeout=10)


class FrameLog:
    """Reads the app's EDULINK_FRAME_LOG as it grows."""

    def __init__(self, path):
        self.path = path
        self.offset = 0
        self.partial = b""
        self.events = []

    def poll(self):
        try:
            with open(self.path, "rb") as f:
                f.seek(self.offset)
                data = f.read()
        except FileNotFoundError:
            return
        self.offset += len(data)
        data = self.partial + data
        *lines, self.partial = data.split(b"\n")
        for line in lines:
            parts = line.split(maxsplit=1)
            if len(parts) == 2:
                self.events.append((int(parts[0]), parts[1].decode()))


class App:
    """One app's pane: its control client, captures, frame log and the keys typed into it."""

    def __init__(self, tmux, target, log, out):
        self.target = target
        self.out = out
        self.client = ControlClient(tmux, target)
        self.screen = Screen(self.client)
        self.log = FrameLog(log)
        self.keys = []

    def press(self, key, literal=True):
        argument = f"-l {tmux_quote(key)}" if literal else key
        sent, _ = self.client.send(f"send-keys -t {self.target} {argument}")
        return sent

    def settle(self, sent, key, query_index, kind, quiet, timeout):
        """Waits until neither the pty nor the frame log has moved for `quiet` ns after the key sent at
        `sent` (and the app has logged the key), then records the screen as the key's final one."""
        deadline = now() + timeout * 1_000_000_000
        first_event = len(self.log.events)  # read before the key was sent
        seen_key, last_frame = False, 0
        while True:
            time.sleep(0.005)
            self.log.poll()
            t = now()
            last_output = self.client.outputs[-1] if self.client.outputs else 0
            for stamp, event in self.log.events[first_event:]:
                if stamp >= sent:
                    seen_key = seen_key or event == "key"
                    last_frame = stamp if event == "frame" else last_frame
            first_event = len(self.log.events)
            moving = max(last_output, last_frame, sent)
            if t - moving >= quiet and (seen_key or t - sent >= 4 * quiet + 2_000_000_000):
                break
            if self.client.closed:
                sys.exit(f"tui-outside: tmux went away ({self.target})")
            if t > deadline:
                print(f"tui-outside: {self.target}: the screen did not settle within {timeout} s after {key!r}",
                      file=sys.stderr)
                print(self.plain(), file=sys.stderr)
                sys.exit(1)
        _, answered, digest, _ = self.screen.capture()
        self.keys.append({"sent": sent, "settled_seen": answered, "key": key, "query": query_index,
                          "kind": kind, "final": digest, "seen_key": seen_key})

    def type(self, text, query_index, kind, quiet, timeout, literal=True):
        for key in (text if literal else [text]):
            self.settle(self.press(key, literal), key, query_index, kind, quiet, timeout)

    def plain(self):
        """The screen's text (no colours), outside the measurement."""
        return b"\n".join(self.client.run(f"capture-pane -p -t {self.target}")[1][0][2]).decode(errors="replace")

    def wait_quiet(self, quiet):
        start = now()
        while now() - max(self.client.outputs[-1] if self.client.outputs else 0, start) < quiet:
            time.sleep(0.01)

    def close(self):
        self.screen.stop()
        self.client.close()


def type_queries(args):
    tmux = ["tmux", "-u", "-L", args.socket, "-f", "/dev/null"]
    if not (len(args.target) == len(args.log) == len(args.out)):
        sys.exit("tui-outside: give --target, --log and --out once per app")
    quiet = args.quiet_ms * 1_000_000
    queries = args.queries or QUERIES
    apps = []
    try:
        for target, log, out in zip(args.target, args.log, args.out):
            apps.append(App(tmux, target, log, out))
        for app in apps:
            # Whatever is still arriving (the count, the first detail) lands before the first key.
            app.wait_quiet(quiet)
            app.type("/", -1, "focus", quiet, args.timeout)
        for index, query in enumerate(queries):
            # Several apps take turns, a query at a time, the order swapped every query.
            order = apps if index % 2 == 0 else apps[::-1]
            for app in order:
                app.type(query, index, "type", quiet, args.timeout)
                # The whole query is on the screen (the field is wide enough for these queries).
                text = app.plain()
                if f"/ {query}" not in text:
                    sys.exit(f"tui-outside: {app.target}: expected '/ {query}' on the screen after typing it:\n{text}")
                app.keys[-1]["screen"] = text
                app.type("C-u", index, "clear", quiet, args.timeout, literal=False)
    finally:
        for app in apps:
            app.close()
    for app in apps:
        with open(app.out, "w") as f:
            json.dump({"queries": queries, "quiet_ms": args.quiet_ms, "keys": app.keys,
                       "captures": app.screen.captures, "outputs": app.client.outputs}, f)


# ---------------------------------------------------------------------------------------------- report

def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def median(values):
    return statistics.median(values) if values else None


def fmt(value, digits=None):
    if value is None:
        return "—"
    if digits is None:
        digits = 2 if value < 10 else (1 if value < 100 else 0)
    return f"{value:,.{digits}f}"


def stat(values):
    """'median X ms, p99 Y ms' or —."""
    if not values:
        return "—"
    return f"{fmt(median(values))} / {fmt(pct(values, 99))}"


def outside_timings(outside, events):
    """Per key: the outside keystroke → screen settled, and the frame log's figures for the same key."""
    captures = sorted(outside["captures"])
    capture_sent = [c[0] for c in captures]
    outputs = sorted(outside["outputs"])
    keys = outside["keys"]
    app_keys = [t for t, e in events if e == "key"]
    frames = [t for t, e in events if e == "frame"]
    results = [t for t, e in events if e == "results"]
    rows = []
    for i, key in enumerate(keys):
        sent = key["sent"]
        end = keys[i + 1]["sent"] if i + 1 < len(keys) else key["settled_seen"] + 1
        # The first capture taken after the key that shows the final screen ...
        first = None
        for j in range(bisect.bisect_left(capture_sent, sent), len(captures)):
            c_sent, c_answered, digest = captures[j]
            if c_sent >= end:
                break
            if digest == key["final"]:
                first = j
                break
        if first is None:
            continue
        c_sent, c_answered, _ = captures[first]
        # ... reached with the last pty write before that capture was asked for (no later than its
        # answer; with no write since the key, the key changed nothing visible: its answer).
        k = bisect.bisect_right(outputs, c_sent) - 1
        settled = outputs[k] if k >= 0 and outputs[k] >= sent else c_answered
        row = {"key": key["key"], "query": key["query"], "kind": key["kind"],
               "outside": (settled - sent) / 1e6}
        # The app's own timestamps for the same key.
        a = bisect.bisect_left(app_keys, sent)
        if a < len(app_keys) and app_keys[a] < end:
            app_key = app_keys[a]
            app_end = app_keys[a + 1] if a + 1 < len(app_keys) else end
            row["delivery"] = (app_key - sent) / 1e6
            # The frame that drew the settled screen: the app's last frame stamped before the pty
            # write that settled it (a frame is stamped before its diff is written).
            f = bisect.bisect_right(frames, settled) - 1
            if f >= 0 and frames[f] >= app_key:
                row["app_settled_frame"] = (frames[f] - app_key) / 1e6
                row["frame_to_settled"] = (settled - frames[f]) / 1e6
            r = bisect.bisect_left(results, app_key)
            if r < len(results) and results[r] < app_end:
                f = bisect.bisect_left(frames, results[r])
                if f < len(frames):
                    row["app_results_frame"] = (frames[f] - app_key) / 1e6
        rows.append(row)
    round_trips = [(c[1] - c[0]) / 1e6 for c in captures]
    return rows, round_trips, len(keys)


def report(args):
    events = []
    for line in open(args.log).read().splitlines():
        parts = line.split(maxsplit=1)
        if len(parts) == 2:
            events.append((int(parts[0]), parts[1]))
    launch = int(open(args.launch).read().split()[1])
    frames = [t for t, e in events if e == "frame"]

    def next_frame(after):
        i = bisect.bisect_left(frames, after)
        return frames[i] if i < len(frames) else None

    ms = lambda ns: ns / 1e6
    keys = [t for t, e in events if e == "key"]
    results = [t for t, e in events if e == "results"]
    enter = max(t for t in keys if t < results[0])
    summary = {"label": args.label, "mode": args.mode, "listings": args.listings, "bin": args.bin}
    measures = []  # (name, value text, key for compare, number)

    def add(name, text, number=None):
        measures.append((name, text, number))

    add("process start → login frame", f"{fmt(ms(frames[0] - launch))} ms", ms(frames[0] - launch))
    first_results = ms(next_frame(results[0]) - enter)
    add("Enter on the login screen → first Browse results frame", f"{fmt(first_results)} ms", first_results)
    echo = [ms(next_frame(t) - t) for t in keys if next_frame(t)]
    add(f"keystroke → next frame ({len(echo)} keys: echo, selection, paging)",
        f"median {fmt(median(echo))} ms, p99 {fmt(pct(echo, 99))} ms", median(echo))
    starts = [t for t, e in events if e == "start"]
    searches = []
    for t, e in events:
        if e == "searched":
            begun = max(s for s in starts if s <= t)
            done = next((r for r in results if r >= t), None)
            if done and next_frame(done):
                searches.append(ms(next_frame(done) - begun))
    add(f"search start → results frame ({len(searches)} searches)",
        f"median {fmt(median(searches))} ms, p99 {fmt(pct(searches, 99))} ms", median(searches))
    typed = []
    for t in results:
        key = max((k for k in keys if k <= t), default=None)
        if key is not None and next_frame(t):
            typed.append(ms(next_frame(t) - key))
    add(f"keystroke → results frame, frame log ({len(typed)} searches, no debounce)",
        f"median {fmt(median(typed))} ms, p99 {fmt(pct(typed, 99))} ms", median(typed))

    outside = json.load(open(args.outside))
    rows, round_trips, sent_keys = outside_timings(outside, events)
    typed_rows = [r for r in rows if r["kind"] == "type"]
    clear_rows = [r for r in rows if r["kind"] == "clear"]
    col = lambda rs, k: [r[k] for r in rs if k in r]
    add(f"keystroke → screen settled, outside: tmux ({len(typed_rows)} keys typed in {len(outside['queries'])} queries)",
        f"median {fmt(median(col(typed_rows, 'outside')))} ms, p99 {fmt(pct(col(typed_rows, 'outside'), 99))} ms",
        median(col(typed_rows, "outside")))
    add("the same keys, frame log: keystroke → the frame that drew the settled screen",
        f"median {fmt(median(col(typed_rows, 'app_settled_frame')))} ms, "
        f"p99 {fmt(pct(col(typed_rows, 'app_settled_frame'), 99))} ms", median(col(typed_rows, "app_settled_frame")))
    pages = []
    for t, e in events:
        if e == "page":
            key = max(k for k in keys if k <= t)
            if next_frame(t):
                pages.append(ms(next_frame(t) - key))
    if pages:
        add(f"G / PgDn → frame showing the next page ({len(pages)} pages)",
            f"median {fmt(median(pages))} ms, p99 {fmt(pct(pages, 99))} ms", median(pages))
    add("peak RSS (VmHWM), terminal app", f"{args.rss_kb / 1024:.1f} MB", args.rss_kb / 1024)
    if args.server_rss_kb:
        add("peak RSS (VmHWM), edulink serve", f"{args.server_rss_kb / 1024:.1f} MB", args.server_rss_kb / 1024)

    label = f" ({args.label})" if args.label else ""
    out = []
    p = out.append
    p(f"### {args.listings:,} listings, {args.mode}{label}")
    p("")
    p(f"binary: `{args.bin}`")
    if args.note:
        p(args.note)
    p(f"load average at start: {args.load_start}; at the end: {args.load_end}")
    p("")
    column = f"{args.listings:,} listings, {args.mode}{label}"
    p(f"| measure | {column} |")
    p("|---|---|")
    for name, text, _ in measures:
        p(f"| {name} | {text} |")
    p("")
    p("Per query, typed a letter at a time; each cell is median / p99 in ms over the query's keys "
      "(p99 over a few dozen keys is their maximum). Outside: from just before tmux send-keys to the "
      "pty write after which tmux's screen first showed what it settled on. Frame log, same keys: "
      "from the app's key event to the frame that drew that screen, and to the frame with this "
      "key's results (a key whose query does not parse yet starts no search).")
    p("")
    p(f"| query{label} | keys | searches | outside: keystroke → screen settled | "
      "frame log: keystroke → frame of the settled screen | frame log: keystroke → results frame | "
      "send-keys → app's key event |")
    p("|---|---|---|---|---|---|---|")

    def line(name, rs):
        p(f"| {name} | {len(rs)} | {len(col(rs, 'app_results_frame'))} | {stat(col(rs, 'outside'))} | "
          f"{stat(col(rs, 'app_settled_frame'))} | {stat(col(rs, 'app_results_frame'))} | "
          f"{stat(col(rs, 'delivery'))} |")

    per_query = []
    for index, query in enumerate(outside["queries"]):
        rs = [r for r in typed_rows if r["query"] == index]
        line(f"`{query}`", rs)
        per_query.append({"query": query, "outside": median(col(rs, "outside")),
                          "outside_p99": pct(col(rs, "outside"), 99) if rs else None,
                          "app": median(col(rs, "app_results_frame"))})
    line(f"**all {len(outside['queries'])} queries**", typed_rows)
    line("C-u after each (clears: all open listings)", clear_rows)
    p("")
    lag = col(typed_rows, "frame_to_settled")
    p(f"Outside resolution: a capture (text, colours, cursor) after every pty write, via tmux control mode; "
      f"capture round trip median {fmt(median(round_trips))} ms, p99 {fmt(pct(round_trips, 99))} ms "
      f"({len(round_trips):,} captures). Settled = no pty write and no frame for {outside['quiet_ms']} ms. "
      f"Outside = send-keys → app's key event + key event → the frame of the settled screen + that frame → "
      f"the screen settled (diff, write, pty, tmux: median {fmt(median(lag))} ms, "
      f"p99 {fmt(pct(lag, 99)) if lag else '—'} ms).")
    missing = sent_keys - len(rows)
    if missing:
        p(f"**{missing} of {sent_keys} keys had no capture showing their final screen (not counted).**")
    print("\n".join(out))
    summary["measures"] = [(n, t, v) for n, t, v in measures]
    summary["per_query"] = per_query
    summary["typed"] = {"outside": median(col(typed_rows, "outside")),
                        "outside_p99": pct(col(typed_rows, "outside"), 99),
                        "app_results": median(col(typed_rows, "app_results_frame"))}
    if args.summary:
        with open(args.summary, "w") as f:
            json.dump(summary, f, indent=1)


def compare(args):
    runs = [json.load(open(path)) for path in args.summaries]
    names = [f"{r['listings']:,} {r['mode']}" + (f" ({r['label']})" if r["label"] else "") for r in runs]
    print("### Compared: " + ", ".join(names))
    print()
    print(f"| measure | " + " | ".join(names) + " |")
    print("|---|" + "---|" * len(runs))
    # Rows matched by name without the counts in brackets (which differ between runs).
    short = lambda name: re.sub(r" \(.*?\)", "", name)
    rows = []
    for run in runs:
        for name, _, _ in run["measures"]:
            if short(name) not in rows:
                rows.append(short(name))
    for row in rows:
        cells = [next((text for name, text, _ in r["measures"] if short(name) == row), "—") for r in runs]
        print(f"| {row} | " + " | ".join(cells) + " |")
    print()
    print("| query, outside keystroke → screen settled (median / p99 ms) | " + " | ".join(names) + " |")
    print("|---|" + "---|" * len(runs))
    for i, q in enumerate(runs[0]["per_query"]):
        cells = [f"{fmt(r['per_query'][i]['outside'])} / {fmt(r['per_query'][i]['outside_p99'])}" for r in runs]
        print(f"| `{q['query']}` | " + " | ".join(cells) + " |")
    cells = [f"{fmt(r['typed']['outside'])} / {fmt(r['typed']['outside_p99'])}" for r in runs]
    print("| **all** | " + " | ".join(cells) + " |")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    t = sub.add_parser("type")
    t.add_argument("--socket", required=True)
    t.add_argument("--target", action="append", required=True, help="a tmux session (once per app)")
    t.add_argument("--log", action="append", required=True, help="its EDULINK_FRAME_LOG")
    t.add_argument("--out", action="append", required=True, help="where its measurements go (JSON)")
    t.add_argument("--quiet-ms", type=int, default=500)
    t.add_argument("--timeout", type=int, default=300, help="seconds a key may take to settle")
    t.add_argument("--query", dest="queries", action="append")
    r = sub.add_parser("report")
    r.add_argument("--log", required=True)
    r.add_argument("--launch", required=True)
    r.add_argument("--outside", required=True)
    r.add_argument("--rss-kb", type=int, required=True)
    r.add_argument("--server-rss-kb", type=int, default=0)
    r.add_argument("--listings", type=int, required=True)
    r.add_argument("--mode", required=True)
    r.add_argument("--label", default="")
    r.add_argument("--bin", default="")
    r.add_argument("--note", default="")
    r.add_argument("--load-start", default="")
    r.add_argument("--load-end", default="")
    r.add_argument("--summary")
    c = sub.add_parser("compare")
    c.add_argument("summaries", nargs="+")
    args = parser.parse_args()
    {"type": type_queries, "report": report, "compare": compare}[args.command](args)


if __name__ == "__main__":
    main()
