-- Ironbridge store, schema version 3: the exposure assumptions saved with
-- an assessment.
--
-- `exposure_assumptions` holds, as JSON in the core format
-- (`SavedAssumptions`), the overrides the exposure screen sets (assumption
-- key to number), the length of the custom outage and the simulation's
-- seed; `{}` when the documented defaults apply, as for every revision
-- written before this version. A change is written to the audit log (entity
-- `assumptions`) like every other save, and a final revision's value is
-- frozen by the triggers on its row.

ALTER TABLE assessment_revisions ADD COLUMN exposure_assumptions TEXT NOT NULL DEFAULT '{}';
