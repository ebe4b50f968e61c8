"""Writes a realistic search mix for scripts/bench/search-mix.lua: a thousand distinct search bodies
built from the words of the listings in an Edulink SQLite database, one JSON body a line, the first
line the most popular (the Lua script draws them with a Zipf distribution, s = 1).

    scripts/bench/make-query-mix.py SQLITE_FILE OUT_FILE

One or two words each (words drawn by their frequency in titles and skills); a third of them with
filters (category, location type, level, paid, a minimum stipend). scripts/bench/next-pages.py
then finds each one's second page, which a tenth of the Lua script's draws ask for.
"""
import collections
import json
import random
import re
import sqlite3
import sys

CATEGORIES = ["technology", "finance", "marketing", "healthcare", "education", "engineering", "design", "research"]
LOCATIONS = ["remote", "on_site", "hybrid"]
LEVELS = ["entry", "intermediate", "advanced"]


def main():
    source, out = sys.argv[1:3]
    rng = random.Random(16)
    db = sqlite3.connect(source)
    counts = collections.Counter()
    for title, skills in db.execute("SELECT title, required_skills FROM listings ORDER BY random() LIMIT 20000"):
        for word in re.findall(r"[a-z]{3,}", (title + " " + skills).lower()):
            counts[word] += 1
    for stop in ["the", "and", "for", "with", "intern", "internship"]:
        counts.pop(stop, None)
    words = [w for w, _ in counts.most_common(400)]
    weights = [counts[w] for w in words]
    def body(filtered):
        terms = rng.choices(words, weights, k=1 if rng.random() < 0.7 else 2)
        filt = {"terms": [{"word": w} for w in terms]}
        if filtered:
            kind = rng.randrange(5)
            if kind == 0:
                filt["categories"] = [rng.choice(CATEGORIES)]
            elif kind == 1:
                filt["locationTypes"] = [rng.choice(LOCATIONS)]
            elif kind == 2:
                filt["levels"] = [rng.choice(LEVELS)]
            elif kind == 3:
                filt["paidOnly"] = True
            else:
                filt["minimumStipendKES"] = rng.choice([10000, 20000, 30000, 50000])
        return json.dumps({"filter": filt, "limit": 20}, separators=(",", ":"))

    bodies = []
    for count, filtered in [(667, False), (333, True)]:
        chosen = set()
        while len(chosen) < count:
            chosen.add(body(filtered))
        bodies += sorted(chosen)
    rng.shuffle(bodies)
    with open(out, "w") as f:
        f.write("\n".join(bodies) + "\n")


if __name__ == "__main__":
    main()
