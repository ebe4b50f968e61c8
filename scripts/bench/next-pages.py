"""For each search body of a query mix (scripts/bench/make-query-mix.py), the body that asks for its
second page, with the cursor the server gave for the first; an empty line when there is none.

    scripts/bench/next-pages.py BASE_URL TOKEN QUERIES OUT

Run against a server that is not the one measured (or restart it): it searches every query once.
"""
import json
import sys
import urllib.request


def main():
    base, token, queries, out = sys.argv[1:5]
    lines = []
    for body in open(queries).read().splitlines():
        request = urllib.request.Request(
            base + "/api/v1/listings/search", data=body.encode(), method="POST",
            headers={"Content-Type": "application/json", "Authorization": "Bearer " + token})
        page = json.load(urllib.request.urlopen(request))
        cursor = page.get("nextCursor")
        if cursor:
            following = json.loads(body)
            following["cursor"] = cursor
            lines.append(json.dumps(following, separators=(",", ":")))
        else:
            lines.append("")
    with open(out, "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
