-- Ironbridge store, schema version 4: the roadmap plan.
--
-- `roadmap_plan` holds, as JSON in the core format (question id to
-- `PlanItem`: owner, target date, effort, status, note), the plan for closing
-- each gap of the roadmap; `{}` when no entry is set, as for every revision
-- written before this version. A change to one entry is written to the audit
-- log (entity `plan`, keyed by the question) like every other save, and a
-- final revision's value is frozen by the triggers on its row.

ALTER TABLE assessment_revisions ADD COLUMN roadmap_plan TEXT NOT NULL DEFAULT '{}';
