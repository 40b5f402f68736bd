import { api } from "../api";
import type { HouseholdChild } from "../bindings/HouseholdChild";
import type { Checklist } from "../bindings/Checklist";
import { AreaProfile, ErrorMessage, Loading, PageTitle, Tag, useLoad } from "../components";
import { ageText, formatDate } from "../dates";
import { HouseholdAdults } from "./Adults";

/** Every child of a household side by side, so that no child is missed. */
export function HouseholdPage({ id }: { id: number }) {
  const overview = useLoad(() => api.householdOverview(id), [id]);
  const checklist = useLoad(() => api.checklist(), []);
  const o = overview.data;

  return (
    <>
      <p class="breadcrumbs">
        <a href="#/">Children</a>
      </p>
      <PageTitle>{o ? `Household: ${o.household.name}` : "Household"}</PageTitle>
      <ErrorMessage message={overview.error ?? checklist.error} />
      {!o && !overview.error && <Loading what="the household" />}
      {o && checklist.data && (
        <>
          <p class="lead">
            Every child in the household with their latest checklist. A child with no finalised checklist while another
            child here has one is marked “Not yet assessed”, whatever the other children's review dates.
          </p>
          <ul class="household-children">
            {o.children.map((hc) => (
              <HouseholdChildCard key={hc.child.id} hc={hc} checklist={checklist.data!} />
            ))}
          </ul>
          <HouseholdAdults householdId={id} />
        </>
      )}
    </>
  );
}

function HouseholdChildCard({ hc, checklist }: { hc: HouseholdChild; checklist: Checklist }) {
  const { child, latest, latest_profile } = hc;
  // The latest checklist's own words (its version), for the titles of its urgent items.
  const words = useLoad(() => api.checklist(latest?.checklist_hash), [latest?.checklist_hash]);
  return (
    <li class="card wide" data-child-id={child.id}>
      <h2>
        <a href={`#/child/${child.id}`}>{child.name}</a>
      </h2>
      <p>
        {ageText(child.date_of_birth, child.unborn)}
        {hc.not_yet_assessed && (
          <>
            {" "}
            <Tag tone="warn">Not yet assessed</Tag>
          </>
        )}
      </p>
      {hc.not_yet_assessed && (
        <p class="warning-text">
          {latest ? "No finalised checklist yet (only a draft)" : "No checklist yet"}, while another child in this
          household has one.{" "}
          <a href={`#/child/${child.id}/start`}>
            Start a checklist<span class="sr-only"> for {child.name}</span>
          </a>
        </p>
      )}
      {latest && latest_profile ? (
        <>
          <p class="latest">
            Latest checklist: <a href={`#/checklist/${latest.id}`}>{formatDate(latest.assessed_on)}</a>{" "}
            {latest.status === "finalised" ? <Tag tone="done">Finalised</Tag> : <Tag>Draft</Tag>} by{" "}
            {latest.assessor.name} ({latest.assessor.agency})
          </p>
          <AreaProfile checklist={words.data ?? checklist} areas={latest_profile.areas} confirmations={latest.confirmations} />
        </>
      ) : (
        !hc.not_yet_assessed && <p class="latest">No checklist yet.</p>
      )}
    </li>
  );
}
