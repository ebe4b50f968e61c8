#!/usr/bin/env python3
"""Writes data/demo-dataset.json, the demo database Edulink creates on first start.

Deterministic (fixed seed, stdlib only). Listing titles, skills, courses and descriptions come from
data/vocabulary/ (the same files `edulink db generate` uses) plus the curated content in
curated.py and letters.py. Dates are relative to the moment the demo database is created:
`*_days_ago` counts back, `*_in_days` counts forward (negative means past).

Everything written is checked against DOMAIN.md by validate() before the file is replaced.

The demo institution's cohort (cohort.py) comes last, from its own random sequence: it only appends
records, so adding to it or changing it moves nothing made before it.

    python3 scripts/demo-data/generate.py            # regenerate and print a summary
    python3 scripts/demo-data/generate.py --check    # fail if the committed file is stale
"""
from __future__ import annotations

import json
import random
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.dont_write_bytecode = True  # keep scripts/ free of __pycache__
sys.path.insert(0, str(Path(__file__).resolve().parent))
import curated as C  # noqa: E402
from cohort import add_uon_cohort  # noqa: E402
from letters import cover_letter  # noqa: E402
from placements import settle_placements  # noqa: E402

SEED = 20240917
ROOT = Path(__file__).resolve().parents[2]
VOCAB = ROOT / "data" / "vocabulary"
OUT = ROOT / "data" / "demo-dataset.json"

CATEGORIES = ["technology", "finance", "marketing", "healthcare", "education", "engineering", "design",
              "research", "business", "legal", "media", "other"]
LEVELS = ["entry", "intermediate", "advanced"]
LOCATION_TYPES = ["remote", "on_site", "hybrid"]
STATES = ["pending", "reviewed", "shortlisted", "interview_scheduled", "offered", "accepted", "declined",
          "rejected", "withdrawn"]
OPEN_STATES = {"pending", "reviewed", "shortlisted", "interview_scheduled"}
TRANSITIONS = {
    "pending": {"reviewed", "shortlisted", "rejected", "withdrawn"},
    "reviewed": {"shortlisted", "interview_scheduled", "rejected", "withdrawn"},
    "shortlisted": {"interview_scheduled", "offered", "rejected", "withdrawn"},
    "interview_scheduled": {"interview_scheduled", "offered", "rejected", "withdrawn"},
    "offered": {"accepted", "declined", "withdrawn"},
}
NOTIFICATION_WINDOW_DAYS = 90
# Roles in these categories can work on any of an organization's own topics
# ("UX Designer Intern — Maternal Health"); others keep to their category's topics.
DOMAIN_NEUTRAL_CATEGORIES = {"technology", "design", "marketing", "business", "research"}
COMPLETION_TO_APPLY = 70

DEMO_STUDENT = "student@edulink.demo"
DEMO_EMPLOYER = "employer@edulink.demo"
DEMO_ORG = "kusipay"
TRIAGE_LISTING = "kusipay-data-analyst"


# The showcase listing of the demo employer is written by hand.
TRIAGE_DESCRIPTION = """Kusi Payments settles sales for more than 140,000 merchants, and every one of those payments tells us something: which estates are growing, which agents run out of float on Friday evenings, which shops stop trading after a price rise. We are looking for a Data Analyst intern to help turn that stream into answers our merchant, agent and risk teams act on every week.

What you will do:
- Build weekly dashboards in Power BI on merchant activity, agent float and settlement times.
- Write SQL against our analytics warehouse to answer questions from the product and operations teams.
- Investigate unusual patterns, such as a sudden drop in a county's transactions, and write up what you find.
- Help design and read A/B tests of new features in the merchant app.
- Document the metrics you touch so everyone uses the same definitions.

What you will learn:
- How a payments business measures growth, churn and risk, and which numbers it watches daily.
- Good analytics habits: version-controlled SQL, reviewed notebooks and reproducible reports.
- How to present findings to managers in ten minutes and a single chart.

What we are looking for:
- You are comfortable with SQL and with Python or R for analysis, and you know your way around Excel.
- You are curious about why numbers change, and careful before you share them.
- Any course is welcome; most of our analysts studied computer science, statistics, economics or actuarial science.

About the team: you will join a data team of six in Nairobi, led by a former intern, with a weekly show-and-tell where interns present their work.

The role is hybrid: Tuesdays to Thursdays in our Westlands office, the rest remote. The placement pays a monthly stipend of KES 35,000, and we cover a data bundle for remote days.

Apply with a short cover letter telling us about a dataset you explored and what surprised you."""


# MARK: - Vocabulary

def read_lines(name: str) -> list[str]:
    lines = (VOCAB / name).read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line and not line.startswith("#")]


def load_vocabulary() -> dict:
    vocab = {"skills": read_lines("skills.txt"), "courses": read_lines("courses.txt")}
    vocab["roles"] = defaultdict(list)
    for line in read_lines("roles.txt"):
        category, role = line.split("\t")
        vocab["roles"][category].append(role)
    vocab["topics"] = defaultdict(list)
    for line in read_lines("title-topics.txt"):
        category, topic = line.split("\t")
        vocab["topics"][category].append(topic)
    vocab["locations"] = []
    for line in read_lines("locations.txt"):
        city, country, weight = line.split("\t")
        vocab["locations"].append((city, country, int(weight)))
    vocab["sentences"] = defaultdict(lambda: defaultdict(list))
    for line in read_lines("description-sentences.txt"):
        category, section, sentence = line.split("\t")
        vocab["sentences"][category][section].append(sentence)
    vocab["name_parts"] = [line.split("\t") for line in read_lines("org-name-parts.txt")]
    check_vocabulary(vocab)
    return vocab


def check_vocabulary(vocab: dict) -> None:
    skills = vocab["skills"]
    assert len(skills) >= 300 and len(set(skills)) == len(skills), "skills: at least 300, unique"
    assert all(2 <= len(s) <= 50 for s in skills), "skills: 2-50 characters"
    assert sum(len(r) for r in vocab["roles"].values()) >= 150
    assert sum(len(t) for t in vocab["topics"].values()) >= 150
    assert len(vocab["courses"]) >= 60 and len(set(vocab["courses"])) == len(vocab["courses"])
    assert sum(len(s) for c in vocab["sentences"].values() for s in c.values()) >= 400
    for category in CATEGORIES:
        assert vocab["roles"][category] and vocab["topics"][category], category
        for section in ["intro", "responsibility", "learning", "requirement", "team", "closing"]:
            assert vocab["sentences"][category][section], (category, section)
    skill_set = set(skills)
    for category, pool in C.CATEGORY_SKILLS.items():
        missing = [s for s in pool if s not in skill_set]
        assert not missing, f"{category} skills not in skills.txt: {missing}"
    assert all(s in skill_set for s in C.SOFT_SKILLS)
    course_set = set(vocab["courses"])
    for family, courses in C.COURSE_FAMILIES.items():
        missing = [c for c in courses if c not in course_set]
        assert not missing, f"{family} courses not in courses.txt: {missing}"


# MARK: - Helpers

def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def domain_of(org_name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", org_name.lower().replace("&", "and")) + ".example"


def kenyan_phone(rng: random.Random) -> str:
    return "+2547" + "".join(str(rng.randint(0, 9)) for _ in range(8))


COUNTRY_CODES = {"Kenya": "+254", "Uganda": "+256", "Rwanda": "+250", "Tanzania": "+255", "Ethiopia": "+251",
                 "Nigeria": "+234", "Ghana": "+233", "United Kingdom": "+44", "Netherlands": "+31",
                 "Germany": "+49", "United Arab Emirates": "+971", "India": "+91", "Canada": "+1"}


def phone_for(rng: random.Random, country: str) -> str:
    if country == "Kenya":
        return kenyan_phone(rng)
    return COUNTRY_CODES[country] + "".join(str(rng.randint(0, 9)) for _ in range(9))


def completion(user: dict, profile: dict) -> int:
    """Profile completion as DOMAIN.md defines it: ten equal parts."""
    parts = [bool(user["display_name"]), bool(user["phone"]), bool(profile["registration_number"]),
             bool(profile["institution"]), profile["year_of_study"] is not None, bool(profile["course"]),
             bool(profile["skills"]), bool(profile["interests"]), bool(profile["resume_path"]),
             bool(profile["github"] or profile["linkedin"] or profile["website"])]
    return sum(parts) * 10


# MARK: - Builder

class Builder:
    def __init__(self) -> None:
        self.rng = random.Random(SEED)
        self.vocab = load_vocabulary()
        self.institutions: list[dict] = []
        self.organizations: list[dict] = []
        self.users: list[dict] = []
        self.profiles: list[dict] = []
        self.listings: list[dict] = []
        self.applications: list[dict] = []
        self.notifications: list[dict] = []
        self.saved_listings: list[dict] = []
        self.saved_searches: list[dict] = []
        self.org_meta: dict[str, dict] = {}
        self.employer_of: dict[str, str] = {}
        self.user_by_key: dict[str, dict] = {}
        self.profile_by_user: dict[str, dict] = {}
        self.emails: set[str] = set()
        self.registration_numbers: set[tuple[str, str]] = set()

    # MARK: Institutions and organizations

    def build_institutions(self) -> None:
        for key, name, code, kind, verified, _ in C.INSTITUTIONS:
            self.institutions.append({"key": key, "name": name, "short_code": code, "type": kind,
                                      "verified": verified})

    def build_organizations(self) -> None:
        rng = self.rng
        for key, name, industry, size, city, country, verified, cats, topics, about in C.ORGANIZATIONS:
            year = rng.randint(1995, 2020) if size in ("501-1000", "1000+", "201-500") else rng.randint(2012, 2021)
            people = {"1-10": rng.randint(4, 9), "11-50": rng.randint(15, 48), "51-200": rng.randint(60, 190),
                      "201-500": rng.randint(220, 480), "501-1000": rng.randint(550, 950),
                      "1000+": rng.randint(1200, 4800)}[size]
            extras = rng.sample(C.ORG_EXTRA_SENTENCES, k=2 if verified else 1)
            text = about + " " + " ".join(s.format(year=year, year2=max(year + 1, 2016), people=people, city=city)
                                          for s in extras)
            domain = domain_of(name)
            self.organizations.append({
                "key": key, "name": name, "industry": industry, "size": size,
                "website": f"https://{domain}", "location": f"{city}, {country}",
                "description": text, "verified": verified,
            })
            self.org_meta[key] = {"cats": cats, "topics": topics, "city": city, "country": country,
                                  "domain": domain, "verified": verified, "created": rng.randint(420, 900)}

    # MARK: Users

    def add_user(self, key, email, name, role, *, phone=None, org=None, inst=None, created=400, last=None,
                 status="active") -> dict:
        email = email.lower()
        assert email not in self.emails, email
        self.emails.add(email)
        user = {"key": key, "email": email, "display_name": name, "role": role, "status": status,
                "phone": phone, "organization": org, "institution": inst,
                "created_days_ago": created, "last_login_days_ago": last}
        self.users.append(user)
        self.user_by_key[key] = user
        return user

    def person_name(self, female: bool | None = None) -> str:
        rng = self.rng
        if female is None:
            female = rng.random() < 0.5
        first = rng.choice(C.FIRST_NAMES_F if female else C.FIRST_NAMES_M)
        last = rng.choice(C.LAST_NAMES)
        return f"{first} {last}"

    def build_staff(self) -> None:
        rng = self.rng
        self.add_user("admin-demo", "admin@edulink.demo", "Mercy Achieng", "admin", phone=kenyan_phone(rng),
                      created=900, last=0)
        for i, name in enumerate(["Kevin Mutua", "Halima Abdi", "Samuel Korir"]):
            first, last = name.lower().split()
            self.add_user(f"admin-{i + 1}", f"{first}.{last}@edulink.example", name, "admin",
                          phone=kenyan_phone(rng), created=rng.randint(300, 880), last=rng.randint(0, 20))
        for org in self.organizations:
            meta = self.org_meta[org["key"]]
            if org["key"] == DEMO_ORG:
                key, email, name = "employer-demo", DEMO_EMPLOYER, "Daniel Ochieng"
            else:
                key, email, name = f"employer-{org['key']}", f"hr@{meta['domain']}", self.person_name()
            self.add_user(key, email, name, "employer", phone=phone_for(rng, meta["country"]), org=org["key"],
                          created=meta["created"], last=0 if key == "employer-demo" else rng.randint(0, 30))
            self.employer_of[org["key"]] = key
        self.add_user("institution-demo", "institution@edulink.demo", "Dr. Jane Muthoni", "institution_admin",
                      phone=kenyan_phone(rng), inst="uon", created=700, last=1)
        for inst, email, name in [("ku", "careers@ku.ac.example", "Peter Njoroge"),
                                  ("jkuat", "attachments@jkuat.ac.example", "Esther Wairimu"),
                                  ("kmtc", "placements@kmtc.ac.example", "Tabitha Nekesa")]:
            self.add_user(f"institution-{inst}", email, name, "institution_admin", phone=kenyan_phone(rng),
                          inst=inst, created=rng.randint(200, 600), last=None if inst == "kmtc" else rng.randint(1, 40))
        self.add_user("supervisor-demo", "supervisor@edulink.demo", "Grace Wambui", "supervisor",
                      phone=kenyan_phone(rng), org=DEMO_ORG, created=600, last=2)
        self.add_user("supervisor-neema", "dr.omondi@neemahospitalgroup.example", "Eric Omondi", "supervisor",
                      phone=kenyan_phone(rng), org="neema", created=500, last=6)
        self.add_user("supervisor-ku", "lecturer.kariuki@ku.ac.example", "Moses Kariuki", "supervisor",
                      phone=kenyan_phone(rng), inst="ku", created=450, last=12)

    # MARK: Students

    def registration_number(self, inst: str, family: str, year_joined: int) -> str:
        pattern = next(p for k, *_, p in C.INSTITUTIONS if k == inst)
        rng = self.rng
        while True:
            number = pattern.format(prog=rng.choice(C.PROGRAMME_CODES[family]), n3=f"{rng.randint(1, 999):03d}",
                                    n4=f"{rng.randint(1, 9999):04d}", n5=f"{rng.randint(1, 99999):05d}",
                                    n6=f"{rng.randint(100000, 199999)}", y=year_joined, y2=f"{year_joined % 100:02d}")
            if (inst, number) not in self.registration_numbers:
                self.registration_numbers.add((inst, number))
                return number

    def student_skills(self, family: str, count: int) -> list[str]:
        cats = [c for c, fams in C.CATEGORY_FAMILIES.items() if family in fams] or ["other"]
        pool = sorted({s for c in cats for s in C.CATEGORY_SKILLS[c]})
        picked = self.rng.sample(pool, k=min(count, len(pool)))
        return picked + self.rng.sample([s for s in C.SOFT_SKILLS if s not in picked], k=self.rng.randint(1, 2))

    def build_students(self, count: int = 175) -> None:
        rng = self.rng
        self.add_student(
            key="student-demo", email=DEMO_STUDENT, name="Amani Wanjiru", inst="uon", family="tech",
            course="BSc Computer Science", year=3, parts=set(range(9)), created=420,
            skills=["Python", "SQL", "Data analysis", "Pandas", "Power BI", "Excel", "Git", "Django",
                    "REST APIs", "Data visualisation", "Communication", "Problem solving"],
            interests=["fintech", "mobile money", "data for good", "open source", "athletics", "podcasts"],
            handle="amani-wanjiru",
            bio="Third-year Computer Science student at the University of Nairobi. I like turning messy data into "
                "answers people can act on: my last project mapped mobile money agent density across Nairobi's "
                "estates. Treasurer of the campus data science club, weekend runner, and podcast addict.")
        institution_weights = {"uon": 24, "ku": 20, "jkuat": 18, "moi": 12, "egerton": 8, "maseno": 8,
                               "strathmore": 10, "usiu": 8, "tuk": 10, "kmtc": 10, "kisumupoly": 6,
                               "eldoretpoly": 5, "ntti": 5, "thikatti": 4, "ksl": 5, "kimc": 5, "lakeview": 2}
        insts, weights = zip(*institution_weights.items())
        for i in range(count - 1):
            inst = rng.choices(insts, weights)[0]
            family = rng.choice(C.INSTITUTION_FAMILIES[inst])
            course = rng.choice(C.COURSE_FAMILIES[family])
            diploma = course.startswith(("Diploma", "Certificate")) or inst == "ksl"
            long_course = course.startswith("Bachelor of Medicine") or course in ("Bachelor of Architecture",)
            year = rng.randint(1, 3 if diploma else (6 if long_course else 4))
            # Completion spread: two thirds can apply (>= 70 %), the rest are 20-60 % done.
            filled = rng.randint(6, 9) if i < 118 else rng.randint(1, 5)
            parts = set(rng.sample(range(9), k=filled))
            if 1 in parts and 2 not in parts:  # a registration number implies an institution
                parts.discard(1)
                parts.add(2)
                if len(parts) < filled:
                    parts.add(rng.choice([p for p in range(9) if p not in parts and p != 1] or [2]))
            name = self.person_name()
            first, last = slug(name).split("-", 1)
            self.add_student(
                key=f"student-{i + 1:03d}", email=f"{first}.{last}@students.{inst}.ac.example", name=name,
                inst=inst, family=family, course=course, year=year, parts=parts, created=rng.randint(40, 760),
                skills=None, interests=None, handle=f"{first}-{last}",
                bio=None, status="disabled" if i in (150, 161, 170) else "active")

    def add_student(self, *, key, email, name, inst, family, course, year, parts, created, skills, interests,
                    handle, bio, status="active") -> None:
        """parts: 0 phone, 1 registration number, 2 institution, 3 year, 4 course, 5 skills, 6 interests,
        7 résumé, 8 a link."""
        rng = self.rng
        base, at, domain = email.partition("@")
        candidate, n = email, 2
        while candidate in self.emails:
            candidate, n = f"{base}{n}{at}{domain}", n + 1
        user = self.add_user(key, candidate, name, "student", phone=kenyan_phone(rng) if 0 in parts else None,
                             inst=inst if 2 in parts else None, created=created,
                             last=rng.randint(0, min(created, 60)), status=status)
        year_joined = 2025 - year
        links = {}
        if 8 in parts:
            options = ["github", "linkedin", "website"]
            for kind in rng.sample(options, k=rng.randint(1, 3)):
                links[kind] = {"github": f"https://github.example/{handle}",
                               "linkedin": f"https://linkedin.example/in/{handle}",
                               "website": f"https://{handle.replace('-', '')}.example"}[kind]
        if bio is None and rng.random() < 0.55:
            interest = rng.choice(C.INTERESTS)
            bio = rng.choice([
                f"{course} student at {self.inst_name(inst)}. Interested in {interest} and looking for a placement "
                f"where I can learn from practitioners.",
                f"Year {year} {course} student. I enjoy {interest} and volunteering in my home county.",
                f"Curious, organised and happiest when working with a team. Currently studying {course}; outside "
                f"class I spend my time on {interest}.",
            ])
        profile = {
            "user": key, "institution": inst if 2 in parts else None,
            "registration_number": self.registration_number(inst, family, year_joined) if 1 in parts else None,
            "year_of_study": year if 3 in parts else None, "course": course if 4 in parts else None,
            "skills": (skills or self.student_skills(family, rng.randint(4, 10))) if 5 in parts else [],
            "interests": (interests or rng.sample(C.INTERESTS, k=rng.randint(2, 6))) if 6 in parts else [],
            "github": links.get("github"), "linkedin": links.get("linkedin"), "website": links.get("website"),
            "resume_path": rng.choice([f"~/Documents/CV_{name.replace(' ', '_')}.pdf", "~/Documents/cv.pdf",
                                       f"~/Downloads/{slug(name)}-resume.pdf"]) if 7 in parts else None,
            "bio": bio,
        }
        self.profiles.append(profile)
        self.profile_by_user[key] = profile

    def inst_name(self, key: str | None) -> str | None:
        return next((i["name"] for i in self.institutions if i["key"] == key), None)

    # MARK: Listings

    def title_for(self, org_key: str, category: str, level: str, taken: set[str]) -> tuple[str, str]:
        rng = self.rng
        meta = self.org_meta[org_key]
        for _ in range(50):
            role = rng.choice(self.vocab["roles"][category])
            own = [t for t in meta["topics"] if t in self.vocab["topics"][category]
                   or category in DOMAIN_NEUTRAL_CATEGORIES]
            topics = own if own and rng.random() < 0.6 else self.vocab["topics"][category]
            topic = rng.choice(topics)
            shape = rng.random()
            if shape < 0.55:
                title = f"{role} Intern — {topic}"
            elif shape < 0.75:
                title = f"{role} Internship ({topic})"
            elif shape < 0.88:
                prefix = {"entry": "Junior", "intermediate": "", "advanced": "Senior"}[level]
                title = f"{prefix} {role} Intern, {topic}".strip()
            else:
                title = f"Graduate {role} Trainee — {topic}"
            if title not in taken:
                taken.add(title)
                return title, role
        raise AssertionError(f"no free title for {org_key}/{category}")

    def description_for(self, org: dict, category: str, role: str, location_type: str, city: str,
                        stipend: int | None, currency: str | None, weeks: int) -> tuple[str, list[str]]:
        rng = self.rng
        s = self.vocab["sentences"][category]
        fill = {"org": org["name"], "role": role, "city": city}
        responsibilities = rng.sample(s["responsibility"], k=rng.randint(4, 6))
        where = {
            "remote": rng.choice(["This is a fully remote internship; you will need a laptop and a reliable "
                                  "internet connection, and we cover a monthly data bundle.",
                                  "You can work from anywhere in East Africa; the team overlaps between 9:00 and "
                                  "15:00 East Africa Time."]),
            "on_site": rng.choice([f"You will work from our {city} office five days a week.",
                                   f"This placement is on site in {city}; some field days start early."]),
            "hybrid": rng.choice([f"The role is hybrid: three days a week in our {city} office, the rest remote.",
                                  f"Expect to be in {city} on Mondays and Thursdays for team days; other days are "
                                  f"flexible."]),
        }[location_type]
        pay = (f"The placement lasts {weeks} weeks and pays a monthly stipend of {currency} {stipend:,}."
               if stipend is not None else
               f"The placement lasts {weeks} weeks. It is unpaid, but we cover transport and lunch on working days.")
        body = [
            rng.choice(s["intro"]).format(**fill),
            "What you will do:\n" + "\n".join(f"- {r.format(**fill)}" for r in responsibilities),
            "What you will learn:\n" + "\n".join(f"- {x.format(**fill)}" for x in rng.sample(s["learning"], k=rng.randint(2, 3))),
            "What we are looking for:\n" + "\n".join(f"- {x.format(**fill)}" for x in rng.sample(s["requirement"], k=rng.randint(3, 4))),
            "About the team: " + rng.choice(s["team"]).format(**fill),
            where + " " + pay,
            rng.choice(s["closing"]).format(**fill),
        ]
        text = "\n\n".join(body)
        assert 300 <= len(text) <= 2500, len(text)
        return text, responsibilities

    def stipend_for(self, org_key: str, level: str, category: str) -> tuple[int | None, str | None]:
        rng = self.rng
        meta = self.org_meta[org_key]
        unpaid_bias = 0.35 if category in ("other", "healthcare", "legal") else 0.13
        if rng.random() < unpaid_bias:
            return None, None
        if meta["country"] != "Kenya":
            low, high = {"entry": (150, 500), "intermediate": (300, 900), "advanced": (600, 1500)}[level]
            return rng.randrange(low, high + 1, 50), "USD"
        low, high = {"entry": (5000, 20000), "intermediate": (15000, 40000), "advanced": (30000, 80000)}[level]
        return rng.randrange(low, high + 1, 2500), "KES"

    def location_for(self, org_key: str, location_type: str) -> tuple[str, str]:
        rng = self.rng
        meta = self.org_meta[org_key]
        city, country = meta["city"], meta["country"]
        if location_type != "remote" and rng.random() < 0.2:
            same = [(c, w) for c, k, w in self.vocab["locations"] if k == country]
            city = rng.choices([c for c, _ in same], [w for _, w in same])[0]
        if location_type == "remote":
            where = rng.choice([f"Remote ({country})", "Remote — East Africa time zones", "Remote, anywhere in Africa"]
                               if country == "Kenya" else [f"Remote ({country} team)", "Remote, anywhere in Africa"])
            return where, city
        return f"{city}, {country}", city

    def questions_for(self, category: str) -> list[dict]:
        bank = C.QUESTIONS[category]
        chosen = self.rng.sample(bank, k=self.rng.randint(1, min(3, len(bank))))
        return [{"prompt": p, "kind": k, "choices": list(ch), "required": req} for p, k, ch, req, _ in chosen]

    def eligible_courses(self, category: str) -> list[str]:
        if self.rng.random() < 0.45:
            return []
        pool = sorted({c for f in C.CATEGORY_FAMILIES[category] for c in C.COURSE_FAMILIES[f]})
        return self.rng.sample(pool, k=min(len(pool), self.rng.randint(3, 7)))

    def dates_for(self, status: str, expired: bool) -> dict:
        rng = self.rng
        if status in ("draft", "pending_review"):
            created, published = rng.randint(0, 20), None
            deadline = rng.randint(20, 120)
        elif status == "closed":
            created = rng.randint(90, 400)
            published = created - rng.randint(1, 5)
            deadline = -rng.randint(5, published - 14)
        elif expired:
            created = rng.randint(60, 150)
            published = created - rng.randint(1, 4)
            deadline = -rng.randint(1, 20)
        else:
            created = rng.randint(3, 75)
            published = max(1, created - rng.randint(0, 3))
            deadline = rng.randint(2, 10) if rng.random() < 0.12 else rng.randint(8, 120)
        return {"created": created, "published": published, "deadline": deadline}

    def make_listing(self, key: str, org_key: str, category: str, level: str, location_type: str, status: str,
                     *, expired=False, titles: set[str], title: str | None = None, role: str | None = None,
                     overrides: dict | None = None) -> dict:
        rng = self.rng
        org = next(o for o in self.organizations if o["key"] == org_key)
        if title is None:
            title, role = self.title_for(org_key, category, level, titles)
        dates = self.dates_for(status, expired)
        weeks = {"entry": rng.randint(8, 16), "intermediate": rng.randint(10, 24), "advanced": rng.randint(12, 26)}[level]
        if rng.random() < 0.03:
            weeks = 52
        start = dates["deadline"] + rng.randint(7, 45)
        stipend, currency = self.stipend_for(org_key, level, category)
        location, city = self.location_for(org_key, location_type)
        description, responsibilities = self.description_for(org, category, role, location_type, city, stipend,
                                                             currency, weeks)
        pool = C.CATEGORY_SKILLS[category]
        required = rng.sample(pool, k=rng.randint(2, 5))
        preferred = rng.sample(sorted(set(pool + C.SOFT_SKILLS) - set(required)), k=rng.randint(1, 4))
        capacity = rng.choice([100, 100, 100, 100, 20, 30, 40, 50, 60, 80, 150, 200])
        listing = {
            "key": key, "organization": org_key, "created_by": self.employer_of[org_key], "title": title,
            "description": description, "category": category, "experience_level": level,
            "location_type": location_type, "location": location,
            "deadline_in_days": dates["deadline"], "start_in_days": start, "end_in_days": start + weeks * 7,
            "duration_weeks": weeks, "stipend": stipend, "currency": currency,
            "required_skills": required, "preferred_skills": preferred,
            "eligible_years": rng.choice([[], [], [2, 3, 4], [3, 4], [3, 4, 5], [1, 2, 3, 4], [2, 3]]),
            "eligible_courses": self.eligible_courses(category),
            "capacity": capacity, "positions": min(capacity, rng.choice([1, 1, 2, 2, 3, 4, 5])),
            "visibility": "public", "institution": None,
            "screening_questions": self.questions_for(category) if rng.random() < 0.4 else [],
            "featured": False, "status": status,
            "created_days_ago": dates["created"], "published_days_ago": dates["published"],
            "_responsibilities": responsibilities,
        }
        listing.update(overrides or {})
        self.listings.append(listing)
        return listing

    def build_listings(self) -> None:
        rng = self.rng
        titles: dict[str, set[str]] = defaultdict(set)
        self.build_demo_employer_listings(titles[DEMO_ORG])
        slots = []
        for org in self.organizations:
            if org["key"] == DEMO_ORG:
                continue
            if not org["verified"]:
                slots += [(org["key"], "draft", False), (org["key"], "pending_review", False)]
                continue
            for _ in range(rng.randint(5, 8)):
                roll = rng.random()
                status, expired = (("published", False) if roll < 0.72 else ("closed", False) if roll < 0.85
                                   else ("published", True) if roll < 0.90 else ("draft", False) if roll < 0.95
                                   else ("pending_review", False))
                slots.append((org["key"], status, expired))
        rng.shuffle(slots)
        combos = [(c, lv, t) for c in CATEGORIES for lv in LEVELS for t in LOCATION_TYPES]
        rng.shuffle(combos)
        assigned: list[tuple | None] = [None] * len(slots)
        for combo in combos:
            for i, (org_key, _, _) in enumerate(slots):
                if assigned[i] is None and combo[0] in self.org_meta[org_key]["cats"]:
                    assigned[i] = combo
                    break
            else:
                raise AssertionError(f"no organization posts {combo}")
        for i, (org_key, status, expired) in enumerate(slots):
            category, level, location_type = assigned[i] or (
                rng.choice(self.org_meta[org_key]["cats"]), rng.choice(LEVELS), rng.choice(LOCATION_TYPES))
            listing = self.make_listing(f"{org_key}-{i + 1:03d}", org_key, category, level, location_type, status,
                                        expired=expired, titles=titles[org_key])
            if status == "published" and not expired and rng.random() < 0.05:
                listing["featured"] = True
        # A few institution-only listings, verified by the institution admin.
        published = [x for x in self.listings if x["status"] == "published" and x["organization"] != DEMO_ORG]
        for listing, inst in zip(rng.sample(published, k=5), ["uon", "ku", "jkuat", "kmtc", "uon"]):
            listing["visibility"], listing["institution"] = "institution_only", inst
            if inst == "kmtc":
                listing["eligible_courses"] = []

    def build_demo_employer_listings(self, titles: set[str]) -> None:
        specs = [
            (TRIAGE_LISTING, "Data Analyst Intern — Mobile Money Insights", "Data Analyst", "technology",
             "intermediate", "hybrid", "published", False,
             {"capacity": 80, "positions": 3, "featured": True, "eligible_years": [], "eligible_courses": [],
              "description": TRIAGE_DESCRIPTION,
              "created_days_ago": 34, "published_days_ago": 32, "deadline_in_days": 18}),
            ("kusipay-backend", "Backend Developer Intern — Payments API", "Backend Developer", "technology",
             "advanced", "hybrid", "published", False, {"eligible_years": [3, 4], "eligible_courses": []}),
            ("kusipay-product-design", "Product Designer Intern — Merchant App", "Product Designer", "design",
             "intermediate", "remote", "published", False, {"featured": True}),
            ("kusipay-finance-ops", "Finance Operations Intern — Merchant Settlements", "Finance Operations Associate",
             "finance", "entry", "on_site", "published", False, {}),
            ("kusipay-data-platform", "Data Engineer Intern — Data Platform (UoN partnership)", "Data Engineer",
             "technology", "advanced", "remote", "published", False,
             {"visibility": "institution_only", "institution": "uon", "eligible_years": [3, 4],
              "eligible_courses": []}),
            ("kusipay-growth", "Growth Marketer Intern — Agent Network Growth", "Growth Marketer", "marketing",
             "entry", "on_site", "closed", False, {}),
            ("kusipay-fraud", "Fraud Analyst Internship (Fraud Detection)", "Risk Analyst", "technology",
             "advanced", "on_site", "closed", False, {}),
            ("kusipay-compliance", "Compliance Assistant Intern — Regulatory Affairs", "Compliance Assistant",
             "legal", "intermediate", "on_site", "published", True, {}),
            ("kusipay-onboarding", "Customer Success Associate Intern — Merchant Onboarding",
             "Customer Success Associate", "business", "entry", "hybrid", "pending_review", False, {}),
            ("kusipay-android", "Android Developer Intern — Merchant Till App", "Android Developer", "technology",
             "intermediate", "remote", "pending_review", False, {}),
            ("kusipay-qa", "QA Engineer Intern — Quality Assurance", "QA Engineer", "technology", "entry",
             "hybrid", "draft", False, {}),
            ("kusipay-brand", "Brand Designer Intern — Brand Campaigns", "Brand Designer", "design", "entry",
             "on_site", "draft", False, {}),
        ]
        for key, title, role, category, level, location_type, status, expired, overrides in specs:
            titles.add(title)
            listing = self.make_listing(key, DEMO_ORG, category, level, location_type, status, expired=expired,
                                        titles=titles, title=title, role=role)
            if "deadline_in_days" in overrides:
                span = listing["end_in_days"] - listing["start_in_days"]
                listing["start_in_days"] = overrides["deadline_in_days"] + 14
                listing["end_in_days"] = listing["start_in_days"] + span
            listing.update(overrides)
            if key == TRIAGE_LISTING:
                listing["stipend"], listing["currency"] = 35000, "KES"
                listing["required_skills"] = ["SQL", "Python", "Excel", "Data analysis"]
                listing["preferred_skills"] = ["Power BI", "Data visualisation", "Statistics", "Communication"]

    def build_institution_review(self) -> None:
        """An institution-only listing waiting for the demo institution admin's verification.

        Made last, from its own random sequence, so the records made before it stay as they were."""
        main_rng, self.rng = self.rng, random.Random(SEED + 13)
        try:
            titles = {x["title"] for x in self.listings if x["organization"] == DEMO_ORG}
            title = "Campus Payments Analyst Intern — UoN Student Fees"
            self.make_listing(
                "kusipay-campus-fees", DEMO_ORG, "technology", "entry", "hybrid", "pending_review", titles=titles,
                title=title, role="Data Analyst",
                overrides={"visibility": "institution_only", "institution": "uon", "eligible_courses": [],
                           "eligible_years": [2, 3, 4]})
        finally:
            self.rng = main_rng

    # MARK: Applications

    def can_apply(self, student_key: str, listing: dict) -> bool:
        user, profile = self.user_by_key[student_key], self.profile_by_user[student_key]
        if user["status"] != "active" or completion(user, profile) < COMPLETION_TO_APPLY:
            return False
        if listing["visibility"] == "institution_only" and profile["institution"] != listing["institution"]:
            return False
        if listing["eligible_years"] and profile["year_of_study"] not in listing["eligible_years"]:
            return False
        if listing["eligible_courses"] and profile["course"] not in listing["eligible_courses"]:
            return False
        return True

    @staticmethod
    def submission_window(listing: dict) -> tuple[int, int]:
        """Days ago a student could have applied: after publication, before the deadline."""
        low = max(0, -listing["deadline_in_days"] + 1)
        return low, listing["published_days_ago"]

    def path_to(self, state: str) -> list[str]:
        rng = self.rng
        if state == "pending":
            return []
        if state == "reviewed":
            return ["reviewed"]
        if state == "shortlisted":
            return ["reviewed", "shortlisted"] if rng.random() < 0.7 else ["shortlisted"]
        if state == "interview_scheduled":
            path = ["reviewed", "shortlisted", "interview_scheduled"] if rng.random() < 0.6 else ["reviewed", "interview_scheduled"]
            return path + (["interview_scheduled"] if rng.random() < 0.15 else [])
        if state == "offered":
            return self.path_to("interview_scheduled") + ["offered"] if rng.random() < 0.8 else ["reviewed", "shortlisted", "offered"]
        if state in ("accepted", "declined"):
            return self.path_to("offered") + [state]
        if state == "rejected":
            return self.path_to(rng.choice(["pending", "pending", "reviewed", "shortlisted", "interview_scheduled"])) + ["rejected"]
        if state == "withdrawn":
            return self.path_to(rng.choice(["pending", "reviewed", "shortlisted", "interview_scheduled", "offered"])) + ["withdrawn"]
        raise AssertionError(state)

    @staticmethod
    def days_needed(path: list[str]) -> int:
        return len(path) + sum(1 for p in path[:-1] if p in ("interview_scheduled", "offered"))

    def timeline(self, path: list[str], submitted: int, listing: dict, org: dict) -> list[dict]:
        rng = self.rng
        min_gap = [1 if i > 0 and path[i - 1] in ("interview_scheduled", "offered") else 0 for i in range(len(path))]
        days, current = [], submitted
        for i in range(len(path)):
            floor = sum(min_gap[i + 1:])
            ceiling = current - min_gap[i]
            remaining = len(path) - i
            span = max(0, ceiling - floor)
            current = ceiling - rng.randint(0, max(0, span // remaining + (1 if i == 0 else 0)))
            current = max(floor, min(current, ceiling))
            days.append(current)
        if path and path[-1] == "offered":
            days[-1] = min(days[-1], 5)
        city = org["location"].split(",")[0]
        events = []
        for i, (to, day) in enumerate(zip(path, days)):
            event = {"to": to, "days_ago": day, "reason": None, "note": None, "interview_in_days": None,
                     "interview_place": None, "offer_expires_in_days": None}
            nxt = days[i + 1] if i + 1 < len(path) else None
            if to == "interview_scheduled":
                if nxt is None:
                    event["interview_in_days"] = rng.randint(1, 14)
                elif path[i + 1] == "interview_scheduled":
                    event["interview_in_days"] = -nxt + rng.randint(1, 5)
                    event["note"] = "Moved at the candidate's request." if rng.random() < 0.5 else None
                else:
                    event["interview_in_days"] = -rng.randint(nxt, day - 1)
                place = rng.choice(C.INTERVIEW_PLACES[listing["location_type"]])
                event["interview_place"] = place.format(org=org["name"], city=city)
                if i > 0 and path[i - 1] == "interview_scheduled":
                    event["note"] = event["note"] or "Rescheduled: panel member unavailable."
            elif to == "offered":
                event["offer_expires_in_days"] = (rng.randint(3, 10) if nxt is None
                                                  else -nxt + rng.randint(1, 7))
                event["note"] = rng.choice([None, "Offer letter sent by email.", "Start date as in the posting."])
            elif to == "rejected":
                reason = rng.choices(["not_qualified", "position_filled", "not_eligible", "other"], [5, 3, 1, 1])[0]
                event["reason"] = reason
                event["note"] = rng.choice(C.REJECTION_NOTES[reason]) if rng.random() < 0.7 else None
            elif to == "withdrawn":
                event["note"] = rng.choice([None, "Accepted another placement.", "Dates no longer work for me.",
                                            "Moving to another county for family reasons."])
            elif to == "declined":
                event["note"] = rng.choice([None, "Accepted an offer closer to home.", "Decided to finish my project first."])
            events.append(event)
        return events

    def answers_for(self, listing: dict, profile_key: str) -> list[str]:
        rng = self.rng
        handle = self.user_by_key[profile_key]["email"].split("@")[0].replace(".", "-")
        bank = {p: answers for p, _, _, _, answers in C.QUESTIONS[listing["category"]]}
        answers = []
        for q in listing["screening_questions"]:
            if not q["required"] and rng.random() < 0.25:
                answers.append("")
            elif q["kind"] == "yes_no":
                answers.append(rng.choices(["Yes", "No"], [4, 1])[0])
            elif q["kind"] == "choice":
                answers.append(rng.choice(q["choices"]))
            else:
                answers.append(rng.choice(bank[q["prompt"]]).format(handle=handle))
        return answers

    def add_application(self, student: str, listing: dict, state: str, submitted: int, *, path=None) -> dict:
        rng = self.rng
        org = next(o for o in self.organizations if o["key"] == listing["organization"])
        user, profile = self.user_by_key[student], self.profile_by_user[student]
        path = path if path is not None else self.path_to(state)
        letter_student = dict(profile, display_name=user["display_name"], phone=user["phone"])
        events = self.timeline(path, submitted, listing, org)
        touched = bool(events)
        application = {
            "student": student, "listing": listing["key"],
            "cover_letter": cover_letter(rng, student=letter_student, listing=listing, org=org,
                                         inst_name=self.inst_name(profile["institution"]),
                                         category_skills=set(C.CATEGORY_SKILLS[listing["category"]])),
            "answers": self.answers_for(listing, student),
            "resume_path": profile["resume_path"], "submitted_days_ago": submitted,
            "rating": rng.randint(1, 5) if touched and rng.random() < 0.6 else None,
            "notes": rng.choice(C.EMPLOYER_NOTES) if touched and rng.random() < 0.35 else None,
            "timeline": events,
        }
        self.applications.append(application)
        return application

    def build_applications(self) -> None:
        rng = self.rng
        self.applied: set[tuple[str, str]] = set()
        self.per_day: Counter = Counter()
        self.per_student: Counter = Counter()
        self.accepted: Counter = Counter()
        self.per_listing: Counter = Counter()
        by_key = {x["key"]: x for x in self.listings}

        def record(student, listing, submitted, state):
            self.applied.add((student, listing["key"]))
            self.per_day[(student, submitted)] += 1
            self.per_student[student] += 1
            self.per_listing[listing["key"]] += 1
            if state == "accepted":
                self.accepted[listing["key"]] += 1

        # The demo student: one application in each interesting state.
        demo = "student-demo"
        open_tech = [x for x in self.listings if x["status"] == "published" and x["deadline_in_days"] > 0
                     and x["organization"] != DEMO_ORG and x["published_days_ago"] >= 12
                     and x["category"] in ("technology", "research") and self.can_apply(demo, x)]
        closed_tech = [x for x in self.listings if x["status"] == "closed" and x["category"] == "technology"
                       and self.can_apply(demo, x)]
        picks = rng.sample(open_tech, k=6)
        plan = [(by_key[TRIAGE_LISTING], "interview_scheduled", ["reviewed", "shortlisted", "interview_scheduled"], 20),
                (picks[0], "offered", ["reviewed", "shortlisted", "interview_scheduled", "offered"], 11),
                (picks[1], "pending", [], 2), (picks[2], "pending", [], 0),
                (picks[3], "reviewed", ["reviewed"], 6), (picks[4], "shortlisted", ["reviewed", "shortlisted"], 9),
                (picks[5], "withdrawn", ["withdrawn"], 8),
                (closed_tech[0], "rejected", ["reviewed", "rejected"], None),
                (closed_tech[1], "declined", ["reviewed", "shortlisted", "interview_scheduled", "offered", "declined"], None)]
        for listing, state, path, submitted in plan:
            low, high = self.submission_window(listing)
            submitted = min(high, max(low, submitted if submitted is not None else high - 3))
            self.add_application(demo, listing, state, submitted, path=path)
            record(demo, listing, submitted, state)

        # The triage listing: every stage represented, 45 applicants.
        triage = by_key[TRIAGE_LISTING]
        stage_counts = {"pending": 10, "reviewed": 7, "shortlisted": 6, "interview_scheduled": 5, "offered": 3,
                        "accepted": 2, "declined": 2, "rejected": 6, "withdrawn": 3}
        eligible = [u["key"] for u in self.users if u["role"] == "student" and u["key"] != demo
                    and self.can_apply(u["key"], triage)]
        pool = rng.sample(eligible, k=sum(stage_counts.values()))
        for state, count in stage_counts.items():
            for _ in range(count):
                self.apply_random(pool.pop(), triage, state, record)

        # Everyone else.
        students = [u["key"] for u in self.users if u["role"] == "student" and u["key"] != demo]
        for listing in self.listings:
            if listing["status"] not in ("published", "closed") or listing["key"] == TRIAGE_LISTING:
                continue
            expired = listing["deadline_in_days"] < 0
            if listing["status"] == "closed":
                target = rng.randint(3, 10)
            elif expired:
                target = rng.randint(2, 7)
            else:
                target = rng.choices([0, 1, 2, 3, 4, 5, 6, 8, 11], [10, 12, 14, 14, 12, 10, 8, 6, 4])[0]
            candidates = [s for s in students if (s, listing["key"]) not in self.applied and self.per_student[s] < 14
                          and self.can_apply(s, listing)]
            for student in rng.sample(candidates, k=min(target, len(candidates))):
                if self.per_listing[listing["key"]] >= listing["capacity"]:
                    break
                self.apply_random(student, listing, self.random_state(listing), record)

    def random_state(self, listing: dict) -> str:
        if listing["status"] == "closed":
            weights = [0, 0, 0, 0, 0, 15, 8, 60, 12]
        elif listing["deadline_in_days"] < 0:
            weights = [5, 10, 15, 15, 10, 10, 5, 20, 10]
        else:
            weights = [30, 18, 14, 10, 5, 3, 2, 12, 6]
        return self.rng.choices(STATES, weights)[0]

    def apply_random(self, student: str, listing: dict, state: str, record) -> None:
        rng = self.rng
        if state == "accepted" and self.accepted[listing["key"]] >= listing["positions"]:
            state = "rejected"
        path = self.path_to(state)
        if state == "rejected" and listing["status"] == "closed" and rng.random() < 0.3:
            path = ["rejected"]
        low, high = self.submission_window(listing)
        low = max(low, self.days_needed(path))
        if low > high:
            state, path, low = "pending", [], self.submission_window(listing)[0]
        for _ in range(20):
            submitted = rng.randint(low, high)
            if self.per_day[(student, submitted)] < 5:
                break
        else:
            return
        self.add_application(student, listing, state, submitted, path=path)
        record(student, listing, submitted, state)

    # MARK: Saved listings and searches

    def build_saved(self) -> None:
        rng = self.rng
        visible = [x for x in self.listings if x["status"] in ("published", "closed")]
        open_listings = [x for x in visible if x["status"] == "published" and x["deadline_in_days"] > 0]
        demo_saves = [x for x in open_listings if self.can_apply("student-demo", x)
                      and ("student-demo", x["key"]) not in self.applied]
        soon = [x for x in demo_saves if x["deadline_in_days"] <= 3][:1]
        for listing in soon + rng.sample([x for x in demo_saves if x not in soon], k=5):
            self.saved_listings.append({"student": "student-demo", "listing": listing["key"],
                                        "days_ago": rng.randint(0, listing["published_days_ago"])})
        self.saved_searches += [
            {"student": "student-demo", "name": "Remote data internships", "query": "data remote:yes", "days_ago": 21},
            {"student": "student-demo", "name": "Paid tech in Nairobi",
             "query": "category:technology location:nairobi stipend>=20000", "days_ago": 9},
        ]
        students = [p["user"] for p in self.profiles if p["user"] != "student-demo"
                    and completion(self.user_by_key[p["user"]], p) >= 40]
        for student in students:
            for listing in rng.sample(visible, k=rng.choice([0, 0, 1, 2, 3, 4])):
                self.saved_listings.append({"student": student, "listing": listing["key"],
                                            "days_ago": rng.randint(0, listing["published_days_ago"])})
        for student in rng.sample(students, k=30):
            for name, query in rng.sample(C.SAVED_SEARCHES, k=rng.randint(1, 2)):
                self.saved_searches.append({"student": student, "name": name, "query": query,
                                            "days_ago": rng.randint(0, 120)})

    # MARK: Notifications

    def notify(self, user: str, kind: str, title: str, body: str, days_ago: int, *,
               window: int = NOTIFICATION_WINDOW_DAYS) -> None:
        if days_ago > window:
            return
        read = self.rng.random() < (0.95 if days_ago > 3 else 0.3)
        self.notifications.append({"user": user, "kind": kind, "title": title, "body": body,
                                   "days_ago": days_ago, "read": read})

    def notify_application(self, app: dict, listing: dict, orgs: dict, *,
                           window: int = NOTIFICATION_WINDOW_DAYS) -> None:
        """What one application and its timeline told the student and the employer (within `window` days)."""
        org = orgs[listing["organization"]]
        student = app["student"]
        name = self.user_by_key[student]["display_name"]
        title = listing["title"]
        submitted = app["submitted_days_ago"]
        self.notify(student, "application_submitted", "Application sent",
                    f"Your application for “{title}” at {org['name']} was submitted.", submitted, window=window)
        self.notify(listing["created_by"], "new_applicant", "New applicant",
                    f"{name} applied for “{title}”.", submitted, window=window)
        for event in app["timeline"]:
            to, day = event["to"], event["days_ago"]
            if to == "interview_scheduled":
                self.notify(student, "interview_scheduled", "Interview scheduled",
                            f"{org['name']} invited you to an interview for “{title}” "
                            f"({event['interview_place']}).", day, window=window)
            elif to == "offered":
                self.notify(student, "offer_made", "You have an offer",
                            f"{org['name']} offered you the “{title}” internship. Accept or decline before the "
                            f"offer expires.", day, window=window)
            elif to in ("accepted", "declined"):
                self.notify(listing["created_by"], "offer_answered", f"Offer {to}",
                            f"{name} {to} your offer for “{title}”.", day, window=window)
            elif to == "withdrawn":
                self.notify(listing["created_by"], "application_withdrawn", "Application withdrawn",
                            f"{name} withdrew their application for “{title}”.", day, window=window)
            else:
                label = {"reviewed": "was reviewed", "shortlisted": "was shortlisted",
                         "rejected": "was not successful"}[to]
                self.notify(student, "status_changed", "Application update",
                            f"Your application for “{title}” at {org['name']} {label}.", day, window=window)

    def build_notifications(self) -> None:
        rng = self.rng
        listings = {x["key"]: x for x in self.listings}
        orgs = {o["key"]: o for o in self.organizations}
        for listing in self.listings:
            employer = listing["created_by"]
            if listing["published_days_ago"] is not None:
                verifier = "the institution" if listing["visibility"] == "institution_only" else "Edulink"
                self.notify(employer, "listing_verified", "Listing published",
                            f"“{listing['title']}” was verified by {verifier} and is now visible to students.",
                            listing["published_days_ago"])
            elif listing["status"] == "draft" and rng.random() < 0.5:
                self.notify(employer, "listing_sent_back", "Listing sent back",
                            f"“{listing['title']}” needs changes before it can be published: "
                            + rng.choice(["please state the stipend or say that the placement is unpaid.",
                                          "the start date must come after the application deadline.",
                                          "please describe the intern's day-to-day responsibilities."]),
                            rng.randint(0, listing["created_days_ago"]))
        for app in self.applications:
            self.notify_application(app, listings[app["listing"]], orgs)
        # Deadline reminders of saved listings and new-match alerts of saved searches are not made up
        # here: the seeding runs the scheduled jobs once, as of its own time, and they send them.
        for user in rng.sample([u for u in self.users if u["role"] == "student" and u["key"] != "student-demo"], k=2):
            self.notify(user["key"], "account_locked", "Account locked",
                        "Your account was locked for 15 minutes after 5 failed sign-in attempts. If this was not "
                        "you, change your password.", rng.randint(1, 30))

    # MARK: Coherence

    def settle_user_dates(self) -> None:
        """Accounts exist before anything their owners did."""
        activity: dict[str, int] = defaultdict(int)
        for listing in self.listings:
            activity[listing["created_by"]] = max(activity[listing["created_by"]], listing["created_days_ago"])
        for app in self.applications:
            activity[app["student"]] = max(activity[app["student"]], app["submitted_days_ago"])
        for item in self.saved_listings + self.saved_searches:
            activity[item["student"]] = max(activity[item["student"]], item["days_ago"])
        for note in self.notifications:
            activity[note["user"]] = max(activity[note["user"]], note["days_ago"])
        for user in self.users:
            user["created_days_ago"] = max(user["created_days_ago"], activity[user["key"]] + 1)
            if user["last_login_days_ago"] is not None:
                user["last_login_days_ago"] = min(user["last_login_days_ago"], user["created_days_ago"])
        for key in ("student-demo", "employer-demo", "admin-demo"):
            self.user_by_key[key]["last_login_days_ago"] = 1
        # Demo student: a few notifications stay unread so the badge shows.
        for note in self.notifications:
            if note["user"] == "student-demo" and note["days_ago"] <= 6:
                note["read"] = False

    def build(self) -> dict:
        self.build_institutions()
        self.build_organizations()
        self.build_staff()
        self.build_students()
        self.build_listings()
        self.build_applications()
        self.build_saved()
        self.build_notifications()
        self.build_institution_review()
        self.settle_user_dates()
        self.notifications.sort(key=lambda n: (n["user"], -n["days_ago"]))
        responsibilities = {listing["key"]: listing.pop("_responsibilities") for listing in self.listings}
        data = {
            "schema_version": 1,
            "institutions": self.institutions,
            "organizations": self.organizations,
            "users": self.users,
            "student_profiles": self.profiles,
            "listings": self.listings,
            "applications": self.applications,
            "notifications": self.notifications,
            "saved_listings": self.saved_listings,
            "saved_searches": self.saved_searches,
        }
        settle_placements(data)  # draws no random numbers: nothing generated above moves
        add_uon_cohort(self, data, responsibilities)  # its own random numbers, appended: nothing above moves
        return data


# MARK: - Validation

REGISTRATION = re.compile(r"^[A-Z0-9/-]{3,20}$")
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def validate(data: dict) -> None:
    """Every promise of the dataset, checked against DOMAIN.md. Raises AssertionError on the first breach."""
    def check(condition, message):
        if not condition:
            raise AssertionError(message)

    def text_ok(value):
        return value is None or not CONTROL.search(value)

    insts = {i["key"]: i for i in data["institutions"]}
    orgs = {o["key"]: o for o in data["organizations"]}
    users = {u["key"]: u for u in data["users"]}
    listings = {x["key"]: x for x in data["listings"]}
    profiles = {p["user"]: p for p in data["student_profiles"]}
    check(len(insts) == len(data["institutions"]) >= 12, "institutions: at least 12, unique keys")
    check(len({i["name"] for i in insts.values()}) == len(insts), "institution names unique")
    check({i["type"] for i in insts.values()} == {"university", "college", "polytechnic", "tvet", "institute"},
          "every institution type")
    check(len(orgs) == len(data["organizations"]) >= 40, "organizations: at least 40, unique keys")
    check(any(not o["verified"] for o in orgs.values()), "some unverified organizations")
    for o in orgs.values():
        check(100 <= len(o["description"]) <= 2000, f"{o['key']}: description length")
        check(o["size"] in ("1-10", "11-50", "51-200", "201-500", "501-1000", "1000+"), o["key"])
        check(o["website"].startswith("https://") and o["website"].endswith((".example", ".test")), o["key"])

    emails = [u["email"] for u in users.values()]
    check(len(set(emails)) == len(emails) == len(data["users"]), "emails and user keys unique")
    check(all(e == e.lower().strip() and "@" in e for e in emails), "emails lowercase")
    for demo in (DEMO_STUDENT, DEMO_EMPLOYER, "admin@edulink.demo", "institution@edulink.demo",
                 "supervisor@edulink.demo"):
        check(demo in emails, f"demo account {demo}")
    for u in users.values():
        check(u["role"] in ("student", "employer", "institution_admin", "supervisor", "admin"), u["key"])
        check(u["organization"] is None or u["organization"] in orgs, f"{u['key']}: organization")
        check(u["institution"] is None or u["institution"] in insts, f"{u['key']}: institution")
        check(u["last_login_days_ago"] is None or 0 <= u["last_login_days_ago"] <= u["created_days_ago"], u["key"])
        check(u["phone"] is None or re.fullmatch(r"\+\d{9,14}", u["phone"]), f"{u['key']}: phone")
        if u["role"] == "employer":
            check(u["organization"] is not None, f"{u['key']}: employer without organization")
    employers_by_org = Counter(u["organization"] for u in users.values() if u["role"] == "employer")
    check(all(employers_by_org[k] == 1 for k in orgs), "one employer per organization")

    check(set(profiles) == {k for k, u in users.items() if u["role"] == "student"}, "a profile per student")
    check(len(profiles) >= 400, "at least 400 students")
    seen_reg = set()
    for p in profiles.values():
        u = users[p["user"]]
        check(p["institution"] == u["institution"], f"{p['user']}: institution matches user")
        if p["registration_number"] is not None:
            check(REGISTRATION.match(p["registration_number"]), f"{p['user']}: registration number")
            check(p["institution"] is not None, f"{p['user']}: registration number without institution")
            check((p["institution"], p["registration_number"]) not in seen_reg, "registration number unique")
            seen_reg.add((p["institution"], p["registration_number"]))
        check(p["year_of_study"] is None or 1 <= p["year_of_study"] <= 6, p["user"])
        check(len(p["skills"]) <= 20 and all(2 <= len(s) <= 50 for s in p["skills"]), f"{p['user']}: skills")
        check(len(set(p["skills"])) == len(p["skills"]), f"{p['user']}: duplicate skills")
        check(len(p["interests"]) <= 15, f"{p['user']}: interests")
        check(p["bio"] is None or len(p["bio"]) <= 2000, f"{p['user']}: bio")
    completions = [completion(users[k], p) for k, p in profiles.items()]
    check(min(completions) <= 30 and max(completions) == 100, "completion spread")
    demo_key = next(k for k, u in users.items() if u["email"] == DEMO_STUDENT)
    check(completion(users[demo_key], profiles[demo_key]) >= 90, "demo student profile complete")

    combos = set()
    for x in listings.values():
        k = x["key"]
        check(x["organization"] in orgs, f"{k}: organization")
        creator = users[x["created_by"]]
        check(creator["role"] == "employer" and creator["organization"] == x["organization"], f"{k}: creator")
        check(10 <= len(x["title"]) <= 200 and x["title"] != x["title"].upper(), f"{k}: title")
        check(300 <= len(x["description"]) <= 2500, f"{k}: description length")
        check(all(text_ok(x[f]) for f in ("title", "description", "location")), f"{k}: control characters")
        check(2 <= len(x["location"]) <= 200, f"{k}: location")
        check(x["category"] in CATEGORIES and x["experience_level"] in LEVELS
              and x["location_type"] in LOCATION_TYPES, f"{k}: enums")
        combos.add((x["category"], x["experience_level"], x["location_type"]))
        check((x["stipend"] is None) == (x["currency"] is None), f"{k}: stipend and currency together")
        check(x["stipend"] is None or 0 <= x["stipend"] <= 1_000_000, f"{k}: stipend range")
        check(x["deadline_in_days"] <= 730, f"{k}: deadline within two years")
        check(x["start_in_days"] > x["deadline_in_days"], f"{k}: start after deadline")
        check(x["end_in_days"] > x["start_in_days"], f"{k}: end after start")
        check(1 <= x["duration_weeks"] <= 52, f"{k}: duration")
        check(abs((x["end_in_days"] - x["start_in_days"]) / 7 - x["duration_weeks"]) <= 1, f"{k}: duration vs dates")
        skills = x["required_skills"] + x["preferred_skills"]
        check(len(skills) <= 20 and len(set(skills)) == len(skills), f"{k}: skills")
        check(all(2 <= len(s) <= 50 for s in skills), f"{k}: skill length")
        check(all(1 <= y <= 6 for y in x["eligible_years"]), f"{k}: years")
        check(1 <= x["positions"] <= x["capacity"], f"{k}: positions and capacity")
        check((x["visibility"] == "institution_only") == (x["institution"] is not None), f"{k}: visibility")
        check(x["institution"] is None or x["institution"] in insts, f"{k}: institution")
        for q in x["screening_questions"]:
            check(q["kind"] in ("text", "long_text", "yes_no", "choice"), f"{k}: question kind")
            check((q["kind"] == "choice") == bool(q["choices"]), f"{k}: choices")
        check(x["status"] in ("draft", "pending_review", "published", "closed"), f"{k}: status")
        published = x["published_days_ago"]
        check((published is None) == (x["status"] in ("draft", "pending_review")), f"{k}: published date")
        check(x["created_days_ago"] <= creator["created_days_ago"], f"{k}: created before its creator")
        if published is not None:
            check(0 <= published <= x["created_days_ago"], f"{k}: published after created")
            check(orgs[x["organization"]]["verified"], f"{k}: only verified employers publish")
            check(-x["deadline_in_days"] < published, f"{k}: deadline after publication")
        else:
            check(x["deadline_in_days"] > 0, f"{k}: unpublished listing with past deadline")
        if x["status"] == "closed":
            check(x["deadline_in_days"] < 0, f"{k}: closed listing with an open deadline")
    check(len(listings) == len(data["listings"]) >= 300, "at least 300 listings")
    check(len(combos) == len(CATEGORIES) * len(LEVELS) * len(LOCATION_TYPES), "every category x level x type")

    per_listing, accepted, per_day, per_month = Counter(), Counter(), Counter(), Counter()
    pairs = set()
    states = Counter()
    for a in data["applications"]:
        x, student = listings[a["listing"]], users[a["student"]]
        where = f"{a['student']} -> {a['listing']}"
        check(student["role"] == "student", where)
        check((a["student"], a["listing"]) not in pairs, f"{where}: duplicate")
        pairs.add((a["student"], a["listing"]))
        check(x["status"] in ("published", "closed"), f"{where}: listing not open to applications")
        profile = profiles[a["student"]]
        check(completion(student, profile) >= COMPLETION_TO_APPLY, f"{where}: profile below 70 %")
        if x["visibility"] == "institution_only":
            check(profile["institution"] == x["institution"], f"{where}: not eligible (institution)")
        check(not x["eligible_years"] or profile["year_of_study"] in x["eligible_years"], f"{where}: year")
        check(not x["eligible_courses"] or profile["course"] in x["eligible_courses"], f"{where}: course")
        submitted = a["submitted_days_ago"]
        check(0 <= submitted <= x["published_days_ago"], f"{where}: submitted before publication")
        check(x["deadline_in_days"] > 0 or submitted > -x["deadline_in_days"], f"{where}: submitted after deadline")
        check(submitted <= student["created_days_ago"], f"{where}: before the account existed")
        check(100 <= len(a["cover_letter"]) <= 5000 and text_ok(a["cover_letter"]), f"{where}: cover letter")
        check(len(a["answers"]) == len(x["screening_questions"]), f"{where}: answer count")
        for q, answer in zip(x["screening_questions"], a["answers"]):
            check(answer or not q["required"], f"{where}: required question unanswered")
            check(q["kind"] != "choice" or not answer or answer in q["choices"], f"{where}: choice answer")
            check(q["kind"] != "yes_no" or answer in ("", "Yes", "No"), f"{where}: yes/no answer")
        check(a["rating"] is None or 1 <= a["rating"] <= 5, f"{where}: rating")
        state, day = "pending", submitted
        for i, e in enumerate(a["timeline"]):
            check(e["to"] in TRANSITIONS.get(state, set()), f"{where}: {state} -> {e['to']}")
            check(0 <= e["days_ago"] <= day, f"{where}: timeline goes back in time")
            check((e["to"] == "rejected") == (e["reason"] is not None), f"{where}: rejection reason")
            check(e["reason"] in (None, "not_qualified", "position_filled", "not_eligible", "other"), where)
            is_interview = e["to"] == "interview_scheduled"
            check(is_interview == (e["interview_in_days"] is not None) == (e["interview_place"] is not None),
                  f"{where}: interview fields")
            if is_interview:
                check(-e["days_ago"] < e["interview_in_days"] <= 180 - e["days_ago"], f"{where}: interview time")
                if i == len(a["timeline"]) - 1:
                    check(e["interview_in_days"] > 0, f"{where}: current interview in the past")
            check((e["to"] == "offered") == (e["offer_expires_in_days"] is not None), f"{where}: offer expiry")
            if e["to"] == "offered":
                check(e["offer_expires_in_days"] > -e["days_ago"], f"{where}: offer expired when made")
                if i + 1 < len(a["timeline"]):
                    check(e["offer_expires_in_days"] >= -a["timeline"][i + 1]["days_ago"], f"{where}: answered late")
                else:
                    check(e["offer_expires_in_days"] > 0, f"{where}: open offer already expired")
            state, day = e["to"], e["days_ago"]
        states[state] += 1
        if state == "accepted":
            accepted[a["listing"]] += 1
        per_listing[a["listing"]] += 1
        per_day[(a["student"], submitted)] += 1
        per_month[(a["student"], submitted // 30)] += 1
    check(set(states) == set(STATES), f"every application state: {sorted(states)}")
    check(len(data["applications"]) >= 1000, "at least 1000 applications")
    check(all(per_listing[k] <= listings[k]["capacity"] for k in per_listing), "capacity")
    check(all(accepted[k] <= listings[k]["positions"] for k in accepted), "accepted within positions")
    check(max(per_day.values()) <= 5, "at most 5 applications per student per day")
    check(max(per_month.values()) <= 50, "at most 50 applications per student per month")

    for n in data["notifications"]:
        check(n["user"] in users and 0 <= n["days_ago"] <= users[n["user"]]["created_days_ago"], "notification user")
        check(n["title"] and n["body"], "notification text")
    for s in data["saved_listings"]:
        x = listings[s["listing"]]
        check(x["status"] in ("published", "closed") and 0 <= s["days_ago"] <= x["published_days_ago"], "saved listing")
        check(s["days_ago"] <= users[s["student"]]["created_days_ago"], "saved before the account existed")
    check(len({(s["student"], s["listing"]) for s in data["saved_listings"]}) == len(data["saved_listings"]),
          "saved listings unique")
    for s in data["saved_searches"]:
        check(users[s["student"]]["role"] == "student" and s["name"] and s["query"], "saved search")

    # Promises about the demo accounts.
    demo_apps = [a for a in data["applications"] if a["student"] == demo_key]
    demo_states = Counter(a["timeline"][-1]["to"] if a["timeline"] else "pending" for a in demo_apps)
    for state in ("offered", "interview_scheduled", "pending", "rejected"):
        check(demo_states[state] >= 1, f"demo student has a {state} application")
    check(sum(1 for s in data["saved_searches"] if s["student"] == demo_key) >= 2, "demo saved searches")
    check(any(s["student"] == demo_key for s in data["saved_listings"]), "demo saved listings")
    check(any(n["user"] == demo_key and not n["read"] for n in data["notifications"]), "demo unread notifications")
    applied = {a["listing"] for a in demo_apps}
    open_for_demo = [x for x in listings.values() if x["status"] == "published" and x["deadline_in_days"] > 0
                     and x["key"] not in applied and per_listing[x["key"]] < x["capacity"]
                     and (x["visibility"] == "public" or x["institution"] == profiles[demo_key]["institution"])
                     and (not x["eligible_years"] or profiles[demo_key]["year_of_study"] in x["eligible_years"])
                     and (not x["eligible_courses"] or profiles[demo_key]["course"] in x["eligible_courses"])]
    check(len(open_for_demo) >= 5, "open listings the demo student can still apply to")
    employer = next(u for u in users.values() if u["email"] == DEMO_EMPLOYER)
    own = [x for x in listings.values() if x["organization"] == employer["organization"]]
    check(orgs[employer["organization"]]["verified"] and len(own) >= 8, "demo employer listings")
    check({x["status"] for x in own} == {"draft", "pending_review", "published", "closed"}, "demo listing statuses")
    triage_states = {a["timeline"][-1]["to"] if a["timeline"] else "pending"
                     for a in data["applications"] if a["listing"] == TRIAGE_LISTING}
    check(per_listing[TRIAGE_LISTING] >= 40 and triage_states == set(STATES), "triage listing")

    # The demo institution: a few hundred students across courses and years, placements of every kind.
    office = next(u for u in users.values() if u["email"] == "institution@edulink.demo")
    campus = office["institution"]
    own = [p for p in profiles.values() if p["institution"] == campus]
    check(len(own) >= 250, "demo institution: at least 250 students")
    check(len({p["course"] for p in own if p["course"]}) >= 6, "demo institution: at least 6 courses")
    check({1, 2, 3, 4} <= {p["year_of_study"] for p in own}, "demo institution: years 1 to 4")
    placed = [listings[a["listing"]] for a in data["applications"] if a["timeline"]
              and a["timeline"][-1]["to"] == "accepted" and profiles[a["student"]]["institution"] == campus]
    check(any(x["start_in_days"] > 0 for x in placed), "demo institution: an upcoming placement")
    check(sum(x["start_in_days"] <= 0 < x["end_in_days"] for x in placed) >= 3, "demo institution: active placements")
    check(sum(x["end_in_days"] <= 0 for x in placed) >= 5, "demo institution: completed placements")


def summarize(data: dict) -> str:
    listings = data["listings"]
    apps = data["applications"]
    final = Counter(a["timeline"][-1]["to"] if a["timeline"] else "pending" for a in apps)
    status = Counter(x["status"] for x in listings)
    expired = sum(1 for x in listings if x["status"] == "published" and x["deadline_in_days"] < 0)
    unpaid = sum(1 for x in listings if x["stipend"] is None)
    currency = Counter(x["currency"] for x in listings if x["currency"])
    roles = Counter(u["role"] for u in data["users"])
    lines = [
        f"institutions        {len(data['institutions'])}",
        f"organizations       {len(data['organizations'])} ({sum(not o['verified'] for o in data['organizations'])} unverified)",
        f"users               {len(data['users'])} " + ", ".join(f"{r} {n}" for r, n in sorted(roles.items())),
        f"listings            {len(listings)} " + ", ".join(f"{s} {n}" for s, n in sorted(status.items()))
        + f"; published past deadline {expired}",
        f"  paid/unpaid       KES {currency['KES']}, USD {currency['USD']}, unpaid {unpaid} ({unpaid * 100 // len(listings)} %)",
        f"  with questions    {sum(1 for x in listings if x['screening_questions'])}, featured "
        f"{sum(x['featured'] for x in listings)}, institution only {sum(x['visibility'] == 'institution_only' for x in listings)}",
        f"applications        {len(apps)} " + ", ".join(f"{s} {final[s]}" for s in STATES),
        f"notifications       {len(data['notifications'])} ({sum(not n['read'] for n in data['notifications'])} unread)",
        f"saved listings      {len(data['saved_listings'])}",
        f"saved searches      {len(data['saved_searches'])}",
    ]
    return "\n".join(lines)


def main() -> int:
    data = Builder().build()
    validate(data)
    text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    if "--check" in sys.argv:
        if OUT.read_text(encoding="utf-8") != text:
            print("data/demo-dataset.json is stale: run scripts/demo-data/generate.py", file=sys.stderr)
            return 1
        print("data/demo-dataset.json is up to date")
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(summarize(data))
    print(f"wrote {OUT.relative_to(ROOT)} ({len(text.encode()) // 1024} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
