// The checklist screen: one tab per area (items, then the area summary), the written sections,
// the actions, and finalising. Every change is saved as it is made.
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from "preact/hooks";
import { api } from "../api";
import { AGE_BAND_LABELS, ageBandOn, itemsFor, type ForChild } from "../ageBand";
import { Autosave, saveStatusText, type SaveStatus } from "../autosave";
import type { AssessmentView } from "../bindings/AssessmentView";
import type { Gap } from "../bindings/Gap";
import type { Checklist as ChecklistContent } from "../bindings/Checklist";
import type { ItemRecord } from "../bindings/ItemRecord";
import type { Narrative } from "../bindings/Narrative";
import { ActionsPanel } from "../checklist/ActionsPanel";
import { AreaPanel, itemKey } from "../checklist/AreaPanel";
import { FinalisePanel } from "../checklist/FinalisePanel";
import { focusGap } from "../checklist/gaps";
import { emptyRecord, type ItemChange } from "../checklist/ItemCard";
import { impactKey, NarrativePanel, narrativeSaveKey, VOICE_GAP_KEY } from "../checklist/NarrativePanel";
import { ErrorMessage, Loading, PageTitle, Tag, useLoad } from "../components";
import { amendedByText } from "../amendment";
import { formatDate, formatStamp } from "../dates";
import { NARRATIVE_SECTIONS } from "../labels";
import { problemOf } from "../problem";
import { navigate } from "../route";
import { ManagerReviewSection } from "../oversight/ManagerReview";
import { percent, progressOf, sumProgress } from "../progress";

const textsOf = (n: Narrative): Record<string, string> => {
  const texts: Record<string, string> = {};
  for (const { key } of NARRATIVE_SECTIONS) texts[key] = n[key];
  for (const [area, text] of Object.entries(n.impact)) texts[impactKey(area)] = text ?? "";
  texts[VOICE_GAP_KEY] = n.voice_gap ?? "";
  return texts;
};

export function Checklist({ id, tab }: { id: number; tab: string | null }) {
  const [view, setView] = useState<AssessmentView | null>(null);
  const [content, setContent] = useState<ChecklistContent | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  // The practitioner's work is kept here (not re-read after each save), so typing is never overwritten.
  const records = useRef<Record<string, ItemRecord>>({});
  const texts = useRef<Record<string, string>>({});
  const [, rerender] = useState(0);
  const [save, setSave] = useState<SaveStatus>({ pending: 0, savedAt: null, errors: new Map() });

  const refresh = () =>
    api
      .assessmentView(id)
      .then((v) => {
        setView(v);
        setLoadError(null);
      })
      .catch((e) => setLoadError(problemOf(e).message));
  // When the saves have settled, fetch the computed profile and the finalise check again.
  const autosave = useMemo(() => new Autosave(setSave, 500, refresh), [id]);

  useEffect(() => {
    // The words this checklist was graded on (its own version), not necessarily the newest.
    api
      .assessmentView(id)
      .then((v) => Promise.all([v, api.checklist(v.assessment.checklist_hash)]))
      .then(([v, c]) => {
        records.current = Object.fromEntries(v.assessment.items.map((i) => [i.item_id, i]));
        texts.current = textsOf(v.assessment.narrative);
        setContent(c);
        setView(v);
      })
      .catch((e) => setLoadError(problemOf(e).message));
    return () => void autosave.close();
  }, [id]);

  // The household's adults, whom an item may concern (the core refuses anyone else).
  const householdId = view?.child.household_id ?? null;
  const adults = useLoad(() => (householdId === null ? Promise.resolve([]) : api.householdAdults(householdId)), [householdId]);

  // Moving to another tab by the keyboard or a click puts focus on that tab's heading; going
  // to a gap the finalise check found puts it on the field that fills the gap.
  const lastTab = useRef(tab);
  const pendingGap = useRef<Gap | null>(null);
  useLayoutEffect(() => {
    if (lastTab.current !== tab) {
      lastTab.current = tab;
      const gap = pendingGap.current;
      pendingGap.current = null;
      if (!gap || !focusGap(gap)) {
        document.getElementById("tab-title")?.focus({ preventScroll: true });
        window.scrollTo(0, 0);
      }
      if (tab === "finalise") autosave.flush().then(refresh);
    }
  }, [tab]);
  const goToGap = (gap: Gap) => {
    pendingGap.current = gap;
    navigate({ screen: "checklist", id, tab: gap.tab });
  };

  if (loadError && !view) {
    return (
      <>
        <PageTitle>Checklist</PageTitle>
        <ErrorMessage message={loadError} />
      </>
    );
  }
  if (!view || !content) return <Loading what="the checklist" />;

  const { assessment: a, child } = view;
  const finalised = a.status === "finalised";
  const band = ageBandOn(child.date_of_birth, a.assessed_on);
  const areas = content.areas;
  const currentTab = tab ?? areas[0].id;
  const forChild: ForChild = {
    hasDisability: child.has_disability,
    graded: (itemId) => ["1", "2", "3", "4", "5"].includes(records.current[itemId]?.grade ?? ""),
  };
  const progressByArea = new Map(
    areas.map((area) => [area.id, progressOf(itemsFor(area, band, forChild), (itemId) => records.current[itemId]?.grade)]),
  );
  const overall = sumProgress([...progressByArea.values()]);

  const onItemChange =
    (itemId: string): ItemChange =>
    (patch, when) => {
      records.current = { ...records.current, [itemId]: { ...(records.current[itemId] ?? emptyRecord(itemId)), ...patch } };
      rerender((n) => n + 1);
      const job = () => api.saveItem(id, records.current[itemId]);
      if (when === "now") autosave.now(itemKey(itemId), job);
      else autosave.later(itemKey(itemId), job);
    };

  const onTextChange = (key: string, text: string) => {
    texts.current = { ...texts.current, [key]: text };
    rerender((n) => n + 1);
    const [section, areaId] = key.startsWith("impact:") ? ["impact", key.slice(7)] : [key, null];
    autosave.later(narrativeSaveKey(key), () => api.saveNarrative(id, section, areaId, texts.current[key]));
  };

  const onConfirm = (areaId: string) => async (grade: number, reason: string) => {
    await autosave.flush(); // the core scores what is saved: every grade must be in first
    await api.confirmArea(id, areaId, grade, reason);
    await refresh();
  };

  const tabs = [
    ...areas.map((area) => ({ id: area.id, name: area.name })),
    { id: "about", name: "About the child" },
    { id: "actions", name: "Actions" },
    { id: "finalise", name: finalised ? "Profile" : "Finalise" },
  ];
  const tabName = tabs.find((t) => t.id === currentTab)?.name ?? "";
  const area = areas.find((x) => x.id === currentTab);

  return (
    <div class="checklist" data-assessment-id={a.id} data-status={a.status}>
      <p class="breadcrumbs">
        <a href={`#/child/${child.id}`}>{child.name}</a>
      </p>
      <PageTitle>Checklist for {child.name}</PageTitle>
      <p class="meta">
        {formatDate(a.assessed_on)} · {a.assessor.name}
        {a.assessor.role && `, ${a.assessor.role}`} ({a.assessor.agency}) · review round {a.review_round} · age band{" "}
        {AGE_BAND_LABELS[band]}
      </p>
      {a.amends !== null && (
        <p class="meta amendment">
          An amendment of an earlier finalised checklist. Reason: <span class="multiline">{a.amendment_reason}</span>
          <br />
          <span class="amended-by">{amendedByText(a.amended_by, a.amended_at)}.</span>
        </p>
      )}
      {a.checklist_hash !== content.hash && (
        <p class="warning-text">
          This checklist was started with version {a.checklist_version} of the items; the words shown are those of
          version {content.version}.
        </p>
      )}
      {finalised ? (
        <p class="banner done" id="finalised-banner" tabIndex={-1}>
          <Tag tone="done">Finalised</Tag> Finalised on {formatStamp(a.finalised_at ?? "")}. Read only: to correct it,
          amend it (on the {tabs[tabs.length - 1].name} tab).
        </p>
      ) : (
        <p class="banner">
          <Tag>Draft</Tag> Every change is saved as you make it.
        </p>
      )}

      <ErrorMessage message={loadError ?? adults.error} />
      <nav aria-label="Checklist sections" class="tabs">
        <ul>
          {tabs.map((t) => {
            const p = progressByArea.get(t.id);
            const confirmed = a.confirmations.find((c) => c.area_id === t.id);
            return (
              <li key={t.id}>
                <a href={`#/checklist/${id}/${t.id}`} aria-current={t.id === currentTab ? "page" : undefined}>
                  <span class="tab-name">{t.name}</span>
                  {p && (
                    <span class="tab-progress">
                      {p.graded}/{p.applicable}
                      <span class="sr-only"> graded</span>
                      {confirmed && `, grade ${confirmed.confirmed}`}
                    </span>
                  )}
                </a>
              </li>
            );
          })}
        </ul>
      </nav>
      {/* One slim line stays in view while scrolling (more would hide the items at 200% zoom). */}
      <div class="status-line">
        <p class="overall" id="overall-progress">
          Overall: {overall.graded} of {overall.applicable} graded ({percent(overall)}%)
        </p>
        {!finalised && (
          <p
            role="status"
            aria-live="polite"
            class={save.errors.size > 0 && save.pending === 0 ? "save-status error" : "save-status"}
            id="save-status"
          >
            {saveStatusText(save)}
          </p>
        )}
      </div>

      <section class="tab-panel" aria-labelledby="tab-title">
        <h2 id="tab-title" tabIndex={-1}>
          {tabName}
        </h2>
        {area && (
          <AreaPanel
            key={area.id}
            area={area}
            band={band}
            forChild={forChild}
            childName={child.name}
            childId={child.id}
            records={records.current}
            adults={adults.data ?? []}
            errors={save.errors}
            readOnly={finalised}
            score={view.profile.areas.find((s) => s.id === area.id)}
            confirmation={a.confirmations.find((c) => c.area_id === area.id)}
            saving={save.pending > 0}
            onItemChange={onItemChange}
            onConfirm={onConfirm(area.id)}
          />
        )}
        {currentTab === "about" && (
          <NarrativePanel areas={areas} texts={texts.current} errors={save.errors} readOnly={finalised} onChange={onTextChange} />
        )}
        {currentTab === "actions" && (
          <ActionsPanel assessmentId={a.id} actions={a.actions} areas={areas} finalised={finalised} onChanged={refresh} />
        )}
        {currentTab === "finalise" && (
          <FinalisePanel view={view} checklist={content} onFinalised={refresh} onGoToGap={goToGap} />
        )}
        {currentTab === "finalise" && finalised && <ManagerReviewSection assessment={a} />}
      </section>
    </div>
  );
}
