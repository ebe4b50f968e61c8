"""Placement fixes for data/demo-dataset.json (issue #12 item 6), as a pure function of the dataset.

Written so that scripts/demo-data/generate.py can call settle_placements(data) as the last step of
Builder.build() (after the notifications are sorted): it draws no random numbers, so nothing else in
the file moves.
"""
from __future__ import annotations

FRAUD_LISTING = "kusipay-fraud"
GROWTH_LISTING = "kusipay-growth"

# Titles and capacities of the supervisors the dataset names (the seeder generates the others).
SUPERVISOR_PROFILES = {
    "supervisor-demo": ("Graduate and Intern Programme Lead", 8),
    "supervisor-neema": ("Head of Clinical Training", 6),
    "supervisor-ku": ("Lecturer, Department of Computing and Information Science", 12),
}
# The academic supervisor of the demo institution (uon).
SUPERVISOR_UON = {
    "key": "supervisor-uon", "email": "lecturer.otieno@uon.ac.example", "display_name": "Joyce Otieno",
    "role": "supervisor", "status": "active", "phone": "+254722418306", "organization": None,
    "institution": "uon", "title": "Lecturer, Industrial Attachment Coordinator", "capacity": 10,
    "created_days_ago": 420, "last_login_days_ago": 5,
}


def settle_placements(data: dict) -> None:
    users = {u["key"]: u for u in data["users"]}
    listings = {x["key"]: x for x in data["listings"]}
    orgs = {o["key"]: o for o in data["organizations"]}

    # Supervisors: a title and a capacity each, and an academic supervisor for the demo institution.
    for key, (title, capacity) in SUPERVISOR_PROFILES.items():
        user = users[key]
        rest = {k: user.pop(k) for k in ("created_days_ago", "last_login_days_ago")}
        user["title"], user["capacity"] = title, capacity
        user.update(rest)
    index = next(i for i, u in enumerate(data["users"]) if u["key"] == "supervisor-ku")
    data["users"].insert(index + 1, dict(SUPERVISOR_UON))

    def notification(user: str, kind: str, title: str, body: str, days_ago: int) -> dict:
        found = [n for n in data["notifications"] if (n["user"], n["kind"], n["title"], n["body"], n["days_ago"])
                 == (user, kind, title, body, days_ago)]
        assert len(found) == 1, (user, title, body, days_ago, len(found))
        return found[0]

    def notifications_of(application: dict, event: dict, to: str | None = None):
        """The notification the generator wrote for a timeline event (None outside its window)."""
        if event["days_ago"] > 90:
            return None
        listing = listings[application["listing"]]
        org = orgs[listing["organization"]]["name"]
        name = users[application["student"]]["display_name"]
        title = listing["title"]
        to = to or event["to"]
        student = application["student"]
        if to == "interview_scheduled":
            return notification(student, "interview_scheduled", "Interview scheduled",
                                f"{org} invited you to an interview for “{title}” ({event['interview_place']}).",
                                event["days_ago"])
        if to == "offered":
            return notification(student, "offer_made", "You have an offer",
                                f"{org} offered you the “{title}” internship. Accept or decline before the offer "
                                f"expires.", event["days_ago"])
        if to in ("accepted", "declined"):
            return notification(listing["created_by"], "offer_answered", f"Offer {to}",
                                f"{name} {to} your offer for “{title}”.", event["days_ago"])
        if to == "withdrawn":
            return notification(listing["created_by"], "application_withdrawn", "Application withdrawn",
                                f"{name} withdrew their application for “{title}”.", event["days_ago"])
        label = {"reviewed": "was reviewed", "shortlisted": "was shortlisted", "rejected": "was not successful"}[to]
        return notification(student, "status_changed", "Application update",
                            f"Your application for “{title}” at {org} {label}.", event["days_ago"])

    def move(application: dict, event: dict, days_ago: int) -> None:
        """Moves an event earlier, and its notification with it (out of the window: gone)."""
        assert days_ago >= event["days_ago"], "events only move back in time"
        note = notifications_of(application, event)
        event["days_ago"] = days_ago
        if note is not None:
            if days_ago > 90:
                data["notifications"].remove(note)
            else:
                note["days_ago"] = days_ago  # read or not as before: the badges the screens show stay

    def drop(application: dict, event: dict) -> None:
        note = notifications_of(application, event)
        if note is not None:
            data["notifications"].remove(note)

    def application(student: str, listing: str) -> dict:
        return next(a for a in data["applications"] if a["student"] == student and a["listing"] == listing)

    # The demo supervisor's intern is in week 3: the fraud listing started 19 days ago.
    fraud = listings[FRAUD_LISTING]
    span = fraud["end_in_days"] - fraud["start_in_days"]
    fraud["start_in_days"] = -19
    fraud["end_in_days"] = fraud["start_in_days"] + span

    # The demo employer's ended placements, one completed and one terminated: two interns for the growth
    # listing, whose offers (declined, and a withdrawal before any offer) became acceptances.
    growth = listings[GROWTH_LISTING]
    growth["positions"] = 2
    start = -growth["start_in_days"]
    made = application("student-068", GROWTH_LISTING)
    offer, answer = made["timeline"][-2:]
    assert offer["to"] == "offered" and answer["to"] == "declined"
    drop(made, answer)
    answer.update(to="accepted", note=None, days_ago=start + 2)
    offer["offer_expires_in_days"] = -(start + 2) + 4
    moved = application("student-017", GROWTH_LISTING)
    withdrawal = moved["timeline"][-1]
    assert withdrawal["to"] == "withdrawn"
    drop(moved, withdrawal)
    withdrawal.update(to="offered", days_ago=start + 6, note="Offer letter sent by email.",
                      offer_expires_in_days=-(start + 3) + 2)
    moved["timeline"].append({"to": "accepted", "days_ago": start + 3, "reason": None, "note": None,
                              "interview_in_days": None, "interview_place": None, "offer_expires_in_days": None})

    # Every placement that has started was accepted before its start: timelines that end after it are
    # compressed between the submission and the day before the start.
    for app in data["applications"]:
        if not app["timeline"] or app["timeline"][-1]["to"] != "accepted":
            continue
        listing = listings[app["listing"]]
        start = -listing["start_in_days"]
        accepted = app["timeline"][-1]["days_ago"]
        if start < 0 or accepted > start:
            continue
        retime(app, start, move)

    add_late_start_offer(data)
    data["notifications"].sort(key=lambda n: (n["user"], -n["days_ago"]))


SETTLEMENT_LISTING = "kusipay-settlement"


def add_late_start_offer(data: dict) -> None:
    """A short Kusi Payments placement that began eight days ago, and the demo student's open offer for
    it: accepting it makes an active placement in week 2 with the midpoint evaluation open, so a
    newcomer (and scripts/e2e/placements-flow.sh) can walk the whole logbook flow on first start."""
    index = next(i for i, x in enumerate(data["listings"]) if x["key"] == FRAUD_LISTING)
    data["listings"].insert(index + 1, {
        "key": SETTLEMENT_LISTING, "organization": "kusipay", "created_by": "employer-demo",
        "title": "Settlement Operations Intern — Data Desk",
        "description": (
            "Join the Kusi Payments data desk for four weeks while we move merchant settlement reports to the new "
            "warehouse.\n\nWhat you will do:\n- Reconcile the daily settlement files against the ledger and chase "
            "the differences with the operations team.\n- Rewrite three slow report queries in SQL and measure how "
            "much faster they run.\n- Write a short summary of what you found every Friday.\n\nThis placement is "
            "hybrid in Nairobi and started on a rolling basis; the offer states your first day."),
        "category": "finance", "experience_level": "entry", "location_type": "hybrid", "location": "Nairobi, Kenya",
        "deadline_in_days": -22, "start_in_days": -8, "end_in_days": 20, "duration_weeks": 4,
        "stipend": 30000, "currency": "KES", "required_skills": ["SQL", "Excel"], "preferred_skills": [],
        "eligible_years": [], "eligible_courses": [], "capacity": 20, "positions": 2, "visibility": "public",
        "institution": None, "screening_questions": [], "featured": False, "status": "closed",
        "created_days_ago": 45, "published_days_ago": 44,
    })
    event = {"reason": None, "note": None, "interview_in_days": None, "interview_place": None,
             "offer_expires_in_days": None}
    data["applications"].append({
        "student": "student-demo", "listing": SETTLEMENT_LISTING,
        "cover_letter": (
            "Dear Daniel,\n\nI would like to join the data desk for the settlement migration. I reconciled our "
            "student union's M-Pesa statements against its ledger every month last year and rewrote the "
            "spreadsheet into SQL queries that run in seconds.\n\nI can start as soon as the offer allows.\n\n"
            "Best regards,\nAmani Wanjiru"),
        "answers": [], "resume_path": "~/Documents/CV_Amani_Wanjiru.pdf", "submitted_days_ago": 30,
        "rating": 4, "notes": None,
        "timeline": [
            {**event, "to": "reviewed", "days_ago": 29},
            {**event, "to": "shortlisted", "days_ago": 27},
            {**event, "to": "interview_scheduled", "days_ago": 25, "interview_in_days": 3,
             "interview_place": "Kusi Payments, Nairobi office"},
            {**event, "to": "offered", "days_ago": 2, "note": "First day as soon as you accept.",
             "offer_expires_in_days": 5},
        ],
    })
    data["notifications"].append({
        "user": "student-demo", "kind": "offer_made", "title": "You have an offer",
        "body": "Kusi Payments offered you the “Settlement Operations Intern — Data Desk” internship. Accept or "
                "decline before the offer expires.", "days_ago": 2, "read": False})


def retime(app: dict, start: int, move) -> None:
    """Maps the timeline linearly from [accepted, submitted] onto [start + 1, submitted], keeping the
    order, a day after each interview and offer, and each interview and offer expiry where it fell
    between its event and the next."""
    events = app["timeline"]
    submitted = app["submitted_days_ago"]
    accepted = events[-1]["days_ago"]
    low = start + 1
    scale = (submitted - low) / (submitted - accepted) if submitted > accepted else 0
    days = [low + round((e["days_ago"] - accepted) * scale) for e in events]
    days[-1] = max(days[-1], low)
    for i in range(len(events) - 2, -1, -1):
        gap = 1 if events[i]["to"] in ("interview_scheduled", "offered") else 0
        days[i] = max(days[i], days[i + 1] + gap)
    assert days[0] <= submitted, (app["student"], app["listing"], days)
    old = [e["days_ago"] for e in events]
    for i, event in enumerate(events):
        nxt_old, nxt_new = (old[i + 1], days[i + 1]) if i + 1 < len(events) else (None, None)
        if event["to"] == "interview_scheduled" and nxt_old is not None:
            at = -event["interview_in_days"]
            if events[i + 1]["to"] == "interview_scheduled":
                after = max(1, nxt_old - at)
                event["interview_in_days"] = -nxt_new + after
            else:
                fraction = (at - nxt_old) / (old[i] - nxt_old) if old[i] > nxt_old else 0
                held = round(nxt_new + fraction * (days[i] - nxt_new))
                event["interview_in_days"] = -min(max(held, nxt_new), days[i] - 1)
        if event["to"] == "offered" and nxt_old is not None:
            validity = min(max(event["offer_expires_in_days"] + nxt_old, 1), 7)
            event["offer_expires_in_days"] = -nxt_new + validity
    for event, day in zip(events, days):
        if day != event["days_ago"]:
            move(app, event, day)
