import EdulinkCore
import Testing

/// The table of DOMAIN.md, written out independently of the implementation.
private let allowedMoves: Set<String> = [
    "pending>reviewed by employer", "pending>shortlisted by employer", "pending>rejected by employer",
    "reviewed>shortlisted by employer", "reviewed>interview_scheduled by employer", "reviewed>rejected by employer",
    "shortlisted>interview_scheduled by employer", "shortlisted>offered by employer",
    "shortlisted>rejected by employer",
    "interview_scheduled>interview_scheduled by employer", "interview_scheduled>offered by employer",
    "interview_scheduled>rejected by employer",
    "offered>accepted by student", "offered>declined by student",
    "pending>withdrawn by student", "reviewed>withdrawn by student", "shortlisted>withdrawn by student",
    "interview_scheduled>withdrawn by student", "offered>withdrawn by student",
]

private struct Move: CustomTestStringConvertible, Sendable {
    let from: ApplicationStatus
    let to: ApplicationStatus
    let role: Role
    var key: String { "\(from.rawValue)>\(to.rawValue) by \(role.rawValue)" }
    var testDescription: String { key }
}

private let everyMove: [Move] = ApplicationStatus.allCases.flatMap { from in
    ApplicationStatus.allCases.flatMap { to in Role.allCases.map { Move(from: from, to: to, role: $0) } }
}

@Suite("Application state machine")
struct ApplicationStateMachineTests {
    @Test("every move is allowed exactly when DOMAIN.md's table allows it", arguments: everyMove)
    fileprivate func move(_ move: Move) {
        let refusal = ApplicationStateMachine.check(from: move.from, to: move.to, by: move.role)
        if allowedMoves.contains(move.key) {
            #expect(refusal == nil)
        } else {
            #expect(refusal != nil)
        }
    }

    @Test(
        "a terminal application can no longer change",
        arguments: [ApplicationStatus.accepted, .declined, .rejected, .withdrawn])
    func terminal(_ status: ApplicationStatus) {
        #expect(status.isTerminal)
        for role in Role.allCases {
            #expect(ApplicationStateMachine.targets(from: status, for: role).isEmpty)
        }
        let refusal = ApplicationStateMachine.check(from: status, to: .pending, by: .employer)
        #expect(refusal?.code == .invalidTransition)
        #expect(refusal?.message == "This application is \(status.label); it can no longer change.")
    }

    @Test("a move that belongs to the other side is refused as forbidden, naming who may make it")
    func wrongRole() {
        let studentShortlists = ApplicationStateMachine.check(from: .pending, to: .shortlisted, by: .student)
        #expect(studentShortlists?.code == .forbiddenTransition)
        #expect(studentShortlists?.message == "Only the employer can move an application to shortlisted.")
        let employerAccepts = ApplicationStateMachine.check(from: .offered, to: .accepted, by: .employer)
        #expect(employerAccepts?.code == .forbiddenTransition)
        let adminWithdraws = ApplicationStateMachine.check(from: .pending, to: .withdrawn, by: .admin)
        #expect(adminWithdraws?.code == .forbiddenTransition)
    }

    @Test("a move the table does not have is refused as invalid")
    func invalid() {
        let refusal = ApplicationStateMachine.check(from: .pending, to: .offered, by: .employer)
        #expect(refusal == Refusal(.invalidTransition, "An application cannot go from pending to offered."))
    }

    @Test("targets lists the moves of each side in table order")
    func targets() {
        #expect(
            ApplicationStateMachine.targets(from: .pending, for: .employer) == [.reviewed, .shortlisted, .rejected])
        #expect(ApplicationStateMachine.targets(from: .offered, for: .student) == [.accepted, .declined, .withdrawn])
        #expect(ApplicationStateMachine.targets(from: .offered, for: .employer).isEmpty)
    }

    @Test("open states are the ones before an offer")
    func openStates() {
        #expect(
            ApplicationStatus.allCases.filter(\.isOpen) == [.pending, .reviewed, .shortlisted, .interviewScheduled])
    }
}

@Suite("Listing lifecycle")
struct ListingLifecycleTests {
    private static let expected: [String: ListingStatus] = [
        "draft+submit by employer": .pendingReview,
        "pending_review+verify by admin": .published,
        "pending_review+verify by institution_admin": .published,
        "pending_review+send_back by admin": .draft,
        "pending_review+send_back by institution_admin": .draft,
        "draft+close by employer": .closed,
        "pending_review+close by employer": .closed,
        "published+close by employer": .closed,
    ]

    @Test("every event from every status by every role follows the lifecycle")
    func everyTransition() {
        for status in ListingStatus.allCases {
            for event in ListingEvent.allCases where event != .expire {
                for role in Role.allCases {
                    let key = "\(status.rawValue)+\(event.rawValue) by \(role.rawValue)"
                    let result = try? ListingLifecycle.transition(from: status, on: event, by: role).get()
                    #expect(result == Self.expected[key], "\(key)")
                }
            }
        }
    }

    @Test("only the system expires a listing, and only a published one")
    func expire() {
        #expect((try? ListingLifecycle.transition(from: .published, on: .expire, by: nil).get()) == .closed)
        #expect((try? ListingLifecycle.transition(from: .draft, on: .expire, by: nil).get()) == nil)
        for role in Role.allCases {
            #expect((try? ListingLifecycle.transition(from: .published, on: .expire, by: role).get()) == nil)
        }
    }

    @Test("a refused lifecycle event says why")
    func messages() {
        #expect(
            ListingLifecycle.transition(from: .draft, on: .submit, by: .student)
                == .failure(Refusal(.forbiddenTransition, "A student cannot submit a listing.")))
        #expect(
            ListingLifecycle.transition(from: .closed, on: .submit, by: .employer)
                == .failure(Refusal(.invalidTransition, "A closed listing cannot be submitted for review.")))
    }
}
