/// Everything a signed-in user can ask the service to do, for the permission policy.
public enum Action: String, Sendable, Codable, CaseIterable, Hashable {
    // Listings
    case browseListings = "browse_listings"
    case viewListing = "view_listing"
    case createListing = "create_listing"
    case editListing = "edit_listing"
    case submitListing = "submit_listing"
    case closeListing = "close_listing"
    case verifyListing = "verify_listing"
    // Applications
    case apply
    case viewApplication = "view_application"
    case withdrawApplication = "withdraw_application"
    case answerOffer = "answer_offer"
    case viewApplicants = "view_applicants"
    case moveApplication = "move_application"
    case annotateApplication = "annotate_application"
    case exportApplicants = "export_applicants"
    // Placements (PLACEMENTS.md)
    case viewPlacement = "view_placement"
    case writeLogbook = "write_logbook"
    case reviewLogbook = "review_logbook"
    case evaluatePlacement = "evaluate_placement"
    case terminatePlacement = "terminate_placement"
    case movePlacementDates = "move_placement_dates"
    case assignSupervisor = "assign_supervisor"
    case manageSupervisors = "manage_supervisors"
    case viewStudents = "view_students"
    case manageRegistrationCodes = "manage_registration_codes"
    case importStudents = "import_students"
    case viewReports = "view_reports"
    // Student things
    case manageSavedItems = "manage_saved_items"
    case viewProfile = "view_profile"
    case editProfile = "edit_profile"
    // Organization
    case viewOrganization = "view_organization"
    case editOrganization = "edit_organization"
    // Own account
    case readNotifications = "read_notifications"
    case changeOwnPassword = "change_own_password"
    /// Everything stored about a person, as one document (PLACEMENTS.md, Privacy).
    case exportPersonalData = "export_personal_data"
    // Administration
    case manageUsers = "manage_users"
    case viewAudit = "view_audit"
    case viewSecurity = "view_security"
    case viewHealth = "view_health"
    case manageAlerts = "manage_alerts"
    case manageDatabase = "manage_database"
    /// Anonymise a person (PLACEMENTS.md, Privacy).
    case erasePersonalData = "erase_personal_data"
}

/// Whom a resource belongs to, as far as permissions care.
public struct Ownership: Sendable, Equatable {
    /// The user the resource belongs to (a student's application or profile, a notification).
    public var userID: UserID?
    /// The organization (a listing, its applicants).
    public var organizationID: OrganizationID?
    /// The institution (an institution-only listing, a student's profile).
    public var institutionID: InstitutionID?
    /// The supervisors assigned (a placement).
    public var supervisorIDs: [UserID]

    public init(
        userID: UserID? = nil, organizationID: OrganizationID? = nil, institutionID: InstitutionID? = nil,
        supervisorIDs: [UserID] = []
    ) {
        self.userID = userID
        self.organizationID = organizationID
        self.institutionID = institutionID
        self.supervisorIDs = supervisorIDs
    }

    /// No owner: public things such as the listing catalogue.
    public static let none = Ownership()
}

/// The role × action × ownership table. One place decides every permission; the TUI, CLI and API
/// all reach it through `EdulinkService`.
///
/// ```swift
/// PermissionPolicy.allows(student, .viewApplication, on: Ownership(userID: otherStudent))  // false
/// ```
public enum PermissionPolicy {
    /// How a role's permission for an action depends on ownership.
    public enum Grant: Sendable, Equatable {
        case always
        case never
        /// The principal is the owning user.
        case ownUser
        /// The principal belongs to the owning organization.
        case ownOrganization
        /// The principal belongs to the owning institution.
        case ownInstitution
        /// The principal is one of the assigned supervisors.
        case assigned
    }

    /// The whole table. A missing entry means `.never`.
    public static let table: [Role: [Action: Grant]] = [
        .student: [
            .browseListings: .always, .viewListing: .always, .apply: .always, .viewApplication: .ownUser,
            .withdrawApplication: .ownUser, .answerOffer: .ownUser, .manageSavedItems: .ownUser,
            .viewProfile: .ownUser, .editProfile: .ownUser, .viewOrganization: .always,
            .readNotifications: .ownUser, .changeOwnPassword: .ownUser, .viewPlacement: .ownUser,
            .writeLogbook: .ownUser, .exportPersonalData: .ownUser,
        ],
        .employer: [
            .browseListings: .always, .viewListing: .always, .createListing: .ownOrganization,
            .editListing: .ownOrganization, .submitListing: .ownOrganization, .closeListing: .ownOrganization,
            .viewApplication: .ownOrganization, .viewApplicants: .ownOrganization,
            .moveApplication: .ownOrganization, .annotateApplication: .ownOrganization,
            .exportApplicants: .ownOrganization, .viewProfile: .always, .viewOrganization: .always,
            .editOrganization: .ownOrganization, .readNotifications: .ownUser, .changeOwnPassword: .ownUser,
            .viewPlacement: .ownOrganization, .terminatePlacement: .ownOrganization,
            .movePlacementDates: .ownOrganization, .assignSupervisor: .ownOrganization,
            .manageSupervisors: .ownOrganization, .exportPersonalData: .ownUser,
        ],
        .institutionAdmin: [
            .browseListings: .always, .viewListing: .always, .verifyListing: .ownInstitution,
            .viewApplication: .ownInstitution, .viewProfile: .ownInstitution, .viewOrganization: .always,
            .readNotifications: .ownUser, .changeOwnPassword: .ownUser, .viewPlacement: .ownInstitution,
            .terminatePlacement: .ownInstitution, .assignSupervisor: .ownInstitution,
            .manageSupervisors: .ownInstitution, .viewStudents: .ownInstitution,
            .manageRegistrationCodes: .ownInstitution, .importStudents: .ownInstitution, .viewReports: .ownInstitution,
            .exportPersonalData: .ownUser,
        ],
        .supervisor: [
            .browseListings: .always, .viewListing: .always, .viewOrganization: .always,
            .readNotifications: .ownUser, .changeOwnPassword: .ownUser, .viewPlacement: .assigned,
            .reviewLogbook: .assigned, .evaluatePlacement: .assigned, .exportPersonalData: .ownUser,
        ],
        .admin: [
            .browseListings: .always, .viewListing: .always, .verifyListing: .always, .viewApplication: .always,
            .viewApplicants: .always, .viewProfile: .always, .viewOrganization: .always,
            .editOrganization: .always, .readNotifications: .ownUser, .changeOwnPassword: .ownUser,
            .manageUsers: .always, .viewAudit: .always, .viewSecurity: .always, .viewHealth: .always,
            .manageAlerts: .always, .manageDatabase: .always, .exportApplicants: .always, .viewPlacement: .always,
            .viewStudents: .always, .manageRegistrationCodes: .always, .importStudents: .always, .viewReports: .always,
            .exportPersonalData: .always, .erasePersonalData: .always,
        ],
    ]

    /// The grant of `role` for `action`.
    public static func grant(_ role: Role, _ action: Action) -> Grant {
        table[role]?[action] ?? .never
    }

    /// Whether `principal` may do `action` on a resource with `ownership`.
    public static func allows(_ principal: Principal, _ action: Action, on ownership: Ownership = .none) -> Bool {
        switch grant(principal.role, action) {
        case .always: true
        case .never: false
        case .ownUser: ownership.userID != nil && ownership.userID == principal.userID
        case .ownOrganization:
            principal.organizationID != nil && ownership.organizationID == principal.organizationID
        case .ownInstitution:
            principal.institutionID != nil && ownership.institutionID == principal.institutionID
        case .assigned: ownership.supervisorIDs.contains(principal.userID)
        }
    }
}
