// The family summary's check before printing: each printed part shown as it will print, with
// the names of the others in the household marked as prompts, and confirmed part by part as
// safe to share. A confirmation lapses (the core forgets it) as soon as the words change.
import { useEffect, useState } from "preact/hooks";
import { api } from "../api";
import type { FamilyCheck as Check } from "../bindings/FamilyCheck";
import { ErrorMessage, Tag } from "../components";
import { formatStamp } from "../dates";
import { markNames } from "../highlight";
import { problemOf } from "../problem";

export function FamilyCheck({ childId, onChanged }: { childId: number; onChanged?: () => void }) {
  const [check, setCheck] = useState<Check | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  useEffect(() => {
    // No finalised checklist yet: there is nothing to check, and the print button says why.
    api.familyCheck(childId).then(setCheck, () => setCheck(null));
  }, [childId]);
  if (!check) return null;

  const confirm = async (key: string) => {
    setBusy(key);
    setError(null);
    try {
      setCheck(await api.confirmFamilySection(childId, key));
      onChanged?.();
      document.getElementById(`family-check-${key}-status`)?.focus();
    } catch (e) {
      setError(problemOf(e).message);
    } finally {
      setBusy(null);
    }
  };
  const left = check.sections.filter((s) => !s.checked_at).length;

  return (
    <section aria-labelledby="family-check-title" class="card family-check">
      <h3 id="family-check-title">Check the family summary before printing</h3>
      <p>
        The family summary may be read by anyone in the home. Read each part as it will print, and confirm it holds none
        of these: a new address, anyone else's details, what a child or an adult said in confidence, details of abuse.
      </p>
      {check.household_names.length > 0 && (
        <p class="hint">
          Names of others in the household are <mark class="household-name">marked</mark> as prompts.
        </p>
      )}
      <p id="family-check-left" role="status">
        {left === 0 ? "Every part has been checked." : `${left} ${left === 1 ? "part" : "parts"} still to check.`}
      </p>
      <ErrorMessage message={error} id="family-check-error" />
      {check.sections.map(({ section, checked_by, checked_at }) => (
        <div class="family-section" data-section={section.key} key={section.key}>
          <h4>{section.title}</h4>
          {section.text ? (
            <p class="multiline printed-text">
              {markNames(section.text, check.household_names).map((part, i) =>
                part.name ? (
                  <mark class="household-name" key={i}>
                    {part.text}
                  </mark>
                ) : (
                  part.text
                ),
              )}
            </p>
          ) : (
            <p class="warning-text">Empty: write it on the checklist. The summary is not printed with an empty part.</p>
          )}
          <p id={`family-check-${section.key}-status`} tabIndex={-1} class="check-status">
            {checked_at ? (
              <>
                <Tag tone="done">Checked</Tag> by {checked_by} on {formatStamp(checked_at)}
              </>
            ) : (
              section.text && (
                <button type="button" id={`family-check-${section.key}`} onClick={() => confirm(section.key)} disabled={busy !== null}>
                  I have checked “{section.title}”: it is safe to share
                </button>
              )
            )}
          </p>
        </div>
      ))}
    </section>
  );
}
