// The profile side by side, what stands between the draft and finalising it, and the lock.
// A finalised checklist is corrected by an amendment: a new draft that keeps the original.
import { useState } from "preact/hooks";
import { api } from "../api";
import type { AssessmentView } from "../bindings/AssessmentView";
import type { Checklist } from "../bindings/Checklist";
import type { Gap } from "../bindings/Gap";
import { AreaProfile, BRITISH_SPELLING, ConfirmStep, ErrorMessage, Field } from "../components";
import { formatStamp } from "../dates";
import { problemOf } from "../problem";
import { navigate } from "../route";

type Props = {
  view: AssessmentView;
  checklist: Checklist;
  onFinalised: () => Promise<unknown>;
  onGoToGap: (gap: Gap) => void;
};

export function FinalisePanel({ view, checklist, onFinalised, onGoToGap }: Props) {
  const a = view.assessment;
  const check = view.finalise_check;
  const finalised = a.status === "finalised";

  return (
    <>
      <section aria-labelledby="profile-title">
        <h3 id="profile-title">The profile</h3>
        <p class="hint">The four areas side by side. There is no overall score.</p>
        <AreaProfile checklist={checklist} areas={view.profile.areas} confirmations={a.confirmations} headingLevel={3} />
      </section>
      {finalised ? (
        <>
          <p class="banner done">Finalised on {formatStamp(a.finalised_at ?? "")}. It can no longer be changed.</p>
          <Amend assessmentId={a.id} />
        </>
      ) : (
        <>
          <section aria-labelledby="check-title" class="finalise-check">
            <h3 id="check-title">Before finalising</h3>
            {check.blocking.length > 0 ? (
              <div class="blocking">
                <p>
                  <strong>These must be put right first:</strong>
                </p>
                <ul>
                  {check.blocking.map((gap) => (
                    <li key={gap.focus}>
                      {gap.message}{" "}
                      <button type="button" class="link-button" onClick={() => onGoToGap(gap)}>
                        Go to it<span class="sr-only">: {gap.message}</span>
                      </button>
                    </li>
                  ))}
                </ul>
              </div>
            ) : (
              <p class="ok">Nothing stops this checklist from being finalised.</p>
            )}
            {check.missing.length > 0 && (
              <div class="missing">
                <p>
                  <strong>Worth checking</strong> (these do not stop you finalising):
                </p>
                <ul>
                  {check.missing.map((m) => (
                    <li key={m}>{m}</li>
                  ))}
                </ul>
              </div>
            )}
          </section>
          <Finalise
            assessmentId={a.id}
            firstGap={check.blocking[0] ?? null}
            onFinalised={onFinalised}
            onGoToGap={onGoToGap}
          />
          <Discard assessmentId={a.id} childId={a.child_id} />
        </>
      )}
    </>
  );
}

type FinaliseProps = {
  assessmentId: number;
  firstGap: Gap | null;
  onFinalised: () => Promise<unknown>;
  onGoToGap: (gap: Gap) => void;
};

/** Finalising with a gap left is refused: the list above says what, and focus goes to the first one. */
function Finalise({ assessmentId, firstGap, onFinalised, onGoToGap }: FinaliseProps) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const finalise = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.finalise(assessmentId);
      await onFinalised();
      document.getElementById("finalised-banner")?.focus();
    } catch (e) {
      setError(problemOf(e).message);
      setBusy(false);
    }
  };
  const start = () => (firstGap ? onGoToGap(firstGap) : setAsking(true));
  return (
    <section aria-labelledby="finalise-title">
      <h3 id="finalise-title">Finalise</h3>
      <ErrorMessage message={error} />
      {!asking ? (
        <button type="button" class="primary" onClick={start}>
          Finalise this checklist
        </button>
      ) : (
        <ConfirmStep confirmLabel="Yes, finalise it" onConfirm={finalise} onCancel={() => setAsking(false)} busy={busy}>
          <p>
            Once finalised, the grades, evidence and sections cannot be changed. A correction is made as an amendment,
            with a reason, and the original is kept. Results of actions can still be recorded at review.
          </p>
        </ConfirmStep>
      )}
    </section>
  );
}

function Amend({ assessmentId }: { assessmentId: number }) {
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<{ message: string; field: string | null } | null>(null);
  const [busy, setBusy] = useState(false);
  const amend = async () => {
    setBusy(true);
    setError(null);
    try {
      const draft = await api.amend(assessmentId, reason);
      navigate({ screen: "checklist", id: draft.id, tab: null });
    } catch (e) {
      const p = problemOf(e);
      setError({ message: p.message, field: p.field });
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="amend-title">
      <h3 id="amend-title">Correct this checklist</h3>
      {!asking ? (
        <button type="button" onClick={() => setAsking(true)}>
          Amend
        </button>
      ) : (
        <ConfirmStep confirmLabel="Start the amendment" onConfirm={amend} onCancel={() => setAsking(false)} busy={busy}>
          <p>An amendment is a new draft with the same content. This finalised version is kept as it is.</p>
          <Field id="amend-reason" label="Why is it being amended?" error={error?.field === "reason" ? error.message : null}>
            {(describedBy, invalid) => (
              <textarea {...BRITISH_SPELLING}
                id="amend-reason"
                rows={3}
                value={reason}
                onInput={(e) => setReason(e.currentTarget.value)}
                aria-describedby={describedBy}
                aria-invalid={invalid}
              />
            )}
          </Field>
          {error && error.field !== "reason" && <ErrorMessage message={error.message} />}
        </ConfirmStep>
      )}
    </section>
  );
}

function Discard({ assessmentId, childId }: { assessmentId: number; childId: number }) {
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const discard = async () => {
    try {
      await api.discardDraft(assessmentId);
      navigate({ screen: "child", id: childId });
    } catch (e) {
      setError(problemOf(e).message);
    }
  };
  return (
    <section aria-labelledby="discard-title">
      <h3 id="discard-title">Discard this draft</h3>
      <ErrorMessage message={error} />
      {!asking ? (
        <button type="button" class="danger" onClick={() => setAsking(true)}>
          Discard this draft
        </button>
      ) : (
        <ConfirmStep danger confirmLabel="Discard the draft" onConfirm={discard} onCancel={() => setAsking(false)}>
          <p>Every grade, piece of evidence, section and action of this draft will be deleted. This cannot be undone.</p>
        </ConfirmStep>
      )}
    </section>
  );
}
