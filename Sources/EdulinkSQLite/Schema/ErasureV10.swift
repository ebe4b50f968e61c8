import EdulinkCore

/// Lets an erasure (PLACEMENTS.md, Privacy) redact the free texts of an application's timeline.
///
/// The timeline stays append-only: the trigger now lets through one kind of update only, one that
/// changes nothing but the free-text columns (`note`, `reason`, `stage_interview_place`,
/// `stage_rejection_note`) and leaves the erasure marker in each it changes. Deletes are still
/// refused by `application_events_no_delete`.
enum ErasureV10 {
    static let identifier = "v10-erasure"

    static let statements = [
        "DROP TRIGGER application_events_no_update",
        """
        CREATE TRIGGER application_events_no_update BEFORE UPDATE ON application_events
        WHEN NOT (
            NEW.id IS OLD.id AND NEW.application_id IS OLD.application_id
            AND NEW.from_status IS OLD.from_status AND NEW.to_status IS OLD.to_status
            AND NEW.actor_id IS OLD.actor_id AND NEW.actor_role IS OLD.actor_role AND NEW.at IS OLD.at
            AND NEW.stage_status IS OLD.stage_status AND NEW.stage_interview_at IS OLD.stage_interview_at
            AND NEW.stage_rejection_reason IS OLD.stage_rejection_reason
            AND NEW.stage_offer_expires_at IS OLD.stage_offer_expires_at
            AND NEW.undoes IS OLD.undoes AND NEW.batch_id IS OLD.batch_id
            AND (NEW.note IS OLD.note OR instr(NEW.note, '\(ErasureRules.marker)') > 0)
            AND (NEW.reason IS OLD.reason OR instr(NEW.reason, '\(ErasureRules.marker)') > 0)
            AND (NEW.stage_interview_place IS OLD.stage_interview_place
                OR instr(NEW.stage_interview_place, '\(ErasureRules.marker)') > 0)
            AND (NEW.stage_rejection_note IS OLD.stage_rejection_note
                OR instr(NEW.stage_rejection_note, '\(ErasureRules.marker)') > 0)
        )
        BEGIN SELECT RAISE(ABORT, 'application_events is append-only: events cannot be changed'); END
        """,
    ]
}
