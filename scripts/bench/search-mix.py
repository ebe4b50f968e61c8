#!/usr/bin/env python3
"""The realistic search mix of the server benchmark (issue #16): a thousand distinct search
request bodies built from the words in data/vocabulary/, and a sequence of requests over them
drawn with a Zipf distribution, for scripts/bench/search-mix.lua.

    scripts/bench/search-mix.py generate DIR [--seed 16] [--queries 1000] [--requests 200000] [--zipf 1.0]
    TOKEN=... scripts/bench/search-mix.py prepare DIR BASE_URL BODIES_OUT [--name SQLite]
    scripts/bench/search-mix.py compare BODIES_OUT.results OTHER_BODIES_OUT.results [--names "SQLite vs PostgreSQL"]

`generate` (deterministic for a seed; needs no server) writes DIR/plan.json and DIR/sequence.txt
and prints what the mix holds:

- one-, two- and three-word queries (45 / 35 / 20 %), one `word` term per word, the way the `/`
  query line sends them: role titles, title topics, skills, cities and organization names;
- a third of them with filters (1 to 3 of: categories, location types, location, levels,
  minimum stipend, paid only, deadline within days, skills, organization, duration,
  eligible for me, featured only), some (12 %) in another order (deadline, newest, stipend);
- a tenth of them asking for page 2 or 3 (their cursors are filled in by `prepare`);
- the queries ranked by a seeded shuffle, and `--requests` request indices (0-based, one per
  line) drawn with P(rank r) proportional to 1 / r^s. Which ranks carry filters and which page
  is chosen (seeded) so that both a third of the distinct queries and about a third of the
  requests are filtered, and a tenth of both are paged.

`prepare` runs against a running server (as the bearer TOKEN): for every paged query it walks
the pages before the one asked for and puts the last `nextCursor` into the body; a query without
that many pages is replaced by the next query of a reserve with the same properties. Then it
sends every one of the bodies once, checks that each returns 200 with an `items` array (and that
a later page shares no listing with the pages before it), writes the bodies (one JSON object per
line, in query order) to BODIES_OUT and prints a summary; exit status 3 if any body did not
return 200. It also warms the server's caches before the timed run. Beside BODIES_OUT it keeps
the filters (.filters) and what each body returned (.results) for `compare`, which reports first
pages that differ between two runs: the number of listings, and for the sorts that do not depend
on the store's relevance score (deadline, newest, stipend) the listings and their order.
"""
import argparse
import bisect
import concurrent.futures
import itertools
import json
import os
import random
import re
import sys
import time
import urllib.error
import urllib.request

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
VOCABULARY = os.path.join(ROOT, "data", "vocabulary")
SEARCH = "/api/v1/listings/search"
LIMIT = 20
STOP_WORDS = {"and", "of", "the", "for", "in", "on", "a", "an", "to", "with", "at", "by", "&"}
CATEGORIES = ["technology", "finance", "marketing", "healthcare", "education", "engineering", "design",
              "research", "business", "legal", "media", "other"]
LOCATION_TYPES = ["remote", "on_site", "hybrid"]
LEVELS = ["entry", "intermediate", "advanced"]
OTHER_SORTS = [("deadline", 5), ("newest", 4), ("stipend", 3)]


# MARK: vocabulary

def lines(name):
    with open(os.path.join(VOCABULARY, name), encoding="utf-8") as handle:
        return [line.rstrip("\n") for line in handle if line.strip() and not line.startswith("#")]


def words_of(text):
    """Lowercased words as typed, without stop words and words with no letter or digit."""
    out = []
    for word in text.lower().replace("—", " ").replace(",", " ").split():
        word = word.strip("()")
        if word in STOP_WORDS or len(word) < 2 or not re.search(r"[0-9a-z]", word):
            continue
        out.append(word)
    return out


class Vocabulary:
    def __init__(self):
        self.roles = [(c, words_of(r)) for c, r in (line.split("\t") for line in lines("roles.txt"))]
        self.roles = [(c, w) for c, w in self.roles if w]
        self.topics = [(c, words_of(t)) for c, t in (line.split("\t") for line in lines("title-topics.txt"))]
        self.topics = [(c, w) for c, w in self.topics if w]
        self.skills = [s.strip() for s in lines("skills.txt")]
        self.skill_words = sorted({w for s in self.skills for w in words_of(s) if len(words_of(s)) == 1})
        cities = [line.split("\t") for line in lines("locations.txt")]
        self.cities = [(c[0], int(c[2]) if len(c) > 2 and c[2].strip().isdigit() else 1) for c in cities]
        self.one_word_cities = [(n.lower(), w) for n, w in self.cities if len(n.split()) == 1]
        self.org_prefixes = [line.split("\t")[0] for line in lines("org-name-parts.txt") if line.split("\t")[0]]


def weighted(rng, pairs):
    items, weights = zip(*pairs)
    return rng.choices(items, weights=weights)[0]


def pair(rng, words):
    """Two consecutive words of a multi-word name (or the one word twice-free: just one)."""
    if len(words) < 2:
        return list(words)
    start = rng.randrange(len(words) - 1)
    return words[start:start + 2]


# MARK: queries

def query_words(rng, vocab, count):
    """`count` words a student would type, and the category they suggest (or None)."""
    city = lambda: weighted(rng, vocab.one_word_cities)
    role = lambda: rng.choice(vocab.roles)
    topic = lambda: rng.choice(vocab.topics)
    skill = lambda: rng.choice(vocab.skill_words)
    if count == 1:
        kind = weighted(rng, [("role", 40), ("skill", 25), ("topic", 20), ("city", 10), ("org", 5)])
        if kind == "role":
            c, w = role()
            return [rng.choice(w)], c
        if kind == "topic":
            c, w = topic()
            return [rng.choice(w)], c
        if kind == "skill":
            return [skill()], None
        if kind == "city":
            return [city()], None
        return [rng.choice(vocab.org_prefixes).lower()], None
    if count == 2:
        kind = weighted(rng, [("role", 35), ("role+city", 20), ("skill+role", 15), ("topic", 20), ("topic+city", 10)])
        if kind == "role":
            c, w = role()
            return pair(rng, w), c
        if kind == "role+city":
            c, w = role()
            return [w[-1], city()], c
        if kind == "skill+role":
            c, w = role()
            return [skill(), w[-1]], c
        if kind == "topic":
            c, w = topic()
            return pair(rng, w), c
        c, w = topic()
        return [rng.choice(w), city()], c
    kind = weighted(rng, [("role+city", 35), ("skill+role", 25), ("role+topic", 20), ("topic+city", 20)])
    if kind == "role+city":
        c, w = role()
        return pair(rng, w) + [city()], c
    if kind == "skill+role":
        c, w = role()
        return [skill()] + pair(rng, w), c
    if kind == "role+topic":
        c, w = role()
        _, t = topic()
        return [w[-1]] + pair(rng, t), c
    c, w = topic()
    return pair(rng, w) + [city()], c


def add_filters(rng, vocab, filt, category):
    kinds = [("categories", 20), ("locationTypes", 15), ("location", 12), ("levels", 10),
             ("minimumStipendKES", 10), ("paidOnly", 6), ("deadlineWithinDays", 10), ("skills", 6),
             ("organization", 3), ("eligibleForMe", 4), ("featuredOnly", 2), ("duration", 2)]
    count = weighted(rng, [(1, 60), (2, 30), (3, 10)])
    chosen = set()
    while len(chosen) < count:
        chosen.add(weighted(rng, kinds))
    for kind in sorted(chosen):
        if kind == "categories":
            first = category if category and rng.random() < 0.7 else rng.choice(CATEGORIES)
            cats = {first} | ({rng.choice(CATEGORIES)} if rng.random() < 0.3 else set())
            filt["categories"] = sorted(cats)
        elif kind == "locationTypes":
            filt["locationTypes"] = sorted(rng.sample(LOCATION_TYPES, weighted(rng, [(1, 70), (2, 30)])))
        elif kind == "location":
            filt["location"] = weighted(rng, vocab.cities).lower()
        elif kind == "levels":
            filt["levels"] = sorted(rng.sample(LEVELS, weighted(rng, [(1, 70), (2, 30)])))
        elif kind == "minimumStipendKES":
            filt["minimumStipendKES"] = rng.choice([10000, 15000, 20000, 30000, 50000])
        elif kind == "paidOnly":
            filt["paidOnly"] = True
        elif kind == "deadlineWithinDays":
            filt["deadlineWithinDays"] = rng.choice([7, 14, 30, 60, 90])
        elif kind == "skills":
            filt["skills"] = [rng.choice(vocab.skills)]
        elif kind == "organization":
            filt["organization"] = rng.choice(vocab.org_prefixes).lower()
        elif kind == "eligibleForMe":
            filt["eligibleForMe"] = True
        elif kind == "featuredOnly":
            filt["featuredOnly"] = True
        elif kind == "duration":
            low = rng.choice([4, 8, 12])
            filt["minimumDurationWeeks"] = low
            filt["maximumDurationWeeks"] = low + rng.choice([4, 8, 12])


def make_query(rng, vocab, filtered, page):
    count = weighted(rng, [(1, 45), (2, 35), (3, 20)])
    words, category = query_words(rng, vocab, count)
    filt = {"terms": [{"word": w} for w in words]}
    if filtered:
        add_filters(rng, vocab, filt, category)
    if rng.random() < 0.12:
        filt["sort"] = weighted(rng, OTHER_SORTS)
    return {"body": {"filter": filt, "limit": LIMIT}, "page": page, "filtered": filtered, "words": len(words)}


def key(query):
    return json.dumps(query["body"]["filter"], sort_keys=True)


def zipf_weights(count, s):
    return [1.0 / (rank ** s) for rank in range(1, count + 1)]


def pick_ranks(rng, weights, count, share, tolerance, blocks):
    """`count` ranks, one per block when `blocks`, redrawn until their share of the request weight
    is within `tolerance` of `share` (deterministic for the generator's seed)."""
    total = sum(weights)
    n = len(weights)
    for _ in range(10000):
        if blocks:
            size = n // count
            ranks = {b * size + rng.randrange(size) for b in range(count)}
        else:
            ranks = set(rng.sample(range(n), count))
        if abs(sum(weights[r] for r in ranks) / total - share) <= tolerance:
            return ranks
    raise SystemExit("search-mix: could not draw ranks with the wanted share")


def generate(args):
    rng = random.Random(args.seed)
    vocab = Vocabulary()
    n = args.queries
    weights = zipf_weights(n, args.zipf)
    total = sum(weights)
    paged = pick_ranks(rng, weights, n // 10, 0.10, 0.005, blocks=True)
    filtered = pick_ranks(rng, weights, round(n / 3), 1 / 3, 0.01, blocks=False)
    seen = set()
    queries = []
    for rank in range(n):
        page = 1 if rank not in paged else weighted(rng, [(2, 75), (3, 25)])
        while True:
            query = make_query(rng, vocab, rank in filtered, page)
            if key(query) not in seen:
                break
        seen.add(key(query))
        queries.append(query)
    # Reserves for paged queries that turn out to have too few pages on the server.
    reserve = {"filtered": [], "plain": []}
    for flag, name in ((True, "filtered"), (False, "plain")):
        while len(reserve[name]) < 400:
            query = make_query(rng, vocab, flag, 2)
            if key(query) not in seen:
                seen.add(key(query))
                reserve[name].append(query)
    # The request sequence: query index = Zipf rank - 1 (the queries are already in rank order,
    # which is a seeded shuffle of the generated ones).
    cumulative = list(itertools.accumulate(weights))
    sequence = [bisect.bisect_left(cumulative, rng.random() * cumulative[-1]) for _ in range(args.requests)]
    os.makedirs(args.dir, exist_ok=True)
    with open(os.path.join(args.dir, "plan.json"), "w") as out:
        json.dump({"seed": args.seed, "zipf": args.zipf, "queries": queries, "reserve": reserve}, out)
    with open(os.path.join(args.dir, "sequence.txt"), "w") as out:
        out.write("\n".join(str(i) for i in sequence) + "\n")
    share = lambda pred: sum(weights[r] for r in range(n) if pred(queries[r])) / total
    count = lambda pred: sum(1 for q in queries if pred(q))
    sorted_other = lambda q: "sort" in q["body"]["filter"]
    print(f"mix: {n} distinct queries (seed {args.seed}), as share of queries / of requests: "
          f"1 word {count(lambda q: q['words'] == 1)} / {share(lambda q: q['words'] == 1):.0%}, "
          f"2 words {count(lambda q: q['words'] == 2)} / {share(lambda q: q['words'] == 2):.0%}, "
          f"3 words {count(lambda q: q['words'] == 3)} / {share(lambda q: q['words'] == 3):.0%}; "
          f"filtered {count(lambda q: q['filtered'])} / {share(lambda q: q['filtered']):.1%}; "
          f"other sort {count(sorted_other)} / {share(sorted_other):.1%}; "
          f"page 2 {count(lambda q: q['page'] == 2)}, page 3 {count(lambda q: q['page'] == 3)} "
          f"/ {share(lambda q: q['page'] > 1):.1%}")
    hits = [0] * n
    for index in sequence:
        hits[index] += 1
    top = sorted(hits, reverse=True)
    print(f"mix: {args.requests} requests, Zipf s={args.zipf}: the most asked query {top[0] / args.requests:.1%}, "
          f"top 10 {sum(top[:10]) / args.requests:.0%}, top 100 {sum(top[:100]) / args.requests:.0%}; "
          f"{sum(1 for h in hits if h)} of {n} queries asked at least once")


# MARK: against the server

def post(base, token, body):
    data = json.dumps(body, separators=(",", ":")).encode()
    request = urllib.request.Request(base + SEARCH, data=data, method="POST", headers={
        "Content-Type": "application/json", "Authorization": "Bearer " + token})
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def walk(base, token, query):
    """The body of the query's page (with the cursor), and the listing ids of the pages before it;
    None when there are not that many pages."""
    body = dict(query["body"])
    before = []
    for _ in range(query["page"] - 1):
        status, raw = post(base, token, body)
        if status != 200:
            return None, before, f"{status} {raw[:200]!r}"
        page = json.loads(raw)
        before += [item["id"] for item in page["items"]]
        if not page.get("nextCursor"):
            return None, before, None
        body = dict(query["body"], cursor=page["nextCursor"])
    return body, before, None


def prepare(args):
    token = os.environ["TOKEN"]
    with open(os.path.join(args.dir, "plan.json")) as handle:
        plan = json.load(handle)
    queries = plan["queries"]
    reserve = {name: iter(items) for name, items in plan["reserve"].items()}
    bodies = [q["body"] for q in queries]
    earlier = [[] for _ in queries]
    substituted = 0
    problems = []
    for index, query in enumerate(queries):
        if query["page"] == 1:
            continue
        candidate = query
        while True:
            body, before, error = walk(args.base, token, candidate)
            if error:
                problems.append(f"query {index}, walking to page {candidate['page']}: {error}")
            if body is not None:
                break
            substituted += 1
            try:
                candidate = dict(next(reserve["filtered" if query["filtered"] else "plain"]), page=query["page"])
            except StopIteration:
                raise SystemExit("search-mix: the reserve ran out of queries with enough pages; "
                                 "generate more listings")
        bodies[index], earlier[index] = body, before
        queries[index] = dict(candidate, body=candidate["body"])

    seconds = [0.0] * len(bodies)

    def check(index):
        started = time.monotonic()
        status, raw = post(args.base, token, bodies[index])
        seconds[index] = time.monotonic() - started
        if status != 200:
            return index, status, None, raw[:300]
        page = json.loads(raw)
        if not isinstance(page.get("items"), list):
            return index, status, None, raw[:300]
        sort = bodies[index]["filter"].get("sort")
        field, reverse = {"deadline": ("deadline", False), "newest": ("publishedAt", True)}.get(sort, (None, False))
        if field:  # ISO 8601 times of one format compare as text
            values = [item.get(field) for item in page["items"]]
            if None not in values and values != sorted(values, reverse=reverse):
                problems.append(f"query {index}: sorted by {sort} but {field} is out of order: {values}")
        return index, status, [item["id"] for item in page["items"]], None

    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(check, range(len(bodies))))
    weights = zipf_weights(len(bodies), plan["zipf"])
    total = sum(weights)
    statuses = {}
    empty = []
    overlapping = []
    for index, status, ids, raw in results:
        statuses[status] = statuses.get(status, 0) + 1
        if status != 200 or ids is None:
            problems.append(f"query {index}: {status} {raw!r} for {json.dumps(bodies[index])}")
            continue
        if not ids:
            empty.append(index)
        if set(ids) & set(earlier[index]):
            overlapping.append(index)
    with open(args.out, "w") as out:
        for body in bodies:
            out.write(json.dumps(body, separators=(",", ":")) + "\n")
    with open(args.out + ".filters", "w") as out:  # the queries without cursors, to compare stores
        for body in bodies:
            out.write(json.dumps(body["filter"], sort_keys=True) + "\n")
    with open(args.out + ".results", "w") as out:  # what each returned, to compare stores
        for (index, status, ids, _), body in zip(results, bodies):
            out.write(json.dumps({"filter": body["filter"], "paged": "cursor" in body, "status": status,
                                  "ids": ids}, sort_keys=True) + "\n")
    paged = [i for i, q in enumerate(queries) if q["page"] > 1]
    counts = sorted(len(ids) for _, status, ids, _ in results if ids is not None)
    print(f"check ({args.name}): each of the {len(bodies)} bodies once: "
          + ", ".join(f"{n} × {s}" for s, n in sorted(statuses.items()))
          + f"; {len(bodies) - len(empty)} return listings, {len(empty)} none "
          f"({sum(weights[i] for i in empty) / total:.1%} of the requests); median {counts[len(counts) // 2] if counts else 0} items; "
          f"{len(paged)} later pages, {substituted} paged queries replaced from the reserve for want of pages, "
          f"{len(overlapping)} sharing a listing with an earlier page")
    top = results[0]
    print(f"check ({args.name}): the most asked query {json.dumps(bodies[0], separators=(',', ':'))} "
          f"-> {top[1]} with {len(top[2] or [])} items")
    mean = sum(w * t for w, t in zip(weights, seconds)) / total
    slowest = sorted(range(len(bodies)), key=lambda i: -seconds[i])[:5]
    print(f"check ({args.name}): {mean * 1e3:.1f} ms per request weighted by the Zipf shares (one at a time, "
          f"2 in parallel); the slowest: " + "; ".join(
              f"{seconds[i] * 1e3:.0f} ms ({weights[i] / total:.2%} of requests) "
              f"{json.dumps(bodies[i], separators=(',', ':'))}" for i in slowest))
    for index in overlapping[:5]:
        problems.append(f"query {index}: page {queries[index]['page']} repeats listings of earlier pages: "
                        f"{sorted(set(earlier[index]) & set(results[index][2]))[:10]} for {json.dumps(bodies[index])}")
    for line in problems[:20]:
        print(f"check ({args.name}): PROBLEM {line}")
    if len(problems) > 20:
        print(f"check ({args.name}): … and {len(problems) - 20} more problems")
    if any(s != 200 for s in statuses):
        sys.exit(3)


def compare(args):
    """Compares what the same queries returned in two runs (two stores, or two binaries): the
    number of listings on the first page always, and the listings themselves, in order, when the
    order does not depend on the store's relevance score (sort by deadline, newest or stipend)."""
    def load(path):
        with open(path) as handle:
            return [json.loads(line) for line in handle]
    first, second = load(args.first), load(args.second)
    counts, orders, compared = [], [], 0
    for index, (a, b) in enumerate(zip(first, second)):
        if a["filter"] != b["filter"] or a["paged"] or b["paged"] or a["ids"] is None or b["ids"] is None:
            continue
        compared += 1
        if len(a["ids"]) != len(b["ids"]):
            counts.append(f"query {index} {json.dumps(a['filter'])}: {len(a['ids'])} vs {len(b['ids'])} listings")
        elif a["filter"].get("sort", "relevance") != "relevance" and a["ids"] != b["ids"]:
            orders.append(f"query {index} {json.dumps(a['filter'])}: {a['ids'][:6]}… vs {b['ids'][:6]}…")
    print(f"compare ({args.names}): {compared} first pages; {len(counts)} with a different number of listings, "
          f"{len(orders)} sorted by deadline, newest or stipend with different listings or order")
    for line in (counts + orders)[:10]:
        print(f"compare ({args.names}): DIFFERENT {line}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    g = commands.add_parser("generate")
    g.add_argument("dir")
    g.add_argument("--seed", type=int, default=16)
    g.add_argument("--queries", type=int, default=1000)
    g.add_argument("--requests", type=int, default=200000)
    g.add_argument("--zipf", type=float, default=1.0)
    p = commands.add_parser("prepare")
    p.add_argument("dir")
    p.add_argument("base")
    p.add_argument("out")
    p.add_argument("--name", default="server")
    c = commands.add_parser("compare")
    c.add_argument("first")
    c.add_argument("second")
    c.add_argument("--names", default="first vs second")
    args = parser.parse_args()
    {"generate": generate, "prepare": prepare, "compare": compare}[args.command](args)


if __name__ == "__main__":
    main()
