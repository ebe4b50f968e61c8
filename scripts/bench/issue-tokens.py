#!/usr/bin/env python3
"""Signs in the first STUDENTS hammer students (see `edulink dev hammer-setup --workers 1`) against
a running server, writes their access tokens to TOKENS_FILE (one per line), and prints the hammer
employer's published listing ids, comma-separated.

    scripts/bench/issue-tokens.py BASE_URL STUDENTS TOKENS_FILE
"""
import concurrent.futures
import json
import sys
import urllib.request

PASSWORD = "hammer-password-Q7x2"


def call(base, path, body=None, token=None):
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = "Bearer " + token
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base + path, data=data, headers=headers, method="POST" if data else "GET")
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.load(response)


def login(base, email):
    return call(base, "/api/v1/auth/login", {"email": email, "password": PASSWORD})["accessToken"]


def main():
    base, students, tokens_file = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    emails = [f"hammer-w0-s{index}@edulink.test" for index in range(students)]
    with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
        tokens = list(pool.map(lambda email: login(base, email), emails))
    with open(tokens_file, "w") as out:
        out.write("\n".join(tokens) + "\n")
    employer = login(base, "hammer-employer@edulink.test")
    listings = call(base, "/api/v1/listings/mine", token=employer)
    ids = sorted(item["id"] for item in listings if item.get("status") == "published")
    print(",".join(str(i) for i in ids))


if __name__ == "__main__":
    main()
