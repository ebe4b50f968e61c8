"""The demo institution's cohort (issue #13 item 7): a few hundred more University of Nairobi students,
so that the institution admin's Students, Placements and Reports show real shapes.

generate.py calls add_uon_cohort() last, after settle_placements(). It draws from its own random
sequence (COHORT_SEED) and only appends records (users, profiles, applications, notifications), so
every record made before it stays as it was, byte for byte.

The funnel: most students never applied (first years mostly), some applied and wait, are under review,
shortlisted, interviewing, rejected or withdrew; a few hold an offer; a couple of dozen accepted one.
The accepted offers become placements when Edulink imports the dataset
(Sources/EdulinkDemo/DemoPlacements.swift), their dates from the listing and their state from the
dates, so the listings are chosen for the state they give:

- completed: listings that ended before the placement that ended last (which stays the importer's
  "ended, still active" one);
- active: listings running now, as many as the demo institution's academic supervisor (Joyce Otieno,
  placements.py) has room for after the dataset's open placements, less ACTIVE_ROOM: the importer
  assigns her to every started placement first, and she must keep room for the one
  scripts/e2e/institution-flow.sh assigns by hand;
- upcoming: accepted today, so the importer leaves their supervisors to be assigned (it assigns none
  in the first six hours after an acceptance): her load and the dataset's upcoming placements'
  supervisors stay as they were, and the institution admin has unassigned placements to assign (to
  SECOND_SUPERVISOR, who has room).

Placements that started go only to organizations with a started placement already, accepted no
earlier than its first one, and (unless it still has an open one) ending no later than its last one:
the workplace supervisor the importer generates for the organization stays the same account. None
goes to the demo employer's organization, whose placements the screen snapshots show. The terminated
placement stays the one the importer picks among the demo employer's.
"""
from __future__ import annotations

import random
from collections import Counter

import curated as C

COHORT_SEED = "University of Nairobi cohort, issue 13"
COHORT_SIZE = 268
INSTITUTION = "uon"
STUDENT_DOMAIN = "students.uon.ac.example"

# (family, course, weight, years): the courses the cohort studies, of the families the University of
# Nairobi teaches (C.INSTITUTION_FAMILIES["uon"]).
COURSES = [
    ("tech", "BSc Computer Science", 42, 4),
    ("finance", "Bachelor of Commerce", 38, 4),
    ("finance", "BSc Economics", 26, 4),
    ("health", "BSc Nursing", 24, 4),
    ("health", "Bachelor of Medicine and Bachelor of Surgery", 22, 6),
    ("engineering", "BSc Civil Engineering", 24, 5),
    ("law", "Bachelor of Laws", 26, 4),
    ("media", "BA Journalism and Mass Communication", 22, 4),
    ("education", "Bachelor of Education (Science)", 22, 4),
    ("science", "BSc Statistics", 20, 4),
]
# How likely a student of each year of study applied anywhere (attachments come in years 3 and 4).
APPLY_BY_YEAR = {1: 0.12, 2: 0.35, 3: 0.7, 4: 0.72, 5: 0.55, 6: 0.5}
# The final state of each applicant's main application, in this order of assignment; the rest wait
# (pending). Placements come first: up to COMPLETED_MAX ended, the active ones, UPCOMING accepted today.
COMPLETED_MAX = 10
ACTIVE_ROOM = 1
UPCOMING = 10
STAGES = [("offered", 6), ("declined", 3), ("interview_scheduled", 10), ("shortlisted", 10), ("reviewed", 12),
          ("rejected", 15), ("withdrawn", 5)]
EXTRA_STATES = (["pending", "reviewed", "shortlisted", "rejected", "withdrawn"], [25, 15, 8, 40, 12])
# The cohort's notifications: the generator's kinds, over a shorter window, so that they stay few.
NOTIFICATION_DAYS = 30

# A second academic supervisor, with room for the placements the importer leaves to the institution admin
# to assign. The picker lists supervisors by name: Joyce Otieno stays first, as the end-to-end script expects.
SECOND_SUPERVISOR = {
    "key": "supervisor-uon-2", "email": "lecturer.odhiambo@uon.ac.example", "display_name": "Samuel Odhiambo",
    "role": "supervisor", "status": "active", "phone": "+254733605217", "organization": None,
    "institution": INSTITUTION, "title": "Senior Lecturer, Field Attachments", "capacity": 15,
    "created_days_ago": 380, "last_login_days_ago": 9,
}

# Categories of listings that suit each course family.
FAMILY_CATEGORIES: dict[str, set[str]] = {}
for _category, _families in C.CATEGORY_FAMILIES.items():
    for _family in _families:
        FAMILY_CATEGORIES.setdefault(_family, set()).add(_category)


def final_state(app: dict) -> str:
    return app["timeline"][-1]["to"] if app["timeline"] else "pending"


class Cohort:
    def __init__(self, builder, data: dict, responsibilities: dict[str, list[str]]) -> None:
        self.b = builder
        self.data = data
        self.responsibilities = responsibilities
        self.rng = random.Random(COHORT_SEED)
        self.listings = {x["key"]: x for x in data["listings"]}
        self.orgs = {o["key"]: o for o in data["organizations"]}
        self.users = {u["key"]: u for u in data["users"]}
        self.profiles = builder.profile_by_user
        self.count = Counter(a["listing"] for a in data["applications"])
        self.accepted = Counter(a["listing"] for a in data["applications"] if final_state(a) == "accepted")
        self.applied: set[tuple[str, str]] = set()
        self.names = {u["display_name"] for u in data["users"]}
        self.new_apps: list[dict] = []
        self.family: dict[str, str] = {}
        self.demo_org = next(u["organization"] for u in data["users"] if u["email"] == "employer@edulink.demo")
        self.room = self.academic_room()

    # MARK: Students

    def person_name(self) -> str:
        while True:
            name = self.b.person_name()
            # Names the snapshots and end-to-end scripts search for find only their own student.
            if name not in self.names and "baraka" not in name.lower():
                self.names.add(name)
                return name

    def add_students(self) -> list[str]:
        rng = self.rng
        existing = sorted((u["created_days_ago"] for u in self.data["users"]
                           if u["role"] == "student" and u["institution"] == INSTITUTION), reverse=True)
        # The importer logs its registration codes' uses with the institution's oldest accounts
        # (DemoRegistrationCodes: 3 + 4 + 2 of them): the cohort's accounts are all younger.
        self.created_limit = existing[8] - 1
        keys = []
        weights = [w for *_, w, _ in COURSES]
        for i in range(COHORT_SIZE):
            family, course, _, years = rng.choices(COURSES, weights)[0]
            year = rng.choices(range(1, years + 1), [6, 6, 6, 6, 2, 2][:years])[0]
            # Registration number, institution, year and course always: the institution imported them.
            # Most profiles are complete enough to apply (70 %), some are not yet.
            extras = rng.choices([0, 1, 2, 3, 4, 5], [4, 10, 18, 30, 24, 14])[0]
            parts = {1, 2, 3, 4} | set(rng.sample([0, 5, 6, 7, 8], k=extras))
            name = self.person_name()
            first, last = name.lower().replace(" ", "-").split("-", 1)
            created = {1: rng.randint(14, 200), 2: rng.randint(120, 420)}.get(year, rng.randint(200, 560))
            key = f"student-uon-{i + 1:03d}"
            self.b.add_student(
                key=key, email=f"{first}.{last}@{STUDENT_DOMAIN}", name=name, inst=INSTITUTION, family=family,
                course=course, year=year, parts=parts, created=min(created, self.created_limit), skills=None,
                interests=None, handle=f"{first}-{last}", bio=None)
            self.family[key] = family
            keys.append(key)
        return keys

    # MARK: Listings

    def open_to(self, student: str, listing: dict, *, place: bool = False) -> bool:
        if listing["organization"] == self.demo_org or listing["status"] not in ("published", "closed"):
            return False
        if (student, listing["key"]) in self.applied or self.count[listing["key"]] >= listing["capacity"]:
            return False
        if place and self.accepted[listing["key"]] >= listing["positions"]:
            return False
        return self.b.can_apply(student, listing)

    def suits(self, student: str, listing: dict) -> bool:
        return listing["category"] in FAMILY_CATEGORIES.get(self.family[student], set())

    def window(self, listing: dict, path: list[str], accepted_days_ago: int = 0) -> tuple[int, int]:
        low, high = self.b.submission_window(listing)
        return max(low, accepted_days_ago + self.b.days_needed(path)), high

    def started_placements(self) -> tuple[list[tuple[dict, int]], list[tuple[dict, int]]]:
        """Listings for completed and active placements, each with the day the offer is accepted."""
        apps = self.data["applications"]
        started = [(a, self.listings[a["listing"]]) for a in apps
                   if final_state(a) == "accepted" and self.listings[a["listing"]]["start_in_days"] <= 0]
        last_end = max(x["end_in_days"] for _, x in started if x["end_in_days"] <= 0)
        first_accepted, last_ended, still_open = {}, {}, set()
        for a, x in started:
            org = x["organization"]
            first_accepted[org] = max(first_accepted.get(org, 0), a["timeline"][-1]["days_ago"])
            if x["end_in_days"] > 0 or x["end_in_days"] == last_end:
                still_open.add(org)
            else:
                last_ended[org] = max(last_ended.get(org, -10_000), x["end_in_days"])
        completed, active = [], []
        for x in self.data["listings"]:
            org = x["organization"]
            if org not in first_accepted or org == self.demo_org or x["start_in_days"] > 0:
                continue
            if x["status"] not in ("published", "closed") or self.accepted[x["key"]] >= x["positions"]:
                continue
            # Accepted a week before the start, or no earlier than the organization's first acceptance.
            accepted = min(first_accepted[org], -x["start_in_days"] + 8)
            if accepted <= -x["start_in_days"]:
                continue  # the organization's first acceptance came after this listing's start
            if x["end_in_days"] < last_end and (org in still_open or x["end_in_days"] <= last_ended[org]):
                completed.append((x, accepted))
            elif x["end_in_days"] > 0 and org in still_open:
                active.append((x, accepted))
        return completed, active

    def academic_room(self) -> int:
        """Places the demo institution's academic supervisor has left after the dataset's placements."""
        capacity = next(u["capacity"] for u in self.data["users"]
                        if u["role"] == "supervisor" and u["institution"] == INSTITUTION)
        open_now = sum(1 for a in self.data["applications"] if final_state(a) == "accepted"
                       and self.users[a["student"]]["institution"] == INSTITUTION
                       and self.listings[a["listing"]]["end_in_days"] > 0)
        return capacity - open_now

    # MARK: Applications

    def apply(self, student: str, listing: dict, state: str, *, accepted_days_ago: int | None = None,
              path: list[str] | None = None) -> dict | None:
        """One application ending in `state`; an accepted one is accepted `accepted_days_ago` days ago."""
        rng = self.rng
        path = path if path is not None else self.b.path_to(state)
        shift = accepted_days_ago or 0
        low, high = self.window(listing, path, shift)
        if low > high:
            return None
        submitted = rng.randint(low, high)
        key = listing["key"]
        with_text = dict(listing, _responsibilities=self.responsibilities[key])
        app = self.b.add_application(student, with_text, state, submitted - shift, path=path)
        events = app["timeline"]
        if accepted_days_ago is not None:
            # Accepted exactly then: the timeline computed up to that day, moved back to it.
            offer = events[-2]
            assert events[-1]["to"] == "accepted" and offer["to"] == "offered"
            events[-1]["days_ago"] = 0
            offer["offer_expires_in_days"] = rng.randint(1, 7)
            app["submitted_days_ago"] = submitted
            for event in events:
                event["days_ago"] += shift
                for field in ("interview_in_days", "offer_expires_in_days"):
                    if event[field] is not None:
                        event[field] -= shift
        self.applied.add((student, key))
        self.count[key] += 1
        if state == "accepted":
            self.accepted[key] += 1
        self.new_apps.append(app)
        return app

    def choose(self, students: list[str], listing: dict, *, place: bool) -> str | None:
        """A student for a placement: one whose course suits the listing, in year 3 or later, if any."""
        pool = [s for s in students if self.open_to(s, listing, place=place)]
        for better in ([s for s in pool if self.suits(s, listing) and self.profiles[s]["year_of_study"] >= 3],
                       [s for s in pool if self.profiles[s]["year_of_study"] >= 3], pool):
            if better:
                return self.rng.choice(better)
        return None

    def listing_for(self, student: str, *, place: bool = False, condition=lambda x: True) -> dict | None:
        """A listing the student may apply to, most often one that suits their course."""
        pool = [x for x in self.data["listings"] if condition(x) and self.open_to(student, x, place=place)]
        suited = [x for x in pool if self.suits(student, x)]
        if suited and self.rng.random() < 0.8:
            pool = suited
        return self.rng.choice(pool) if pool else None

    def build_funnel(self, keys: list[str]) -> None:
        rng = self.rng
        able = [k for k in keys if self.b.can_apply(k, {"visibility": "public", "eligible_years": [],
                                                         "eligible_courses": [], "institution": None})]
        applicants = [k for k in able if rng.random() < APPLY_BY_YEAR[self.profiles[k]["year_of_study"]]]
        waiting = list(applicants)
        main: dict[str, str] = {}

        def take(student: str, state: str) -> None:
            main[student] = state
            waiting.remove(student)

        # Placements that started: completed ones, then the active ones, as far apart in weeks as they go.
        completed, active = self.started_placements()
        placed = 0
        for listing, accepted in completed:
            while placed < COMPLETED_MAX and self.accepted[listing["key"]] < listing["positions"]:
                student = self.choose(waiting, listing, place=True)
                if student is None or not self.apply(student, listing, "accepted", accepted_days_ago=accepted):
                    break
                take(student, "completed")
                placed += 1
        room = self.room - ACTIVE_ROOM
        chosen: list[tuple[dict, int]] = []
        candidates = [c for c in active if self.choose(waiting, c[0], place=True)]
        while candidates and len(chosen) < room:
            best = max(candidates, key=lambda c: (min((abs(c[0]["start_in_days"] - d[0]["start_in_days"])
                                                       for d in chosen), default=0), -c[0]["start_in_days"]))
            candidates.remove(best)
            listing, accepted = best
            student = self.choose(waiting, listing, place=True)
            if student and self.apply(student, listing, "accepted", accepted_days_ago=accepted):
                take(student, "active")
                chosen.append(best)
        # Upcoming placements, accepted today.
        for _ in range(UPCOMING):
            for student in rng.sample(waiting, k=len(waiting)):
                listing = self.listing_for(student, place=True, condition=lambda x: x["start_in_days"] > 7)
                if listing and self.apply(student, listing, "accepted", accepted_days_ago=0):
                    take(student, "upcoming")
                    break
        # Everyone else's main application.
        open_listing = {
            "offered": lambda x: x["status"] == "published" and x["start_in_days"] > 10,
            "interview_scheduled": lambda x: x["status"] == "published" and x["deadline_in_days"] > -10,
            "shortlisted": lambda x: x["status"] == "published",
            "reviewed": lambda x: x["status"] == "published",
            "pending": lambda x: x["status"] == "published" and x["deadline_in_days"] > 0,
        }
        quota = [state for state, n in STAGES for _ in range(n)]
        for student in rng.sample(waiting, k=len(waiting)):
            state = quota.pop(0) if quota else "pending"
            listing = self.listing_for(student, condition=open_listing.get(state, lambda x: True))
            if listing is None or not self.apply(student, listing, state):
                listing = self.listing_for(student, condition=open_listing["pending"])
                state = "pending"
                if listing is None or not self.apply(student, listing, state):
                    continue
            take(student, state)
        # A few more applications each, most of them over.
        for student in applicants:
            for _ in range(rng.choices([0, 1, 2, 3], [40, 32, 18, 10])[0]):
                state = rng.choices(*EXTRA_STATES)[0]
                if main.get(student) in ("active", "upcoming", "offered") and state not in ("rejected", "withdrawn"):
                    continue  # placed, or about to be: no new applications
                listing = self.listing_for(student, condition=open_listing.get(state, lambda x: True))
                if listing is not None:
                    self.apply(student, listing, state)

    # MARK: Dates and notifications

    def settle(self, keys: list[str]) -> None:
        """Accounts exist before their owners' applications; an applicant last signed in at their last step."""
        latest: dict[str, int] = {}
        oldest: dict[str, int] = {}
        for app in self.new_apps:
            student = app["student"]
            oldest[student] = max(oldest.get(student, 0), app["submitted_days_ago"])
            own = [app["submitted_days_ago"]] + [e["days_ago"] for e in app["timeline"]
                                                 if e["to"] in ("accepted", "declined", "withdrawn")]
            latest[student] = min(latest.get(student, 10_000), min(own))
        for key in keys:
            user = self.b.user_by_key[key]
            if key in oldest:
                user["created_days_ago"] = max(user["created_days_ago"], oldest[key] + self.rng.randint(1, 40))
                user["created_days_ago"] = min(user["created_days_ago"], self.created_limit)
                assert user["created_days_ago"] > oldest[key], key
                user["last_login_days_ago"] = min(user["last_login_days_ago"], latest[key])

    def notify(self) -> None:
        start = len(self.data["notifications"])
        main_rng, self.b.rng = self.b.rng, self.rng
        try:
            for app in self.new_apps:
                self.b.notify_application(app, self.listings[app["listing"]], self.orgs, window=NOTIFICATION_DAYS)
        finally:
            self.b.rng = main_rng
        added = self.data["notifications"][start:]
        added.sort(key=lambda n: (n["user"], -n["days_ago"]))
        self.data["notifications"][start:] = added


def add_uon_cohort(builder, data: dict, responsibilities: dict[str, list[str]]) -> None:
    cohort = Cohort(builder, data, responsibilities)
    main_rng, builder.rng = builder.rng, cohort.rng
    try:
        data["users"].append(dict(SECOND_SUPERVISOR))
        builder.emails.add(SECOND_SUPERVISOR["email"])
        cohort.names.add(SECOND_SUPERVISOR["display_name"])
        keys = cohort.add_students()
        cohort.build_funnel(keys)
        cohort.settle(keys)
    finally:
        builder.rng = main_rng
    cohort.notify()
