public import EdulinkViewModels

/// What finished async work delivers back to the UI loop: one case per screen's view-model.
public enum AppMessage: Sendable {
    case login(LoginViewModel.Message)
    case session(SessionViewModel.Message)
    case browse(BrowseViewModel.Message)
    case detail(ListingDetailViewModel.Message)
    case apply(ApplyFormViewModel.Message)
    case saved(SavedViewModel.Message)
    case applications(ApplicationsViewModel.Message)
    case notifications(NotificationsViewModel.Message)
    case profile(ProfileViewModel.Message)
    case health(HealthViewModel.Message)
    case data(DataViewModel.Message)
    case employerListings(EmployerListingsViewModel.Message)
    case employerApplicants(ApplicantsViewModel.Message)
    case employerDashboard(EmployerDashboardViewModel.Message)
    case organization(OrganizationViewModel.Message)
    case adminUsers(UsersViewModel.Message)
    case adminVerification(VerificationViewModel.Message)
    case adminSecurity(SecurityViewModel.Message)
    case adminAudit(AuditViewModel.Message)
    case adminOrganizations(OrganizationsViewModel.Message)
    case placements(PlacementsViewModel.Message)
    case logbookQueue(LogbookQueueViewModel.Message)
    case supervisorProfile(SupervisorProfileViewModel.Message)
    case students(StudentsViewModel.Message)
    case reports(ReportsViewModel.Message)
    /// The `:password` form's change finished.
    case password(Result<Void, Failure>)
    /// `:export-my-data` finished: where the file went.
    case exportedMyData(Result<String, Failure>)
    /// A debounced effect was replaced while it waited; nothing to do.
    case dropped
}
