import EdulinkCore
import Foundation

/// The words of the demo placements: what interns write in their logbooks, what supervisors answer,
/// evaluation comments, and the names and titles of the supervisors the seeder creates. Placeholders:
/// `{skill}` and `{skill2}` (skills of the listing), `{org}` (the organization), `{first}` (the
/// intern's first name), `{weeks}` (the placement's length).
enum DemoPlacementTexts {
    // MARK: Logbook

    /// A week's entry: what was done (two or three sentences of the listing's category, an opening
    /// in the first week and a handover in the last), hours, skills, and sometimes a reflection.
    static func content(
        category: ListingCategory, week: Int, of weeks: Int, skills: [String], organization: String,
        random: inout DemoRandom
    ) -> LogbookContent {
        let practised = random.sample(skills, count: min(skills.count, random.int(1...3)))
        let skill = practised.first ?? "the team's tools"
        let skill2 = practised.dropFirst().first ?? skill
        func fill(_ text: String) -> String {
            text.replacingOccurrences(of: "{skill}", with: skill).replacingOccurrences(of: "{skill2}", with: skill2)
                .replacingOccurrences(of: "{org}", with: organization)
        }
        var sentences: [String] = []
        if week == 1 {
            sentences.append(random.pick(firstWeek, or: ""))
        } else if week == weeks {
            sentences.append(random.pick(lastWeek, or: ""))
        }
        let own = activities[category] ?? activities[.other] ?? []
        sentences += random.sample(own, count: week == 1 || week == weeks ? 1 : random.int(2...3))
        if random.chance(0.6) { sentences.append(random.pick(everyWeek, or: "")) }
        let activities = sentences.filter { !$0.isEmpty }.map(fill).joined(separator: " ")
        let hours = week == 1 ? random.int(240...380) : random.int(280...440)
        return LogbookContent(
            activities: activities, hours: Double(hours) / 10, skills: practised,
            learned: random.chance(0.55) ? fill(random.pick(learned, or: "")) : nil,
            challenges: random.chance(0.35) ? fill(random.pick(challenges, or: "")) : nil)
    }

    /// The same week, rewritten after the supervisor returned it: more detail on the days.
    static func revised(_ content: LogbookContent, random: inout DemoRandom) -> LogbookContent {
        var revised = content
        revised.activities += " " + random.pick(revisions, or: "")
        return revised
    }

    static let firstWeek = [
        "Induction week at {org}: I met the team, set up my laptop and accounts, and read the onboarding notes and the code of conduct.",
        "Started at {org}. My supervisor walked me through how the team plans its work, and I shadowed two colleagues to see a normal day.",
        "Orientation: safety briefing, a tour of the office, and an introduction to the tools the team uses ({skill}).",
    ]

    static let lastWeek = [
        "Handover week: I wrote up where my work stands, walked a colleague through it, and cleaned up my notes so the next intern can continue.",
        "Final week at {org}. I presented what I worked on to the team and answered questions, then finished the handover document.",
        "Wrapped up my last tasks, archived my files in the shared drive, and had an exit conversation with my supervisor about what I learned.",
    ]

    static let everyWeek = [
        "Attended the Monday planning meeting and the Friday review, and took the minutes on Friday.",
        "Had my weekly check-in with my supervisor, where we agreed on next week's priorities.",
        "Updated the team's tracker with the status of my tasks every afternoon.",
        "Spent Wednesday afternoon shadowing a senior colleague to see how they handle escalations.",
        "Sat in on a call with an external partner and wrote a short summary for the team.",
        "Kept a running list of questions and went through it with my mentor on Thursday.",
        "Documented the steps I followed this week so they can be repeated without me.",
    ]

    static let activities: [ListingCategory: [String]] = [
        .technology: [
            "Fixed two bugs from the backlog and wrote tests for both ({skill}).",
            "Paired with a developer on a new endpoint; I wrote the validation and the error messages.",
            "Reviewed three pull requests and answered review comments on my own change.",
            "Wrote queries to check data quality in the staging database and shared the results.",
            "Set up monitoring for a small service and wrote the runbook for its alerts.",
            "Refactored a slow report and measured it before and after: about four times faster ({skill}).",
            "Investigated a flagged batch of transactions and wrote up which rules fired and why ({skill2}).",
        ],
        .finance: [
            "Reconciled the week's settlements against the bank statements and flagged three mismatches.",
            "Prepared the monthly variance report in Excel and walked my supervisor through the largest items.",
            "Helped with loan file reviews: checked documents, updated the register and noted missing items.",
            "Built a small forecast of the branch's cash needs for next quarter ({skill}).",
            "Entered and checked supplier invoices and matched them to purchase orders.",
            "Drafted the notes to the management accounts (focus: {skill}).",
        ],
        .marketing: [
            "Drafted posts for next week's campaign and scheduled them after the team's review.",
            "Collected the campaign numbers into the weekly report and suggested two tests for next week.",
            "Ran a small survey of customers at the branch and summarised what they told us.",
            "Researched three competitors' pricing and messaging and presented a one-page comparison.",
            "Helped plan an activation event: venue checklist, budget sheet and invitations.",
            "Wrote a case study from a customer interview and picked the strongest quotes ({skill}).",
        ],
        .healthcare: [
            "Assisted at the outreach clinic with registration, triage queues and health talks.",
            "Updated patient records and checked that every visit had a complete entry.",
            "Supported the nutrition programme: weighed children, recorded results and referred two cases.",
            "Prepared health education material on hand washing and delivered it at two schools.",
            "Helped the laboratory team with sample logging and stock counts of reagents.",
            "Compiled the week's clinic statistics for the county report ({skill}).",
        ],
        .education: [
            "Planned and taught two lessons to a Form 2 class under my supervisor's observation.",
            "Marked the weekly quiz, recorded the results and wrote feedback for each learner.",
            "Ran the STEM club on Thursday: we built simple circuits with the kits.",
            "Prepared a revision worksheet and helped three learners who had missed classes.",
            "Sat in on lessons by two senior teachers and noted how they manage group work.",
            "Designed an assessment rubric for the term project ({skill}).",
        ],
        .engineering: [
            "Joined the site inspection and recorded progress and safety observations.",
            "Drafted two details in AutoCAD from the engineer's sketches and revised them after review.",
            "Helped take measurements for the survey and processed the data in the office.",
            "Checked quantities in the bill of materials against the drawings and listed the differences.",
            "Prepared the weekly progress report with photos and a short risk log.",
        ],
        .design: [
            "Sketched three layouts for the new onboarding screens and tested them with two users.",
            "Prepared final artwork for print and checked colours and bleed with the printer.",
            "Updated the component library and documented how each component should be used.",
            "Ran a usability session and summarised the five problems users hit most often.",
            "Redrew the icons for the merchant app so they stay clear at small sizes.",
        ],
        .research: [
            "Cleaned the survey data, documented every change, and produced the first summary tables.",
            "Wrote a literature review section with twelve sources (topic: {skill}).",
            "Transcribed and coded four interviews with the team's codebook.",
            "Designed the questionnaire for the next round and piloted it with five respondents.",
            "Ran the analysis and wrote a two-page note on the findings ({skill}).",
        ],
        .business: [
            "Mapped the order-to-delivery process and marked where orders wait longest.",
            "Counted stock at the warehouse and reconciled it with the system records.",
            "Prepared a short market analysis for a new product line ({skill}).",
            "Supported the operations manager in supplier meetings and took the action points.",
            "Updated the KPI dashboard and wrote comments on the weeks that missed target.",
        ],
        .legal: [
            "Researched case law on a contract question and wrote a memo for the associate.",
            "Drafted a board resolution and the minutes of the last meeting.",
            "Prepared the filing bundle for the registry and checked every document against the list.",
            "Reviewed a supplier agreement and listed the clauses that need negotiation.",
            "Attended court with the advocate and summarised the session for the file.",
        ],
        .media: [
            "Researched and wrote two stories for the website and revised them after the editor's notes.",
            "Recorded and edited a short video package ({skill}).",
            "Logged footage from the week's shoots and prepared the edit decision list.",
            "Helped produce the morning show: booked guests and wrote the presenter's cue cards.",
            "Proofread the weekend supplement and checked facts and names.",
        ],
        .other: [
            "Supported the programme team with field visits and wrote up the visit reports.",
            "Organised the records room and updated the filing index.",
            "Helped plan the community meeting and took the minutes.",
            "Prepared the weekly activity summary for the donor report.",
            "Answered enquiries at the front desk and logged each one in the tracker.",
        ],
    ]

    static let learned = [
        "I learned to ask for help earlier instead of losing a morning on a problem someone has seen before.",
        "Writing my steps down for others showed me the gaps in what I knew ({skill}).",
        "I learned how the team decides what to do first when everything looks urgent.",
        "Small, reviewed changes get accepted faster than one big change.",
        "{skill2} matters much more in the real work than it did in class.",
        "I learned to check my numbers twice before sending them to anyone outside the team.",
        "Listening to customers taught me more than reading the reports about them.",
    ]

    static let challenges = [
        "The internet at the office was down for two days, so I worked from notes and caught up on Thursday.",
        "I underestimated how long the data cleaning would take and had to move one task to next week.",
        "I found it hard to speak up in the planning meeting; my supervisor suggested I prepare one point in advance.",
        "The commute took longer than expected during the rains.",
        "Two tasks came in at the same time and I was not sure which came first until I asked.",
    ]

    static let revisions = [
        "Day by day: Monday and Tuesday on the main task, Wednesday on the review comments, Thursday on testing, Friday on the write-up.",
        "I have added what each task was for and how long it took, as you asked.",
        "Added the outcome of each task and the hours spent on it each day.",
    ]

    // MARK: Supervisors' words

    static let returnComments = [
        "Please describe what you did each day rather than listing meetings, and add how long the main task took.",
        "This reads like a list of tools. Tell me what you produced this week and what you would do differently.",
        "The hours do not match the attendance sheet. Please correct them and say which days you were off site.",
        "Good start, but add what came out of the work this week: a result, a number or a decision.",
        "Please add the challenges you mentioned in our check-in; the logbook should show them too.",
    ]

    static let approvalComments = [
        "Good week. The write-up is clear and complete.",
        "Well documented, thank you.",
        "Solid progress this week. Keep going.",
        "Clear and honest entry; the reflection is useful.",
        "Approved. Next week, say a little more about the results.",
    ]

    static let privateNotes = [
        "Strong intern; worth considering for the graduate programme.",
        "Needs support with time management; discussed in the check-in.",
        "Quiet in meetings but the work is careful and accurate.",
        "Asked the team lead to give more varied tasks next week.",
    ]

    static let illnessNotes = [
        "Admitted to hospital with malaria for five days; the department has the medical note.",
        "On sick leave the whole week with a doctor's note; the employer confirmed the absence.",
    ]

    static let holidayNotes = [
        "The office closed for the end-of-year holidays; no work was assigned this week.",
        "Public holidays and the office's closure left no working days this week.",
    ]

    static let terminationReason =
        "Ended early by mutual agreement: the intern had to relocate to another county for family reasons and could "
        + "not continue on site. The university was informed."

    static let correctionReason =
        "Corrected the communication score: I mixed up feedback from two presentations when I first submitted."

    // MARK: Evaluations

    /// A workplace evaluation's comment for an overall score (a low one gets the longer comment the
    /// rules ask for).
    static func evaluationComment(
        _ kind: EvaluationKind, overall: Int, first: String, skill: String, organization: String,
        random: inout DemoRandom
    ) -> String {
        let midpoint = kind == .midpoint
        let pool: [String] =
            switch (overall, midpoint) {
            case (5, true):
                [
                    "{first} has been outstanding in the first half: reliable, curious and quick to take ownership. The work on the core tasks ({skill}) is already at the level we expect from a junior colleague.",
                    "An excellent start. {first} plans the week well, asks sharp questions and delivers what was agreed, on time; colleagues at {org} already rely on the work.",
                ]
            case (5, false):
                [
                    "Outstanding from the first week to the last. {first} took ownership of real work ({skill}), and the team at {org} will miss the contribution.",
                    "{first} finished the placement at the level of a junior colleague: independent, careful and generous with help to others. Clients have praised the work.",
                ]
            case (4, true):
                [
                    "{first} is doing well. The work on the core tasks ({skill}) is careful and mostly independent; the next step is to speak up more in team meetings.",
                    "A good first half: steady progress, a positive attitude and good relations with the team at {org}. {first} should now take on a task from start to finish.",
                ]
            case (4, false):
                [
                    "{first} grew steadily and finished well: the core tasks ({skill}) were done independently and on time, and the reporting to the team improved a lot.",
                    "A good placement. {first} took a task from start to finish in the second half and presented it to the team at {org} with confidence.",
                ]
            case (3, true):
                [
                    "{first} meets expectations. The basics ({skill}) are in place, but the work still needs close review; we agreed on weekly goals to build more independence.",
                    "Satisfactory. {first} is punctual and willing; the quality of the written work varies, and we will pair {first} with a senior colleague for the coming weeks.",
                ]
            case (3, false):
                [
                    "{first} met expectations over the placement. The core tasks ({skill}) were done with support; written work improved but still needs a careful second read.",
                    "Satisfactory overall. {first} was reliable and pleasant to work with at {org}; more initiative would have made the second half stronger.",
                ]
            case (_, true):
                [
                    "{first} has struggled in the first half. Deadlines were missed twice without warning, and the work on the core tasks ({skill}) needed substantial rework. We discussed a plan with weekly goals and daily check-ins, and the academic supervisor has been informed.",
                    "Below expectations so far. {first} is capable, but attendance was irregular and tasks were left unfinished. We agreed on clear rules for reporting absences and a written plan for the next weeks; {org} will review progress every Friday.",
                ]
            case (_, false):
                [
                    "{first} did not reach the level we expected by the end of the placement. Attendance improved after the midpoint, but the core tasks ({skill}) still needed substantial rework and several deadlines were missed. We discussed this openly and shared it with the academic supervisor.",
                    "Below expectations over the placement. {first} showed goodwill and some progress in the last weeks, but the work remained incomplete and needed close supervision throughout; {org} has given written feedback on what to improve.",
                ]
            }
        let closings =
            midpoint
            ? [
                "We agreed on two goals for the second half of the placement.",
                "We will look at these goals again in the last week.",
            ]
            : overall >= 4
                ? [
                    "Thank you for the contribution over the whole placement.",
                    "We would be glad to hear from {first} after graduation.",
                ]
                : ["We went through this evaluation with {first} in the last week."]
        let text = random.pick(pool, or: pool.first ?? "") + " " + random.pick(closings, or: "")
        return text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "{first}", with: first)
            .replacingOccurrences(of: "{skill}", with: skill).replacingOccurrences(of: "{org}", with: organization)
    }

    /// The academic supervisor's assessment comment for a grade.
    static func academicComment(
        _ grade: Grade, first: String, organization: String, weeks: Int, random: inout DemoRandom
    ) -> String {
        let pool: [String] =
            switch grade {
            case .distinction:
                [
                    "An excellent attachment. {first}'s logbook over {weeks} weeks is thorough and reflective, the workplace evaluations are strong, and the site visit at {org} confirmed the quality of the work.",
                    "Distinction. {first} linked the work at {org} to the course very well, and the reflections show real growth across the {weeks} weeks.",
                ]
            case .merit:
                [
                    "A good attachment. {first}'s logbook is complete and the workplace supervisor's feedback is positive; the reflections could go deeper into what was learned.",
                    "Merit. {first} worked steadily at {org} and the evaluations agree; more analysis in the weekly entries would have lifted the grade.",
                ]
            case .pass:
                [
                    "A satisfactory attachment. {first} completed the {weeks} weeks and the logbook is complete, but entries are brief and several were late.",
                    "Pass. The workplace evaluations are adequate; {first} should build on the feedback from {org} about written work.",
                ]
            case .fail:
                [
                    "The attachment does not meet the requirements: the logbook and the workplace evaluations show too little independent work. {first} is invited to discuss a repeat attachment with the department."
                ]
            }
        return random.pick(pool, or: pool.first ?? "").replacingOccurrences(of: "{first}", with: first)
            .replacingOccurrences(of: "{org}", with: organization).replacingOccurrences(of: "{weeks}", with: "\(weeks)")
    }

    // MARK: Generated supervisors

    static let firstNames = [
        "Agnes", "Brian", "Caroline", "Dennis", "Esther", "Felix", "Gladys", "Hillary", "Irene", "James", "Lilian",
        "Martin", "Nancy", "Patrick", "Rose", "Stephen", "Teresa", "Victor", "Winnie", "Zachary",
    ]

    static let lastNames = [
        "Achieng", "Kamau", "Otieno", "Njeri", "Mutua", "Chebet", "Kiprono", "Wambua", "Omondi", "Atieno", "Mwangi",
        "Nyambura", "Kiptoo", "Auma", "Barasa", "Wairimu", "Ouma", "Jeptoo", "Karanja", "Kilonzo",
    ]

    /// A workplace supervisor's title by the category of the placement they supervise.
    static func workplaceTitle(_ category: ListingCategory) -> String {
        switch category {
        case .technology: "Engineering Manager"
        case .finance: "Finance Manager"
        case .marketing: "Marketing Manager"
        case .healthcare: "Clinical Services Coordinator"
        case .education: "Head of Teaching and Learning"
        case .engineering: "Senior Project Engineer"
        case .design: "Design Lead"
        case .research: "Senior Research Fellow"
        case .business: "Operations Manager"
        case .legal: "Senior Associate"
        case .media: "Managing Editor"
        case .other: "Programme Manager"
        }
    }

    static let academicTitles = [
        "Lecturer and Industrial Attachment Coordinator",
        "Senior Lecturer, Attachments and Career Services",
        "Lecturer, Work-Based Learning Office",
        "Attachment Liaison Lecturer",
    ]
}
