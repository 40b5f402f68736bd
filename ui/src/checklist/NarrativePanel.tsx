// The written sections recorded with every checklist, and the impact on the child per area.
import type { Area } from "../bindings/Area";
import { BRITISH_SPELLING, Tag } from "../components";
import { NARRATIVE_SECTIONS, VOICE_GAPS } from "../labels";

/** Text keys: a section ("worries") or an area's impact ("impact:safety"). */
export const impactKey = (areaId: string) => `impact:${areaId}`;

type Props = {
  areas: Area[];
  texts: Record<string, string>;
  errors: ReadonlyMap<string, string>;
  readOnly: boolean;
  onChange: (key: string, text: string) => void;
};

export const narrativeSaveKey = (key: string) => `narrative:${key}`;

/** The text key (and stored section) of the reason the child's voice is blank. */
export const VOICE_GAP_KEY = "voice_gap";

export function NarrativePanel({ areas, texts, errors, readOnly, onChange }: Props) {
  const box = (key: string, id: string, label: string, hint?: string, familyTitle?: string | null) => {
    const error = errors.get(narrativeSaveKey(key));
    // Said before the hint, so a screen reader hears it on entering the box: this text leaves
    // the professionals' hands, so no third party's details and nothing professional-only.
    const forFamily = familyTitle && (
      <p class="for-family" id={`${id}-family`}>
        <Tag>Printed for the family</Tag> The family summary prints this as “{familyTitle}”. Write it for
        the family to read.
      </p>
    );
    if (readOnly) {
      return (
        <div class="narrative-read" key={key}>
          <h4>{label}</h4>
          {forFamily}
          <p class="multiline">{texts[key]?.trim() ? texts[key] : "Nothing was written."}</p>
        </div>
      );
    }
    return (
      <div class={error ? "field field-invalid" : "field"} key={key}>
        <label for={id}>{label}</label>
        {forFamily}
        {hint && (
          <p class="hint" id={`${id}-hint`}>
            {hint}
          </p>
        )}
        {error && (
          <p class="error" id={`${id}-error`}>
            Not saved: {error}
          </p>
        )}
        <textarea {...BRITISH_SPELLING}
          id={id}
          rows={4}
          value={texts[key] ?? ""}
          onInput={(e) => onChange(key, e.currentTarget.value)}
          aria-describedby={[familyTitle && `${id}-family`, hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ") || undefined}
        />
      </div>
    );
  };

  // A blank child's voice needs a reason chosen from a short list; a baby's day is then observed.
  const voiceGap = () => {
    const value = texts[VOICE_GAP_KEY] ?? "";
    const chosen = VOICE_GAPS.find((g) => g.gap === value);
    if (readOnly) {
      return (
        <div class="narrative-read" key={VOICE_GAP_KEY}>
          <h4>Why the child's voice is not written</h4>
          <p>{chosen ? chosen.label : "No reason was needed."}</p>
        </div>
      );
    }
    const error = errors.get(narrativeSaveKey(VOICE_GAP_KEY));
    return (
      <div class={error ? "field field-invalid" : "field"} key={VOICE_GAP_KEY}>
        <label for="voice-gap">If the child's voice or day is blank, why</label>
        <p class="hint" id="voice-gap-hint">
          A checklist is finalised with the child's own words, or with the reason they could not be heard.
        </p>
        {error && (
          <p class="error" id="voice-gap-error">
            Not saved: {error}
          </p>
        )}
        <select
          id="voice-gap"
          value={value}
          onChange={(e) => onChange(VOICE_GAP_KEY, e.currentTarget.value)}
          aria-describedby={["voice-gap-hint", error && "voice-gap-error"].filter(Boolean).join(" ")}
        >
          <option value="">Not blank: the child's words and day are written above</option>
          {VOICE_GAPS.map((g) => (
            <option key={g.gap} value={g.gap}>
              {g.label}
            </option>
          ))}
        </select>
      </div>
    );
  };

  return (
    <>
      <section aria-labelledby="sections-title">
        <h3 id="sections-title">The child and the family</h3>
        <p class="hint section-intro">
          Sections marked “Printed for the family” make up the family summary, in plain words. Everything else
          stays with the professionals.
        </p>
        {NARRATIVE_SECTIONS.map((s) => [
          box(s.key, `narrative-${s.key}`, s.title, s.hint, s.family_title),
          s.key === "day_in_my_life" && voiceGap(),
        ])}
      </section>
      <section aria-labelledby="impact-title">
        <h3 id="impact-title">Impact on the child</h3>
        <p class="hint">What the care in each area means for the child, day to day and over time.</p>
        {areas.map((a) => box(impactKey(a.id), `impact-${a.id}`, a.name))}
      </section>
    </>
  );
}
