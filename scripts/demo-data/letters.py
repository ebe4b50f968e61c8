"""Cover letters for the demo dataset: personal, specific to the listing, varied in shape."""

EXPERIENCE = {
    "technology": [
        "For my third-year project I built a small {skill1} service that tracks matatu fares, and I learned how much care input validation and tests need.",
        "Last holiday I volunteered to rebuild our church's registration system with {skill1} and {skill2}; it now handles more than 800 members.",
        "I am a member of the campus developer club, where I maintain an open-source timetable app used by about 2,000 students.",
        "During my attachment at a county ICT office I wrote scripts in {skill1} that cleaned up duplicated records in the revenue system.",
        "I completed an online course in {skill2} and used it to analyse prices from our local market, which taught me to distrust clean-looking data.",
    ],
    "finance": [
        "As treasurer of our students' finance association I kept the books for a budget of KES 1.2 million and presented accounts at every general meeting.",
        "During my last attachment at a sacco I reconciled member deposits each week using {skill1}, and I found two posting errors that had gone unnoticed for months.",
        "I built a {skill1} model for my family's poultry business that showed which customers pay late, and we changed our credit terms as a result.",
        "I am preparing for CPA Section 3 and enjoy applying what I learn in {skill2} to real statements.",
    ],
    "marketing": [
        "I run the social media pages for our university's drama club and grew our Instagram following from 600 to 4,500 in one year.",
        "Last year I helped a local juice brand plan a campus activation; we tracked sign-ups with QR codes and doubled their trial sales that month.",
        "I write a weekly blog about affordable fashion in Nairobi, which taught me to write headlines people actually click.",
        "I completed a certificate in {skill1} and used it to run a small paid campaign for a friend's bakery in Thika.",
    ],
    "healthcare": [
        "During my clinical rotation at a county referral hospital I supported triage and patient records in the outpatient department.",
        "I volunteered at a medical camp in Turkana where I helped register 600 patients and record vital signs.",
        "My course has given me practical training in {skill1} and {skill2}, and I enjoy explaining health information in plain Kiswahili.",
        "As a peer educator on campus I ran sessions on mental health and referred classmates to the counselling office.",
    ],
    "education": [
        "I tutor Form Three students in mathematics every Saturday and have seen their mean grade rise over two terms.",
        "During teaching practice I planned CBC lessons for Grade 6 and learned how much group work changes the energy of a class.",
        "I volunteer with a reading club in Kibera where I help children who struggle with Kiswahili and English reading.",
        "I designed a short {skill1} course for my classmates, which taught me to break big topics into small, testable steps.",
    ],
    "engineering": [
        "On my last attachment with a road contractor I assisted with setting out, levelling and the daily site diary.",
        "My final-year project is a solar-powered irrigation pump for smallholder farms, sized with {skill1} and tested on our campus farm.",
        "I produced drawings in {skill1} for a two-storey classroom block as part of a group design project that won the department prize.",
        "I am a member of the university's Formula Student team, where I work on the chassis and learned to respect tolerances.",
    ],
    "design": [
        "I redesigned the mobile app for our student welfare office in {skill1}, and tested it with twelve classmates before handing it over.",
        "My portfolio includes a brand identity for a women's savings group in Machakos, from logo to printed passbooks.",
        "I freelance designing posters and social graphics for events on campus, which has taught me to work fast and take feedback calmly.",
        "I completed a usability study of a bus-booking website and presented the findings to the company's product manager.",
    ],
    "research": [
        "I worked as an enumerator for a household survey in Kilifi, collecting data in {skill1} and checking it every evening.",
        "My dissertation analyses maize prices across eight counties using {skill2}, and I have presented early results at a departmental seminar.",
        "I assisted a lecturer with a literature review on climate adaptation, summarising more than 60 papers.",
        "I enjoy the slow work of cleaning data and documenting every step so someone else can repeat it.",
    ],
    "business": [
        "I started a small printing business on campus that now serves three student associations, and I handle the pricing, orders and deliveries.",
        "During my attachment at a distribution company I mapped the order-to-delivery process and suggested a change that cut delays by a day.",
        "As events coordinator for our business club I organised a pitch competition with 40 teams and six sponsors.",
        "I am comfortable with {skill1} and {skill2}, and I like turning a messy spreadsheet into a clear weekly report.",
    ],
    "legal": [
        "I volunteer at our faculty's legal aid clinic, where I interview clients and draft first versions of demand letters.",
        "My moot court team reached the national semi-finals, arguing a case on data protection and digital identity.",
        "During my last attachment at a law firm I carried out research on employment disputes and drafted case summaries for the advocates.",
        "I am particularly interested in {skill1}, and I have written a research paper on the subject for my third-year seminar.",
    ],
    "media": [
        "I report for our campus newspaper and produced a series on student housing that was picked up by a national radio station.",
        "I shoot and edit short documentaries with {skill1}; one of them on Lake Victoria fishermen was screened at a student festival.",
        "I co-host a weekly podcast on youth and politics that has run for 40 episodes.",
        "During my attachment at a county radio station I wrote news bulletins in English and Kiswahili.",
    ],
    "other": [
        "I have volunteered with a youth group in my home county for three years, organising tree planting and clean-up days.",
        "As a class representative I coordinated between 120 students and the department, which taught me patience and clear communication.",
        "I helped a community-based organisation write a small grant proposal that brought in funds for a water tank.",
        "I enjoy practical work with people and I am comfortable with {skill1} and basic reporting.",
    ],
}

OPENINGS = [
    "Dear Hiring Team at {org},\n\nI am writing to apply for the {title} internship. I am a {year_word}-year {course} student at {inst}, and {hook}",
    "Dear {org} team,\n\nWhen I read the posting for {title}, I knew I wanted to apply. {hook_cap}",
    "Hello,\n\nMy name is {name}, a {year_word}-year {course} student at {inst}. I would like to be considered for the {title} position at {org}, because {hook}",
    "Dear Recruiter,\n\nPlease accept my application for {title}. {hook_cap} I am currently in my {year_word} year of {course} at {inst}.",
    "Dear Sir or Madam,\n\nI am applying for the {title} role at {org}. {hook_cap}",
]

HOOKS = [
    "your work on {topic} is exactly the kind of problem I want to spend my career on.",
    "I have followed {org}'s work in {industry} since my first year.",
    "a friend who interned with you last year told me how much she learned there.",
    "I use {org}'s services myself and often think about how they could be even better.",
    "I want to learn how {topic} works in practice, not only in lectures.",
    "the responsibilities in the posting match what I have been practising outside class.",
]

WHY = [
    "What draws me to {org} is the chance to work on {topic} with people who care about the details. I would bring curiosity, reliability and a habit of writing things down.",
    "I am especially interested in the part of the role about {resp}. I would like to learn it properly from your team.",
    "I would value the mentorship the posting describes, and I am ready to take on real responsibility from the first week.",
    "I know I still have a lot to learn, but I learn quickly, I ask questions early, and I finish what I start.",
    "Working in {city} would also let me understand the customers you serve much better than I can from a classroom.",
]

CLOSINGS = [
    "I am available for the full {weeks} weeks of the placement. Thank you for considering my application; I would be glad to discuss it further.\n\nKind regards,\n{name}",
    "I have attached my CV and I am happy to share references. Thank you for your time.\n\nYours faithfully,\n{name}",
    "Thank you for reading my application. I look forward to hearing from you.\n\nBest regards,\n{name}\n{phone}",
    "I can start on the dates given in the posting and commit to the full {weeks} weeks. Asante sana for your consideration.\n\nSincerely,\n{name}",
]

YEAR_WORDS = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", 6: "sixth"}


def cover_letter(rng, *, student, listing, org, inst_name, category_skills):
    """A letter in four parts: opening with a hook, experience, why this place, closing.

    The skills it mentions are the student's skills that matter for the listing's category,
    or the listing's required skills when the student lists none of those."""
    category = listing["category"]
    skills = [s for s in student["skills"] if s in category_skills] or listing["required_skills"]
    skill1 = rng.choice(skills)
    skill2 = rng.choice([s for s in skills if s != skill1] or [skill1])
    topic = listing["title"].split("—")[-1].strip() if "—" in listing["title"] else listing["title"]
    fields = dict(
        org=org["name"], title=listing["title"], name=student["display_name"],
        course=student["course"] or "degree", inst=f"the {inst_name}" if inst_name and inst_name.startswith("University") else (inst_name or "my college"),
        year_word=YEAR_WORDS.get(student["year_of_study"] or 3, "third"),
        industry=org["industry"].lower(), topic=topic.lower(), city=org["location"].split(",")[0],
        weeks=listing["duration_weeks"], phone=student["phone"] or "",
        skill1=skill1, skill2=skill2,
        resp=rng.choice(listing["_responsibilities"]).rstrip(".").lower(),
    )
    hook = rng.choice(HOOKS).format(**fields)
    fields["hook"] = hook
    fields["hook_cap"] = hook[0].upper() + hook[1:]
    parts = [rng.choice(OPENINGS).format(**fields)]
    experience = rng.sample(EXPERIENCE[category], k=2)
    parts.append(" ".join(s.format(**fields) for s in experience))
    parts.append(rng.choice(WHY).format(**fields))
    parts.append(rng.choice(CLOSINGS).format(**fields).rstrip())
    return "\n\n".join(parts)
