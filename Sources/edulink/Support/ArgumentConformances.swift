// Role is public in EdulinkCore, so its conformance is public and needs a public import.
public import ArgumentParser
public import EdulinkCore

extension Role: ExpressibleByArgument {}
extension OrganizationSize: ExpressibleByArgument {}
extension InstitutionType: ExpressibleByArgument {}
