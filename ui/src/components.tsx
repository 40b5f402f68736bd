// Small pieces every screen uses. Text is always rendered as text (JSX escapes it): no HTML from user input.
import type { ComponentChildren, JSX } from "preact";
import { useEffect, useLayoutEffect, useRef, useState } from "preact/hooks";
import type { AreaConfirmation } from "./bindings/AreaConfirmation";
import type { AreaScore } from "./bindings/AreaScore";
import type { Checklist } from "./bindings/Checklist";
import { BAND_LABELS, bandOf } from "./labels";
import { problemOf } from "./problem";

/**
 * On every box a practitioner writes evidence or a section in: spelling checked in British
 * English (the shell turns WebKitGTK's checker on with the en_GB dictionary; WebView2 and
 * WKWebView follow the field's language and the system's dictionaries).
 */
export const BRITISH_SPELLING = { spellcheck: true, lang: "en-GB" } as const;

export function ErrorMessage({ message, id }: { message: string | null; id?: string }) {
  if (!message) return null;
  return (
    <p class="error" role="alert" id={id}>
      {message}
    </p>
  );
}

type FieldProps = {
  id: string;
  label: ComponentChildren;
  hint?: ComponentChildren;
  error?: string | null;
  children: (describedBy: string | undefined, invalid: boolean) => ComponentChildren;
};

/** A labelled form field whose hint and error are announced with the control. */
export function Field({ id, label, hint, error, children }: FieldProps) {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ");
  return (
    <div class={error ? "field field-invalid" : "field"}>
      <label for={id}>{label}</label>
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="error" id={`${id}-error`}>
          {error}
        </p>
      )}
      {children(ids || undefined, Boolean(error))}
    </div>
  );
}

type TextFieldProps = Omit<FieldProps, "children"> & {
  value: string | number;
  onValue: (value: string) => void;
  /** The input's other attributes: its type ("password", "number", "email"), autocomplete, size. */
  input?: Omit<JSX.InputHTMLAttributes<HTMLInputElement>, "id" | "value" | "onInput">;
};

/** A labelled one-line input, its hint and error announced with it. */
export function TextField({ value, onValue, input, ...field }: TextFieldProps) {
  return (
    <Field {...field}>
      {(describedBy, invalid) => (
        <input
          {...input}
          id={field.id}
          value={value}
          onInput={(e) => onValue(e.currentTarget.value)}
          aria-describedby={describedBy}
          aria-invalid={invalid}
        />
      )}
    </Field>
  );
}

type DateFieldProps = Omit<FieldProps, "children"> & {
  value: string;
  onValue: (iso: string) => void;
  /** The latest date allowed: today, for what has already happened. */
  max?: string;
  autofocus?: boolean;
};

/** A labelled date field (the value is YYYY-MM-DD), its hint and error announced with it. */
export function DateField({ max, autofocus, ...field }: DateFieldProps) {
  return <TextField {...field} input={{ type: "date", max, autofocus }} />;
}

/** Focus was lost with the old screen (or never placed): not inside the page's main content. */
const focusIsLost = () => {
  const active = document.activeElement;
  return !active || active === document.body || !document.getElementById("main")?.contains(active);
};

/** The page's h1; takes focus when the screen opens so screen readers announce the new page.
 *  A layout effect, so it happens before any key is typed; it leaves an autofocused field alone. */
export function PageTitle({ children }: { children: ComponentChildren }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useLayoutEffect(() => {
    if (focusIsLost()) ref.current?.focus({ preventScroll: true });
  }, []);
  return (
    <h1 tabIndex={-1} ref={ref} id="page-title">
      {children}
    </h1>
  );
}

/** A short label in words (never colour alone): "Draft", "Not yet assessed", "Urgent item". */
export function Tag({ tone = "info", children }: { tone?: "info" | "warn" | "done"; children: ComponentChildren }) {
  return <strong class={`tag tag-${tone}`}>{children}</strong>;
}

export function Loading({ what }: { what: string }) {
  return (
    <p class="loading" aria-busy="true">
      Loading {what}…
    </p>
  );
}

/** Loads data for a screen; `reload` fetches again. Errors arrive as plain sentences. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = () =>
    load()
      .then((d) => {
        setData(d);
        setError(null);
        return d;
      })
      .catch((e) => {
        setError(problemOf(e).message);
        return null;
      });
  useEffect(() => {
    reload();
  }, deps);
  return { data, error, reload, setData };
}

type ConfirmProps = {
  /** What will happen, in words. */
  children: ComponentChildren;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  busy?: boolean;
  disabled?: boolean;
  danger?: boolean;
};

/** A second step before something that cannot be undone; focus moves into it. */
export function ConfirmStep({ children, confirmLabel, onConfirm, onCancel, busy, disabled, danger }: ConfirmProps) {
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    if (!ref.current?.contains(document.activeElement)) ref.current?.focus();
  }, []);
  return (
    <div class={danger ? "confirm danger" : "confirm"} role="group" aria-label="Please confirm" tabIndex={-1} ref={ref}>
      {children}
      <div class="actions">
        <button type="button" class={danger ? "danger" : "primary"} onClick={onConfirm} disabled={busy || disabled}>
          {confirmLabel}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}

/** Computed score in words: "2.4, mostly met" or "not enough evidence". */
export function scoreText(area: AreaScore): string {
  if (area.score === null || !area.band) return "not enough evidence";
  return `${area.score.toFixed(1)}, ${BAND_LABELS[area.band]}`;
}

export function confirmedText(c: AreaConfirmation | undefined): string {
  return c ? `${c.confirmed}, ${BAND_LABELS[bandOf(c.confirmed)]}` : "not confirmed yet";
}

type ProfileProps = {
  checklist: Checklist;
  areas: AreaScore[];
  confirmations: AreaConfirmation[];
  headingLevel?: 2 | 3;
};

/** The areas side by side (never a total): confirmed grade, computed score, urgent items, completeness. */
export function AreaProfile({ checklist, areas, confirmations, headingLevel = 3 }: ProfileProps) {
  const titles = new Map(checklist.areas.flatMap((a) => a.subareas.flatMap((s) => s.items.map((i) => [i.id, i.title]))));
  const H = headingLevel === 2 ? "h2" : "h3";
  return (
    <ul class="profile">
      {areas.map((area) => {
        const c = confirmations.find((x) => x.area_id === area.id);
        return (
          <li key={area.id} class="profile-area" data-area-id={area.id}>
            <H class="profile-name">{area.name}</H>
            <dl>
              <div>
                <dt>Confirmed grade</dt>
                <dd class="confirmed">{confirmedText(c)}</dd>
              </div>
              <div>
                <dt>Computed score</dt>
                <dd class="computed">{scoreText(area)}</dd>
              </div>
              <div>
                <dt>Graded</dt>
                <dd>
                  {area.graded} of {area.applicable} ({area.completeness_percent}%)
                </dd>
              </div>
            </dl>
            {area.urgent_items.length > 0 && (
              <p class="urgent">
                <Tag tone="warn">Urgent item</Tag> graded 5 or at its serious grade: {area.urgent_items.map((id) => titles.get(id) ?? id).join("; ")}
              </p>
            )}
          </li>
        );
      })}
    </ul>
  );
}
