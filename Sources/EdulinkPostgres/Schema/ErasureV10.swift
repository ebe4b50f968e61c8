import EdulinkCore

/// Lets an erasure (PLACEMENTS.md, Privacy) redact the free texts of an application's timeline.
///
/// The timeline stays append-only: the trigger function now lets through one kind of update only,
/// one that changes nothing but the free-text columns (`note`, `reason`, `stage_interview_place`,
/// `stage_rejection_note`) and leaves the erasure marker in each it changes. Deletes and
/// truncation are still refused.
enum ErasureV10 {
    static let identifier = "v10-erasure"

    private static let texts = ["note", "reason", "stage_interview_place", "stage_rejection_note"]

    static let statements = [
        """
        CREATE OR REPLACE FUNCTION application_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'UPDATE'
                AND (to_jsonb(NEW) - ARRAY[\(texts.map { "'\($0)'" }.joined(separator: ", "))])
                    = (to_jsonb(OLD) - ARRAY[\(texts.map { "'\($0)'" }.joined(separator: ", "))])
                \(texts.map { "AND (NEW.\($0) IS NOT DISTINCT FROM OLD.\($0) OR strpos(NEW.\($0), '\(ErasureRules.marker)') > 0)" }.joined(separator: "\n        "))
            THEN
                RETURN NEW;
            END IF;
            RAISE EXCEPTION 'application_events is append-only: events cannot be %',
                CASE TG_OP WHEN 'UPDATE' THEN 'changed' ELSE 'deleted' END
                USING ERRCODE = 'restrict_violation';
        END $$
        """
    ]
}
